package fr.pretadepenser.scoring.schemas.audit;

import fr.pretadepenser.scoring.events.DecisionOverride;
import fr.pretadepenser.scoring.schemas.Topic;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The trail as it is on Kafka: every committed record of {@code decision-overrides}, from the first
 * to the end at the time of the call (read_committed: an aborted append is not part of it), in
 * offset order. {@code bin/scoring audit verify} and {@code audit export} are this class.
 */
public final class TrailTopic {

  /** What is done with each record read. */
  public interface Visitor {
    /** A record that decodes as an entry. */
    void entry(DecisionOverride entry) throws IOException;

    /** A record at {@code offset} that does not ({@code why}). */
    void unreadable(long offset, String why) throws IOException;
  }

  private TrailTopic() {}

  /**
   * Reads the whole topic into {@code visitor}; returns the records read.
   *
   * @param timeout the longest wait for Kafka without progress
   * @throws IllegalArgumentException when the topic does not exist, or has more than one partition
   * @throws TimeoutException when Kafka does not answer
   */
  public static long read(
      String bootstrapServers,
      Topic<String, DecisionOverride> topic,
      Duration timeout,
      Visitor visitor)
      throws IOException {
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "scoring-audit",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = c.partitionsFor(topic.name(), timeout);
      if (partitions == null || partitions.isEmpty()) {
        throw new IllegalArgumentException(
            "topic " + topic.name() + " does not exist: no oversight trail was written there");
      }
      if (partitions.size() != 1) {
        throw new IllegalArgumentException(
            "topic "
                + topic.name()
                + " has "
                + partitions.size()
                + " partitions: an oversight trail has exactly one");
      }
      TopicPartition tp = new TopicPartition(topic.name(), 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp), timeout).get(tp);
      long read = 0;
      long lastProgress = System.nanoTime();
      while (c.position(tp, timeout) < end) {
        boolean progress = false;
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          if (r.offset() >= end) {
            continue;
          }
          progress = true;
          read++;
          DecisionOverride e;
          try {
            e = topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
          } catch (RuntimeException bad) {
            visitor.unreadable(
                r.offset(), bad.getClass().getSimpleName() + ": " + bad.getMessage());
            continue;
          }
          visitor.entry(e);
        }
        if (progress) {
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
          throw new TimeoutException(
              "reading " + topic.name() + " made no progress for " + timeout);
        }
      }
      return read;
    }
  }

  /** Verifies the trail on Kafka. */
  public static ChainVerifier.Verdict verify(
      String bootstrapServers, Topic<String, DecisionOverride> topic, Duration timeout)
      throws IOException {
    ChainVerifier v = new ChainVerifier();
    read(
        bootstrapServers,
        topic,
        timeout,
        new Visitor() {
          @Override
          public void entry(DecisionOverride entry) {
            v.accept(entry);
          }

          @Override
          public void unreadable(long offset, String why) {
            v.unreadable("offset " + offset + ": " + why);
          }
        });
    return v.verdict();
  }

  /**
   * Copies the trail on Kafka to {@code out}, one {@link TrailFile} line an entry; a record that
   * does not decode is written as a line that says so (and that the verifier refuses), so that the
   * copy shows it. Returns the records copied.
   */
  public static long export(
      String bootstrapServers, Topic<String, DecisionOverride> topic, Duration timeout, Writer out)
      throws IOException {
    return read(
        bootstrapServers,
        topic,
        timeout,
        new Visitor() {
          @Override
          public void entry(DecisionOverride entry) throws IOException {
            TrailFile.write(out, entry);
          }

          @Override
          public void unreadable(long offset, String why) throws IOException {
            out.write("{\"unreadable_record_at_offset\":" + offset + "}\n");
          }
        });
  }
}
