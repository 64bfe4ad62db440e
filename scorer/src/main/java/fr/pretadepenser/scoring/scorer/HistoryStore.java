package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.schemas.ClientHistories;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The online feature store: every history event of every client, one entry per event (see {@link
 * HistoryKeys}), value = the event as it came off the topic (single-object encoded).
 *
 * <p>One entry per event, not one growing {@link ClientHistory} per client: appending is then one
 * small write (and one small changelog record) whatever the client's history size, where rewriting
 * the whole history on every event costs O(n²) bytes for clients with hundreds of instalments.
 * Reading costs one range scan and a decode per event, paid only when an application arrives.
 */
final class HistoryStore {

  private HistoryStore() {}

  /** Stores the event at {@code sequence}, which must be the client's {@link #nextSequence}. */
  static void put(
      KeyValueStore<Bytes, byte[]> store, long clientId, long sequence, byte[] encodedEvent) {
    store.put(HistoryKeys.key(clientId, sequence), encodedEvent);
  }

  /**
   * The number of events stored for the client, which is also the next sequence number (they start
   * at 0 and have no gaps). One seek to the client's last key: no counter store, no second
   * changelog.
   */
  static long nextSequence(ReadOnlyKeyValueStore<Bytes, byte[]> store, long clientId) {
    try (KeyValueIterator<Bytes, byte[]> last =
        store.reverseRange(HistoryKeys.first(clientId), HistoryKeys.last(clientId))) {
      return last.hasNext() ? HistoryKeys.sequence(last.next().key) + 1 : 0L;
    }
  }

  /** A client's history as stored, and the number of events it was folded from. */
  record Stored(ClientHistory history, long events) {}

  /**
   * The client's history, facts in arrival order; empty lists when nothing is known of the client.
   *
   * @throws org.apache.kafka.common.errors.SerializationException when a stored event no longer
   *     decodes (it decoded when stored, so this is a deployment error: schemas module too old)
   */
  static ClientHistory read(
      ReadOnlyKeyValueStore<Bytes, byte[]> store,
      long clientId,
      String storeName,
      Deserializer<ClientHistoryEvent> events) {
    return readCounted(store, clientId, storeName, events).history();
  }

  /**
   * {@link #read}, with the event count ({@link #nextSequence}) taken from the same range scan: on
   * the scorer's cache misses this saves the second RocksDB seek a separate count would cost.
   */
  static Stored readCounted(
      ReadOnlyKeyValueStore<Bytes, byte[]> store,
      long clientId,
      String storeName,
      Deserializer<ClientHistoryEvent> events) {
    ClientHistory history = ClientHistories.empty(clientId);
    long next = 0;
    try (KeyValueIterator<Bytes, byte[]> it =
        store.range(HistoryKeys.first(clientId), HistoryKeys.last(clientId))) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> entry = it.next();
        ClientHistories.append(history, events.deserialize(storeName, entry.value));
        next = HistoryKeys.sequence(entry.key) + 1;
      }
    }
    return new Stored(history, next);
  }
}
