package fr.pretadepenser.scoring.schemas;

import fr.pretadepenser.scoring.events.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the dead-letter record for a rejected input record, bounded so that it always fits in a
 * Kafka record: the one builder of the scorer, the explainer and the monitor.
 *
 * <p>Why a bound: a dead letter wraps the original value, so an original just under the 1 MiB
 * message limit made a dead letter over it. The producer then refused it, the scorer's stream
 * thread died, and a restarted scorer met the same record again; the explainer rolled its
 * transaction back in a loop. Here:
 *
 * <ul>
 *   <li>the value is kept whole up to {@link Limits#maxValueBytes}; beyond that only its prefix is
 *       kept, with {@code truncated = true}. {@code value_size} and {@code value_sha256} always
 *       describe the whole original, so it can be found and compared at its source;
 *   <li>the key (also the dead-letter record's key) is cut to {@link Limits#maxKeyBytes}, saying so
 *       in the reason;
 *   <li>the reason is cut to {@link Limits#maxReasonChars} characters (a reason can quote input),
 *       the stage and the source topic name to {@value #MAX_NAME_CHARS};
 *   <li>the original headers go on while they fit in {@link Limits#maxHeaderBytes}; the reason says
 *       how many were left out.
 * </ul>
 *
 * <p>With the default limits, a dead letter is at most about 950 KiB on the wire, below Kafka's
 * default {@code max.request.size} and {@code message.max.bytes} (1 MiB); a test checks the worst
 * case through the real producer.
 */
public final class BoundedDeadLetters {

  /** Longest stage and source topic name kept (Kafka's own topic name limit is 249). */
  public static final int MAX_NAME_CHARS = 256;

  /**
   * How much of a rejected record a dead letter keeps.
   *
   * @param maxKeyBytes key bytes kept (the topics' keys are 8-byte client ids)
   * @param maxValueBytes value bytes kept; a longer value is kept as this prefix
   * @param maxReasonChars characters of the reason kept
   * @param maxHeaderBytes total bytes (keys in UTF-8 plus values) of the original headers kept
   */
  public record Limits(int maxKeyBytes, int maxValueBytes, int maxReasonChars, int maxHeaderBytes) {

    /** 1 KiB of key, 900 KiB of value, 4,096 characters of reason, 16 KiB of headers. */
    public static final Limits DEFAULT = new Limits(1024, 900 * 1024, 4096, 16 * 1024);

    public Limits {
      if (maxKeyBytes < 0 || maxValueBytes < 0 || maxHeaderBytes < 0) {
        throw new IllegalArgumentException("negative limit in " + this);
      }
      if (maxReasonChars < 64) {
        throw new IllegalArgumentException(
            "maxReasonChars must be at least 64, not " + maxReasonChars);
      }
    }
  }

  /** Where the rejected record was read. */
  public record Source(String topic, int partition, long offset) {
    public Source {
      Objects.requireNonNull(topic, "topic");
    }
  }

  /**
   * What to send to the dead-letter topic: the record key (the original key, bounded), the dead
   * letter, and the original headers that fit.
   */
  public record Outgoing(byte[] key, DeadLetter letter, Headers headers) {}

  private BoundedDeadLetters() {}

  /** {@link #of(Source, byte[], byte[], Headers, String, String, Instant, Limits)} by default. */
  public static Outgoing of(
      Source source,
      byte[] key,
      byte[] value,
      Headers headers,
      String stage,
      String reason,
      Instant failedAt) {
    return of(source, key, value, headers, stage, reason, failedAt, Limits.DEFAULT);
  }

  /**
   * The bounded dead letter of one rejected record.
   *
   * @param key the original key, or null
   * @param value the original value, or null (a tombstone)
   * @param headers the original headers, or null
   * @param stage which service and step rejected it, {@code <service>/<step>}
   * @param reason why, for a person to read
   */
  public static Outgoing of(
      Source source,
      byte[] key,
      byte[] value,
      Headers headers,
      String stage,
      String reason,
      Instant failedAt,
      Limits limits) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(failedAt, "failedAt");
    StringBuilder notes = new StringBuilder();
    byte[] keptKey = key;
    if (key != null && key.length > limits.maxKeyBytes()) {
      keptKey = Arrays.copyOf(key, limits.maxKeyBytes());
      notes
          .append(" [key: ")
          .append(key.length)
          .append(" bytes, the first ")
          .append(limits.maxKeyBytes())
          .append(" kept]");
    }
    Headers keptHeaders = new RecordHeaders();
    if (headers != null) {
      long budget = limits.maxHeaderBytes();
      int dropped = 0;
      for (Header h : headers) {
        long size = headerBytes(h);
        if (size <= budget) {
          keptHeaders.add(h);
          budget -= size;
        } else {
          dropped++;
        }
      }
      if (dropped > 0) {
        notes.append(" [").append(dropped).append(" header(s) left out: too large]");
      }
    }
    boolean truncated = value != null && value.length > limits.maxValueBytes();
    byte[] keptValue = truncated ? Arrays.copyOf(value, limits.maxValueBytes()) : value;
    String why = reason == null || reason.isBlank() ? "(no reason given)" : reason;
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setSourceTopic(cut(source.topic(), MAX_NAME_CHARS))
            .setSourcePartition(source.partition())
            .setSourceOffset(source.offset())
            .setKey(keptKey == null ? null : ByteBuffer.wrap(keptKey))
            .setValue(keptValue == null ? null : ByteBuffer.wrap(keptValue))
            // The notes are short and say what the dead letter lacks: they survive the cut.
            .setReason(cut(why, limits.maxReasonChars() - notes.length()) + notes)
            .setStage(
                cut(stage == null || stage.isBlank() ? "unknown/unknown" : stage, MAX_NAME_CHARS))
            .setFailedAt(failedAt)
            .setValueSize(value == null ? 0 : value.length)
            .setValueSha256(value == null ? null : sha256(value))
            .setTruncated(truncated)
            .build();
    return new Outgoing(keptKey, letter, keptHeaders);
  }

  /**
   * {@code text} if it has at most {@code max} characters, else its beginning and a note of how
   * much was cut, {@code max} characters in all. A surrogate pair is never split.
   */
  public static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    String note = "… (" + (text.length()) + " characters, cut)";
    int keep = Math.max(0, max - note.length());
    if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--;
    }
    return text.substring(0, keep) + note;
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static long headerBytes(Header h) {
    long keyBytes = h.key() == null ? 0 : h.key().getBytes(StandardCharsets.UTF_8).length;
    return keyBytes + (h.value() == null ? 0 : h.value().length);
  }
}
