package fr.pretadepenser.scoring.schemas;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic's name with the serdes of its keys and values, so producers and consumers cannot
 * pair a topic with the wrong format, and the topic configs it must be created with (cleanup
 * policy, retention, message size: see {@link Topics} for the values and why).
 *
 * @param name full topic name, prefix included
 * @param keySerde how keys are written
 * @param valueSerde how values are written
 * @param configs Kafka topic configs ({@code cleanup.policy}, {@code retention.ms}, ...) applied at
 *     creation and checked at start; immutable, in a stable order
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> configs) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    // LinkedHashMap then unmodifiable: Map.copyOf would lose the order the catalogue wrote them in.
    configs = Collections.unmodifiableMap(new LinkedHashMap<>(configs));
  }

  /** A topic with no configs of its own (the broker's defaults apply): for tests and tools. */
  public Topic(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    this(name, keySerde, valueSerde, Map.of());
  }

  /**
   * The configs for a topic of {@code replication} replicas: {@link #configs()}, plus {@code
   * min.insync.replicas} when there is more than one replica. With producers on {@code acks=all}, a
   * write is then on at least two replicas (on one fewer than the replicas for two or three), so
   * losing one broker loses no acknowledged record, while one broker down still leaves the topic
   * writable. With one replica Kafka's default of 1 is the only possible value.
   */
  public Map<String, String> configsFor(int replication) {
    Map<String, String> all = new LinkedHashMap<>(configs);
    if (replication > 1) {
      all.put(
          TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(Math.min(2, replication - 1)));
    }
    return all;
  }

  /** This topic to create with {@code partitions} and {@code replication}, configs included. */
  public NewTopic newTopic(int partitions, short replication) {
    return new NewTopic(name, partitions, replication).configs(configsFor(replication));
  }

  /**
   * This topic to create with {@code partitions} and the cluster's default replication (not known
   * here, so no {@code min.insync.replicas}: the broker's own default applies).
   */
  public NewTopic newTopic(int partitions) {
    return new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs);
  }

  @Override
  public String toString() {
    return name;
  }
}
