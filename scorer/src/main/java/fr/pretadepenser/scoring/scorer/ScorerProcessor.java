package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ScoringException;
import fr.pretadepenser.scoring.schemas.ApplicationRules;
import fr.pretadepenser.scoring.schemas.FloatArrayList;
import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.Topics;
import fr.pretadepenser.scoring.schemas.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The scorer's one processor, fed by both input topics of a partition number:
 *
 * <ul>
 *   <li>a history event that decodes and belongs to the client of its key is appended to the
 *       history store (as its original bytes); anything else is a dead letter;
 *   <li>an application is decoded, validated, decided on the client's stored history, remembered as
 *       the client's latest decision and sent; whatever fails for this one record becomes a dead
 *       letter.
 * </ul>
 *
 * <p>One processor for both, rather than one per topic, so that the task's {@link HistoryCache} is
 * seen by both flows and lives and dies with the task.
 *
 * <p>Only failures of pure code are caught around features and model (a bug or a broken model
 * affecting one record must not stop the stream); exceptions from the stores and from Kafka are
 * left to Kafka Streams, which must see them to keep exactly-once (e.g. a fenced producer).
 */
final class ScorerProcessor implements Processor<byte[], byte[], Object, Object> {

  private final Topic<Long, ClientHistoryEvent> history;
  private final Topic<Long, LoanApplication> applications;
  private final ApplicationScorer scorer;
  private final HistoryCache cache;
  private final long historyWaitMs;
  private ProcessorContext<Object, Object> context;
  private KeyValueStore<Bytes, byte[]> historyStore;
  private KeyValueStore<Long, Decision> decisionStore;
  private PendingApplications pending;

  ScorerProcessor(Topics topics, ApplicationScorer scorer, long cacheEvents, long historyWaitMs) {
    this.history = topics.clientHistory();
    this.applications = topics.loanApplications();
    this.scorer = scorer;
    this.cache = new HistoryCache(cacheEvents);
    this.historyWaitMs = historyWaitMs;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    this.historyStore = context.getStateStore(ScorerTopology.HISTORY_STORE);
    this.decisionStore = context.getStateStore(ScorerTopology.DECISION_STORE);
    // A (re)initialised task may have had its store restored: nothing cached can be trusted.
    cache.clear();
    this.pending =
        new PendingApplications(
            context.getStateStore(ScorerTopology.PENDING_STORE), context.currentSystemTimeMs());
    // Wall clock: the wait is for history that may never come, so no stream time would advance.
    context.schedule(
        Duration.ofMillis(Math.max(100, Math.min(1_000, historyWaitMs))),
        PunctuationType.WALL_CLOCK_TIME,
        this::releaseOverdue);
  }

  @Override
  public void close() {
    cache.clear();
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
    if (topic.equals(history.name())) {
      onHistory(record);
    } else {
      onApplication(record);
    }
  }

  private void onHistory(Record<byte[], byte[]> record) {
    try {
      long clientId = InputDecoding.clientId(record.key());
      ClientHistoryEvent event =
          InputDecoding.value(
              record.value(), history.valueSerde().deserializer(), history.name(), "history");
      if (event.getSKIDCURR() != clientId) {
        throw new Rejected(
            Stage.VALIDATE,
            "SK_ID_CURR "
                + event.getSKIDCURR()
                + " differs from the record key "
                + clientId
                + " (the key decides the partition, hence which applications see this fact)");
      }
      // The bytes as read, not re-encoded: they decoded, and the serde reads older writers later.
      long sequence = storedEvents(clientId);
      HistoryStore.put(historyStore, clientId, sequence, record.value());
      cache.appended(clientId, sequence, event);
      if (pending.waiting(clientId)) {
        releaseReady(clientId, sequence + 1, record.timestamp(), false);
      }
    } catch (Rejected why) {
      DeadLetters.send(context, record, why);
    }
  }

  private void onApplication(Record<byte[], byte[]> record) {
    // Wall clock, not the record timestamp: received/decided measure the scorer itself, while
    // the application's submitted_at already tells when the origination system sent it.
    long receivedAt = System.currentTimeMillis();
    try {
      long clientId = InputDecoding.clientId(record.key());
      LoanApplication application =
          InputDecoding.value(
              record.value(),
              applications.valueSerde().deserializer(),
              applications.name(),
              "an application");
      List<String> problems = problems(application, clientId);
      if (!problems.isEmpty()) {
        throw new Rejected(Stage.VALIDATE, String.join("; ", problems));
      }
      // Behind an earlier application of the same client, or ahead of its announced history:
      // wait, so that decisions keep the client's order and use the history the sender sent.
      if (pending.waiting(clientId)) {
        hold(record, clientId, application, receivedAt);
        return;
      }
      long start = System.nanoTime();
      HistoryStore.Stored known = clientHistory(clientId);
      Integer expected = application.getHistoryEvents();
      if (historyWaitMs > 0 && expected != null && known.events() < expected) {
        hold(record, clientId, application, receivedAt);
        return;
      }
      emit(clientId, application, known, start, receivedAt, record.timestamp(), record.headers());
    } catch (Rejected why) {
      DeadLetters.send(context, record, why);
    }
  }

  private void hold(
      Record<byte[], byte[]> record, long clientId, LoanApplication application, long receivedAt) {
    long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
    pending.hold(
        new PendingApplications.Waiting(
            clientId,
            offset,
            receivedAt,
            application.getHistoryEvents(),
            record.value(),
            record.headers().toArray(),
            context.currentSystemTimeMs()));
  }

  private void emit(
      long clientId,
      LoanApplication application,
      HistoryStore.Stored known,
      long start,
      long receivedAt,
      long timestamp,
      Headers headers)
      throws Rejected {
    Decision decision = decide(clientId, application, known, start, receivedAt);
    decisionStore.put(clientId, forLookup(decision));
    // The application's headers go on with its decision: an origination system's correlation or
    // tracing headers, and the benchmark's send time, find the decision they asked for.
    context.forward(
        new Record<>(clientId, decision, timestamp, headers), ScorerTopology.DECISION_SINK);
  }

  /**
   * Decides the client's waiting applications, oldest first, while the oldest has its announced
   * history (the store holds {@code events} of the client's events) or, when {@code overdue}, has
   * waited long enough.
   */
  private void releaseReady(long clientId, long events, long timestamp, boolean overdue) {
    // Kafka Streams' wall clock, the punctuator's: the same clock on both sides of the comparison.
    long now = context.currentSystemTimeMs();
    PendingApplications.Waiting head;
    while ((head = pending.head(clientId)) != null) {
      boolean ready =
          head.expected() == null
              || events >= head.expected()
              || (overdue && now - head.waitingSince() >= historyWaitMs);
      if (!ready) {
        return;
      }
      pending.release(clientId);
      try {
        long start = System.nanoTime();
        HistoryStore.Stored known = clientHistory(clientId);
        emit(
            clientId,
            decodeStored(head.application()),
            known,
            start,
            head.receivedAt(),
            timestamp,
            new RecordHeaders(head.headers()));
      } catch (Rejected why) {
        DeadLetters.send(
            context,
            new Record<>(
                applications.keySerde().serializer().serialize(applications.name(), clientId),
                head.application(),
                timestamp,
                new RecordHeaders(head.headers())),
            why,
            applications.name(),
            context.taskId().partition(),
            head.offset());
      }
    }
  }

  private void releaseOverdue(long now) {
    for (long clientId : pending.overdue(now, historyWaitMs)) {
      releaseReady(clientId, storedEvents(clientId), now, true);
    }
  }

  /**
   * The client's stored event count, which is also its next sequence. A cached client's costs no
   * seek into RocksDB (see HistoryCache.get for why the cache can be trusted).
   */
  private long storedEvents(long clientId) {
    long cached = cache.count(clientId);
    return cached >= 0 ? cached : HistoryStore.nextSequence(historyStore, clientId);
  }

  /**
   * An application stored by {@link PendingApplications}. It decoded when it arrived, but one
   * restored from the changelog may not (corrupt, or written by a serde that knew a schema this one
   * does not): a dead letter, never an exception, or the restored record would kill the stream
   * thread again at every start.
   */
  private LoanApplication decodeStored(byte[] bytes) throws Rejected {
    try {
      return InputDecoding.value(
          bytes,
          applications.valueSerde().deserializer(),
          applications.name(),
          "a waiting application");
    } catch (Rejected why) {
      throw new Rejected(why.stage, "a waiting application no longer decodes: " + why.getMessage());
    }
  }

  /**
   * The decision as the latest-decision store keeps it: without its feature vector, which is in the
   * decisions topic. Keeping 754 floats per client would have tripled the bytes each decision
   * writes (topic, changelog, store) for a lookup that wants the outcome; measured in
   * docs/BENCHMARKS.md.
   */
  static Decision forLookup(Decision d) {
    return Decision.newBuilder()
        .setApplicationId(d.getApplicationId())
        .setSKIDCURR(d.getSKIDCURR())
        .setProbability(d.getProbability())
        .setDecision(d.getDecision())
        .setThreshold(d.getThreshold())
        .setModelVersion(d.getModelVersion())
        .setFeatures(List.of())
        .setReceivedAt(d.getReceivedAt())
        .setDecidedAt(d.getDecidedAt())
        .setFeatureMicros(d.getFeatureMicros())
        .setInferenceMicros(d.getInferenceMicros())
        .setHistoryEvents(d.getHistoryEvents())
        .setHistoryExpected(d.getHistoryExpected())
        .build();
  }

  /**
   * What forbids scoring {@code application}, read under key {@code clientId}: the key must be its
   * SK_ID_CURR (the key decides the partition, hence which history is used), then the shared domain
   * rules of {@link ApplicationRules} (which the HTTP intake applies too; not every producer is the
   * intake). Empty when it may be scored.
   */
  static List<String> problems(LoanApplication application, long clientId) {
    List<String> out = new ArrayList<>(0);
    if (application.getSKIDCURR() != clientId) {
      out.add(
          "SK_ID_CURR "
              + application.getSKIDCURR()
              + " differs from the record key "
              + clientId
              + " (the key decides the partition, hence which history is used)");
    }
    for (Violation v : ApplicationRules.violations(application)) {
      out.add(v.toString());
    }
    return out;
  }

  /** A client's history and how many events it holds (the store's count when it was read). */
  private HistoryStore.Stored clientHistory(long clientId) throws Rejected {
    // A hit costs no RocksDB seek: profiling the benchmark showed the iterator behind
    // nextSequence as the stream threads' largest native cost.
    HistoryStore.Stored cached = cache.get(clientId);
    if (cached != null) {
      return cached;
    }
    try {
      HistoryStore.Stored stored =
          HistoryStore.readCounted(
              historyStore,
              clientId,
              ScorerTopology.HISTORY_STORE,
              history.valueSerde().deserializer());
      cache.put(clientId, stored.history(), stored.events());
      return stored;
    } catch (SerializationException e) {
      throw new Rejected(
          Stage.HISTORY,
          "a stored history event of client " + clientId + " no longer decodes: " + e.getMessage());
    }
  }

  /**
   * The decision of {@link ApplicationScorer}, the one scoring path. {@code start}: when reading
   * the history began, so feature_micros still includes it.
   */
  private Decision decide(
      long clientId,
      LoanApplication application,
      HistoryStore.Stored known,
      long start,
      long receivedAt)
      throws Rejected {
    // One small Scored record per decision on top of what the inlined steps allocated (the vector
    // it carries was allocated before too); it never leaves this method.
    ApplicationScorer.Scored scored;
    try {
      scored = scorer.score(application, known.history(), start);
    } catch (ScoringException e) {
      throw new Rejected(
          e.step() == ScoringException.Step.FEATURES ? Stage.FEATURES : Stage.MODEL,
          e.getMessage());
    }
    return Decision.newBuilder()
        .setApplicationId(application.getApplicationId())
        .setSKIDCURR(clientId)
        .setProbability(scored.probability())
        .setDecision(scored.refused() ? DecisionOutcome.REFUSED : DecisionOutcome.GRANTED)
        .setThreshold(scored.threshold())
        .setModelVersion(scorer.metadata().modelVersion())
        .setFeatures(new FloatArrayList(scored.features()))
        .setReceivedAt(Instant.ofEpochMilli(receivedAt))
        .setDecidedAt(Instant.ofEpochMilli(System.currentTimeMillis()))
        .setFeatureMicros(scored.featureNanos() / 1_000)
        .setInferenceMicros(scored.inferenceNanos() / 1_000)
        .setHistoryEvents((int) Math.min(Integer.MAX_VALUE, known.events()))
        .setHistoryExpected(application.getHistoryEvents())
        .build();
  }
}
