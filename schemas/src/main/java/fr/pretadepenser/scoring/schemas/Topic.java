package fr.pretadepenser.scoring.schemas;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic's name with the serdes of its keys and values, so producers and consumers cannot
 * pair a topic with the wrong format.
 *
 * @param name full topic name, prefix included
 * @param keySerde how keys are written
 * @param valueSerde how values are written
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
  }

  @Override
  public String toString() {
    return name;
  }
}
