package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.schemas.Topics;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The scorer's topology, built by a pure function of its configuration and model (no Kafka
 * connection, no side effect), so the same topology runs in {@code TopologyTestDriver} and in
 * production.
 *
 * <pre>
 * client-history ────┐            ┌─► [client-history-store]   one entry per history event
 *                    │            ├─► [history-event-ids-store] (client, event id) folded once
 *                    ├─► score ───┼─► [latest-decision-store]  client id → latest decision
 *                    │            ├─► [application-ids-store]  (client, application id) decided once
 *                    │            ├─► [pending-application-store] waiting for announced history
 * loan-applications ─┘            ├─► loan-decisions
 *                                 └─► scoring-dlq
 * </pre>
 *
 * <p>Both inputs are read as bytes and decoded by the processor, so undecodable records become dead
 * letters instead of stopping the stream. One processor reads both topics, so Kafka Streams creates
 * one task per partition number reading the same partition of both: this is why the two topics must
 * be co-partitioned (same key, same partition count; {@link TopicSetup} checks the count).
 */
public final class ScorerTopology {

  /** The online feature store: every client's history events, in arrival order. */
  public static final String HISTORY_STORE = "client-history-store";

  /** Applications waiting for the history their sender announced ({@link PendingApplications}). */
  public static final String PENDING_STORE = "pending-application-store";

  /** Each client's latest decision. */
  public static final String DECISION_STORE = "latest-decision-store";

  /** Every (client, history event id) folded: a re-sent event is skipped. */
  public static final String EVENT_IDS_STORE = "history-event-ids-store";

  /**
   * Every (client, application id) received in the retention ({@link ScorerConfig.Limits}), with
   * when and a hash of its content: a re-sent application gets no second decision.
   */
  public static final String APPLICATION_IDS_STORE = "application-ids-store";

  static final String HISTORY_SOURCE = "client-history-source";
  static final String APPLICATION_SOURCE = "loan-applications-source";
  static final String PROCESSOR = "score";
  static final String DECISION_SINK = "decisions-sink";
  static final String DEAD_LETTER_SINK = "dead-letters-sink";

  private ScorerTopology() {}

  /**
   * The topology of one scorer instance.
   *
   * @param config its topic names and history cache size are used here
   * @param scorer the scoring path (features, model, threshold), checked when it was built
   */
  public static Topology build(ScorerConfig config, ApplicationScorer scorer) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(scorer, "scorer");
    Topics topics = config.topics();
    Topology topology = new Topology();
    topology.addSource(
        HISTORY_SOURCE,
        Serdes.ByteArray().deserializer(),
        Serdes.ByteArray().deserializer(),
        topics.clientHistory().name());
    topology.addSource(
        APPLICATION_SOURCE,
        Serdes.ByteArray().deserializer(),
        Serdes.ByteArray().deserializer(),
        topics.loanApplications().name());
    long cacheEvents = config.historyCacheEvents();
    long waitMs = config.historyWaitMs();
    ScorerConfig.Limits limits = config.limits();
    topology.addProcessor(
        PROCESSOR,
        () -> new ScorerProcessor(topics, scorer, cacheEvents, waitMs, limits),
        HISTORY_SOURCE,
        APPLICATION_SOURCE);
    topology.addStateStore(historyStore(), PROCESSOR);
    topology.addStateStore(idStore(EVENT_IDS_STORE), PROCESSOR);
    topology.addStateStore(idStore(APPLICATION_IDS_STORE), PROCESSOR);
    topology.addStateStore(decisionStore(topics, limits.decisionStoreClients()), PROCESSOR);
    topology.addStateStore(pendingStore(), PROCESSOR);
    topology.addSink(
        DECISION_SINK,
        topics.decisions().name(),
        topics.decisions().keySerde().serializer(),
        topics.decisions().valueSerde().serializer(),
        PROCESSOR);
    topology.addSink(
        DEAD_LETTER_SINK,
        topics.deadLetters().name(),
        topics.deadLetters().keySerde().serializer(),
        topics.deadLetters().valueSerde().serializer(),
        PROCESSOR);
    return topology;
  }

  // Caching off for both stores: history keys are each written once, so a cache would hold
  // nothing worth merging and only duplicate RocksDB's block cache; a client rarely gets two
  // decisions within one commit interval, so the decision store would not gain either.
  private static StoreBuilder<KeyValueStore<Bytes, byte[]>> historyStore() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(HISTORY_STORE), Serdes.Bytes(), Serdes.ByteArray())
        .withCachingDisabled();
  }

  // RocksDB, changelogged: one small entry per folded event or per application in the retention,
  // too many for the heap over months. Event ids live as long as the history they guard (a
  // re-sent event must be recognised whenever it comes); application ids are purged after the
  // retention by the processor's punctuator.
  private static StoreBuilder<KeyValueStore<Bytes, byte[]>> idStore(String name) {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
        .withCachingDisabled();
  }

  // In memory, changelogged: a waiting application survives a crash through the changelog (as
  // everything under exactly-once), the store is usually empty, so its restore costs nothing, and
  // a RocksDB store here would be flushed at every 20 ms commit of every task for nothing (the
  // benchmark lost 17% of its throughput to it).
  private static StoreBuilder<KeyValueStore<Bytes, byte[]>> pendingStore() {
    return Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(PENDING_STORE), Serdes.Bytes(), Serdes.ByteArray())
        .withCachingDisabled();
  }

  // Clients whose latest decision the scorer keeps for GET /clients/{id}/decision, per store
  // partition (ScorerConfig.Limits.decisionStoreClients): the least recently decided are dropped
  // first (and deleted from the changelog), so a client decided long ago answers 404 there; its
  // decision stays on loan-decisions. About 200 bytes a client.
  // In memory, changelogged: one small record per client (the decision without its feature
  // vector, see ScorerProcessor.forLookup), and no RocksDB memtable is flushed to a new SST file
  // at every 20 ms exactly-once commit. Kafka Streams' LRU map rather than a plain in-memory store,
  // which kept every client ever decided in the heap.
  private static StoreBuilder<KeyValueStore<Long, Decision>> decisionStore(
      Topics topics, int clients) {
    return Stores.keyValueStoreBuilder(
            Stores.lruMap(DECISION_STORE, clients),
            topics.decisions().keySerde(),
            topics.decisions().valueSerde())
        .withCachingDisabled();
  }
}
