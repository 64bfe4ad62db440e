package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.schemas.Topics;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries over the running scorer's stores. A client's entries live in the store
 * partition of the client's input partition, which only one instance owns: Kafka Streams' metadata
 * says which ({@code application.server} of each instance), and a client owned elsewhere is
 * answered with that instance's address (which {@link QueryServer} then asks). Only the active copy
 * is read: a standby may lag, and a restoring store is not queryable (then the answer is
 * "unavailable", never "not found").
 */
final class StreamsClientLookup implements ClientLookup {

  private final KafkaStreams streams;
  private final HostInfo self;
  private final Deserializer<ClientHistoryEvent> events;

  StreamsClientLookup(KafkaStreams streams, HostInfo self, Topics topics) {
    this.streams = streams;
    this.self = self;
    this.events = topics.clientHistory().valueSerde().deserializer();
  }

  @Override
  public Lookup<ClientHistory> history(long clientId) {
    return query(
        ScorerTopology.HISTORY_STORE,
        clientId,
        (ReadOnlyKeyValueStore<Bytes, byte[]> store) ->
            new Lookup.Found<>(
                HistoryStore.read(store, clientId, ScorerTopology.HISTORY_STORE, events)));
  }

  @Override
  public Lookup<Decision> decision(long clientId) {
    return query(
        ScorerTopology.DECISION_STORE,
        clientId,
        (ReadOnlyKeyValueStore<Long, Decision> store) -> {
          Decision d = store.get(clientId);
          return d == null
              ? new Lookup.NotFound<>("no decision for client " + clientId)
              : new Lookup.Found<>(d);
        });
  }

  @Override
  public Lookup<String> health() {
    KafkaStreams.State state = streams.state();
    return state.isRunningOrRebalancing()
        ? new Lookup.Found<>(state.name())
        : new Lookup.Unavailable<>(state.name());
  }

  private <K, V, T> Lookup<T> query(
      String storeName, long clientId, Function<ReadOnlyKeyValueStore<K, V>, Lookup<T>> read) {
    // The store's partitioner is that of its input topics: the Long client id key.
    KeyQueryMetadata owner;
    try {
      owner = streams.queryMetadataForKey(storeName, clientId, Serdes.Long().serializer());
    } catch (IllegalStateException | StreamsException e) {
      // Not started yet (StreamsNotStartedException), shutting down or failed: nobody here can
      // say who holds the client, which is "try again", not "unknown client" nor a server error.
      return new Lookup.Unavailable<>("the scorer is " + streams.state() + ", not running");
    }
    if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
      return new Lookup.Unavailable<>("the scorer is starting or rebalancing");
    }
    if (!self.equals(owner.activeHost())) {
      return new Lookup.Elsewhere<>(owner.activeHost().host(), owner.activeHost().port());
    }
    try {
      ReadOnlyKeyValueStore<K, V> store =
          streams.store(
              StoreQueryParameters.fromNameAndType(
                      storeName, QueryableStoreTypes.<K, V>keyValueStore())
                  .withPartition(owner.partition()));
      return read.apply(store);
    } catch (InvalidStateStoreException e) {
      return new Lookup.Unavailable<>("the store is not queryable now: " + e.getMessage());
    }
  }
}
