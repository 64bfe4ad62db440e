package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.events.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a rejected input record into a dead letter and forwards it to the dead-letter sink. */
final class DeadLetters {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private DeadLetters() {}

  /** The original key and value bytes go out unchanged, the key also as the dead letter's key. */
  static void send(
      ProcessorContext<Object, Object> context, Record<byte[], byte[]> record, Rejected why) {
    Optional<RecordMetadata> source = context.recordMetadata();
    send(
        context,
        record,
        why,
        source.map(RecordMetadata::topic).orElse("unknown"),
        source.map(RecordMetadata::partition).orElse(-1),
        source.map(RecordMetadata::offset).orElse(-1L));
  }

  /**
   * For a record read earlier than the one being processed (an application that waited for its
   * history), whose source the context no longer knows.
   */
  static void send(
      ProcessorContext<Object, Object> context,
      Record<byte[], byte[]> record,
      Rejected why,
      String sourceTopic,
      int sourcePartition,
      long sourceOffset) {
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setSourceTopic(sourceTopic)
            .setSourcePartition(sourcePartition)
            .setSourceOffset(sourceOffset)
            .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
            .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
            .setReason(why.getMessage())
            .setStage(why.stage.label)
            .setFailedAt(Instant.ofEpochMilli(System.currentTimeMillis()))
            .build();
    // Debug only: a flood of bad input must not flood the log; the topic keeps every one.
    LOG.debug(
        "dead letter from {}-{}@{} at {}: {}",
        letter.getSourceTopic(),
        letter.getSourcePartition(),
        letter.getSourceOffset(),
        letter.getStage(),
        letter.getReason());
    context.forward(record.withValue(letter), ScorerTopology.DEAD_LETTER_SINK);
  }

  static String hex(byte[] bytes, int max) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(bytes.length, max); i++) {
      out.append(i == 0 ? "" : " ").append(String.format("%02X", bytes[i]));
    }
    return bytes.length > max ? out + " …" : out.toString();
  }
}
