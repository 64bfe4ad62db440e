package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.schemas.BoundedDeadLetters;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a rejected input record into a dead letter and forwards it to the dead-letter sink, bounded
 * by the shared {@link BoundedDeadLetters}: a dead letter that did not fit in a Kafka record would
 * kill the stream thread, and a restarted scorer would meet the same record again.
 */
final class DeadLetters {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private DeadLetters() {}

  /** The original key and value bytes, bounded; the key also as the dead letter's key. */
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
    BoundedDeadLetters.Outgoing out =
        BoundedDeadLetters.of(
            new BoundedDeadLetters.Source(sourceTopic, sourcePartition, sourceOffset),
            record.key(),
            record.value(),
            record.headers(),
            why.stage.label,
            why.getMessage(),
            Instant.ofEpochMilli(System.currentTimeMillis()));
    // Debug only: a flood of bad input must not flood the log; the topic keeps every one.
    LOG.debug(
        "dead letter from {}-{}@{} at {}: {}",
        sourceTopic,
        sourcePartition,
        sourceOffset,
        out.letter().getStage(),
        out.letter().getReason());
    context.forward(
        new Record<Object, Object>(out.key(), out.letter(), record.timestamp(), out.headers()),
        ScorerTopology.DEAD_LETTER_SINK);
  }

  static String hex(byte[] bytes, int max) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(bytes.length, max); i++) {
      out.append(i == 0 ? "" : " ").append(String.format("%02X", bytes[i]));
    }
    return bytes.length > max ? out + " …" : out.toString();
  }
}
