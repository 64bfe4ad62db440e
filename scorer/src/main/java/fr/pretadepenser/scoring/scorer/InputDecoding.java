package fr.pretadepenser.scoring.scorer;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decoding inside the topology rather than in the source's deserializers: a record that does not
 * decode becomes a dead letter with its bytes and the decoder's reason, and the stream goes on. (A
 * deserialization exception handler could only log and skip it, or stop the stream.)
 */
final class InputDecoding {

  /**
   * The largest input value the scorer takes. The sample's largest history event is under 2 KB and
   * an application under 4 KB; what the scorer does with a value (a history store entry and its
   * changelog record, a pending application, a decision carrying the application id) must stay well
   * inside Kafka's 1 MiB record limit, or the write would kill the stream thread. Far above any
   * real event, far below the limit.
   */
  static final int MAX_VALUE_BYTES = 64 * 1024;

  private InputDecoding() {}

  /** The client id of a record key: an 8-byte big-endian long, as Kafka's LongSerializer writes. */
  static long clientId(byte[] key) throws Rejected {
    if (key == null) {
      throw new Rejected(
          Stage.DECODE, "the record has no key; the key must be the client id (SK_ID_CURR)");
    }
    if (key.length != Long.BYTES) {
      throw new Rejected(
          Stage.DECODE,
          "the key is "
              + key.length
              + " bytes ("
              + DeadLetters.hex(key, 16)
              + "), not an 8-byte long client id (SK_ID_CURR) as Kafka's LongSerializer writes it");
    }
    return ByteBuffer.wrap(key).getLong();
  }

  /** The value decoded, or the decoder's own explanation of why not. */
  static <T> T value(byte[] value, Deserializer<T> deserializer, String topic, String what)
      throws Rejected {
    if (value == null) {
      throw new Rejected(
          Stage.DECODE, "the value is null (a tombstone): " + what + " cannot be deleted");
    }
    if (value.length > MAX_VALUE_BYTES) {
      throw new Rejected(
          Stage.DECODE,
          "the value is "
              + value.length
              + " bytes, more than the "
              + MAX_VALUE_BYTES
              + " the scorer takes for "
              + what
              + " (real ones are a few KB)");
    }
    try {
      return deserializer.deserialize(topic, value);
    } catch (SerializationException e) {
      throw new Rejected(Stage.DECODE, e.getMessage());
    } catch (RuntimeException e) {
      // The serde promises SerializationException; anything else on these bytes is still theirs.
      throw new Rejected(Stage.DECODE, "the value does not decode: " + e);
    }
  }
}
