package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ScoringException;
import fr.pretadepenser.scoring.schemas.ApplicationRules;
import fr.pretadepenser.scoring.schemas.DecisionIds;
import fr.pretadepenser.scoring.schemas.FloatArrayList;
import fr.pretadepenser.scoring.schemas.HistorySources;
import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.Topics;
import fr.pretadepenser.scoring.schemas.Violation;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The scorer's one processor, fed by both input topics of a partition number:
 *
 * <ul>
 *   <li>a history event that decodes and belongs to the client of its key is appended to the
 *       history store (as its original bytes), once per event id and client: a re-sent event is
 *       skipped and counted; anything else is a dead letter;
 *   <li>an application is decoded, validated, and decided once per application id and client: a
 *       re-send of the same content is skipped and counted, other content under a known id is a
 *       dead letter. It waits (bounded) until the client's distinct events reach what it announced
 *       per source, is decided on the client's stored history, remembered as the client's latest
 *       decision and sent; whatever fails for this one record becomes a dead letter.
 * </ul>
 *
 * <p>Why the identities live in stores written in the same task as the history and the decisions:
 * under exactly-once they commit with the input offsets, so a crash replays input against ids that
 * match what was folded and decided, and a re-sent record (a second replay, a retry, a double
 * click) is recognised whenever it comes.
 *
 * <p>One processor for both, rather than one per topic, so that the task's {@link HistoryCache} is
 * seen by both flows and lives and dies with the task.
 *
 * <p>Only failures of pure code are caught around features and model (a bug or a broken model
 * affecting one record must not stop the stream); exceptions from the stores and from Kafka are
 * left to Kafka Streams, which must see them to keep exactly-once (e.g. a fenced producer).
 */
final class ScorerProcessor implements Processor<byte[], byte[], Object, Object> {

  /** How often the application-id purge runs, and how many ids one run looks at. */
  static final Duration PURGE_EVERY = Duration.ofSeconds(10);

  static final int PURGE_BATCH = 10_000;

  private final Topic<Long, ClientHistoryEvent> history;
  private final Topic<Long, LoanApplication> applications;
  private final ApplicationScorer scorer;
  private final HistoryCache cache;
  private final long historyWaitMs;
  private final ScorerConfig.Limits limits;

  /**
   * Distinct folded events per source of the clients that have waiting applications, kept up to
   * date by the history path so that a large history arriving behind a waiting application is not
   * read back from the store at each event. Built on demand from the history, dropped when the
   * client no longer waits, so it holds at most the waiting clients.
   */
  private final Map<Long, int[]> waitingCounts = new HashMap<>();

  private ProcessorContext<Object, Object> context;
  private KeyValueStore<Bytes, byte[]> historyStore;
  private KeyValueStore<Bytes, byte[]> eventIds;
  private KeyValueStore<Bytes, byte[]> applicationIds;
  private KeyValueStore<Long, Decision> decisionStore;
  private PendingApplications pending;
  private Sensor duplicateEvents;
  private Sensor duplicateApplications;
  private Sensor waitCut;

  /** Where the application-id purge resumes (null: from the start). */
  private Bytes purgeFrom;

  ScorerProcessor(
      Topics topics,
      ApplicationScorer scorer,
      long cacheEvents,
      long historyWaitMs,
      ScorerConfig.Limits limits) {
    this.history = topics.clientHistory();
    this.applications = topics.loanApplications();
    this.scorer = scorer;
    this.cache = new HistoryCache(cacheEvents);
    this.historyWaitMs = historyWaitMs;
    this.limits = limits;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    this.historyStore = context.getStateStore(ScorerTopology.HISTORY_STORE);
    this.eventIds = context.getStateStore(ScorerTopology.EVENT_IDS_STORE);
    this.applicationIds = context.getStateStore(ScorerTopology.APPLICATION_IDS_STORE);
    this.decisionStore = context.getStateStore(ScorerTopology.DECISION_STORE);
    // A (re)initialised task may have had its store restored: nothing cached can be trusted.
    cache.clear();
    waitingCounts.clear();
    this.pending =
        new PendingApplications(
            context.getStateStore(ScorerTopology.PENDING_STORE),
            context.currentSystemTimeMs(),
            this::storedAnnouncement,
            limits.maxWaitingPerClient(),
            limits.maxWaitingPerTask());
    String task = "task-" + context.taskId();
    duplicateEvents = counter(task, "duplicate-history-events");
    duplicateApplications = counter(task, "duplicate-applications");
    waitCut = counter(task, "history-waits-cut-short");
    // Wall clock: the wait is for history that may never come, so no stream time would advance.
    context.schedule(
        Duration.ofMillis(Math.max(100, Math.min(1_000, historyWaitMs))),
        PunctuationType.WALL_CLOCK_TIME,
        this::releaseOverdue);
    context.schedule(PURGE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::purgeApplicationIds);
  }

  /**
   * A rate and total in the stream metrics (group {@code stream-scorer-metrics}, e.g. {@code
   * duplicate-applications-total}), so that re-sends are counted, not dead-lettered or logged.
   */
  private Sensor counter(String task, String what) {
    return context.metrics().addRateTotalSensor("scorer", task, what, Sensor.RecordingLevel.INFO);
  }

  @Override
  public void close() {
    cache.clear();
    waitingCounts.clear();
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
      int source = HistorySources.indexOf(event.getEvent());
      if (source < 0) {
        throw new Rejected(Stage.VALIDATE, "the event carries no history fact");
      }
      String id = Identities.eventIdentity(event, record.value());
      if (id.length() > Identities.MAX_EVENT_ID) {
        throw new Rejected(
            Stage.VALIDATE,
            "event_id is "
                + id.length()
                + " characters long, more than "
                + Identities.MAX_EVENT_ID
                + ": "
                + id.substring(0, 64)
                + "…");
      }
      Bytes idKey = Identities.key(clientId, id);
      if (eventIds.get(idKey) != null) {
        // Already folded: a re-run replay, a producer retry. Folding it again would double the
        // client's counts and sums in the features.
        duplicateEvents.record();
        return;
      }
      eventIds.put(idKey, new byte[] {(byte) source});
      // The bytes as read, not re-encoded: they decoded, and the serde reads older writers later.
      long sequence = storedEvents(clientId);
      HistoryStore.put(historyStore, clientId, sequence, record.value());
      cache.appended(clientId, sequence, event);
      if (pending.waiting(clientId)) {
        int[] counts = waitingCounts.get(clientId);
        if (counts != null) {
          counts[source]++;
        }
        releaseReady(clientId, record.timestamp(), false);
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
      problems.addAll(Announcement.problems(application, limits.maxAnnouncedPerSource()));
      if (!problems.isEmpty()) {
        throw new Rejected(Stage.VALIDATE, String.join("; ", problems));
      }
      // Kafka Streams' wall clock, the purge punctuator's: the same clock on both sides.
      if (!firstReceipt(clientId, application, context.currentSystemTimeMs())) {
        return;
      }
      Announcement announcement = Announcement.of(application);
      // Behind an earlier application of the same client, or ahead of its announced history:
      // wait, so that decisions keep the client's order and use the history the sender sent.
      boolean wait = pending.waiting(clientId) || shortOfHistory(clientId, announcement);
      if (wait && !pending.roomFor(clientId)) {
        // No room: the client's waiting applications are decided now, in order, on the history
        // at hand (their decisions name what is missing), rather than the store growing; this
        // one then waits if there is room now, else is decided at once too.
        waitCut.record();
        releaseReady(clientId, record.timestamp(), true);
        wait = shortOfHistory(clientId, announcement) && pending.roomFor(clientId);
      }
      if (wait) {
        hold(record, clientId, application, announcement, receivedAt);
        return;
      }
      emit(clientId, application, announcement, receivedAt, record.timestamp(), record.headers());
    } catch (Rejected why) {
      DeadLetters.send(context, record, why);
    }
  }

  /**
   * Remembers the application id of a valid application, or says it was seen: false for a re-send
   * of the same content (skipped and counted: it was decided, or waits, already).
   *
   * @throws Rejected when the id was received with other content: which of the two the sender meant
   *     cannot be known, so the first one's decision stands and this one is a dead letter
   */
  private boolean firstReceipt(long clientId, LoanApplication application, long now)
      throws Rejected {
    Bytes key = Identities.key(clientId, application.getApplicationId());
    byte[] hash = Identities.contentHash(application);
    byte[] seen = applicationIds.get(key);
    if (seen != null) {
      ByteBuffer before = ByteBuffer.wrap(seen);
      long firstAt = before.getLong();
      byte[] firstHash = new byte[Identities.SHA256_BYTES];
      before.get(firstHash);
      if (Arrays.equals(firstHash, hash)) {
        duplicateApplications.record();
        return false;
      }
      throw new Rejected(
          Stage.VALIDATE,
          "application id "
              + application.getApplicationId()
              + " was already received with different content (first at "
              + Instant.ofEpochMilli(firstAt)
              + "); a changed application needs a new application id");
    }
    applicationIds.put(
        key,
        ByteBuffer.allocate(Long.BYTES + Identities.SHA256_BYTES).putLong(now).put(hash).array());
    return true;
  }

  private void hold(
      Record<byte[], byte[]> record,
      long clientId,
      LoanApplication application,
      Announcement announcement,
      long receivedAt) {
    long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
    pending.hold(
        new PendingApplications.Waiting(
            clientId,
            offset,
            receivedAt,
            application.getHistoryEvents(),
            announcement,
            record.value(),
            record.headers().toArray(),
            context.currentSystemTimeMs()));
  }

  private void emit(
      long clientId,
      LoanApplication application,
      Announcement announcement,
      long receivedAt,
      long timestamp,
      Headers headers)
      throws Rejected {
    Decision decision;
    try {
      // feature_micros includes reading the history, as it always did.
      long start = System.nanoTime();
      HistoryStore.Stored known = clientHistory(clientId);
      // Counting the history by source is only needed when something was announced.
      List<String> missing =
          announcement.isNone()
              ? List.of()
              : announcement.missing(HistorySources.countArray(known.history()));
      decision = decide(clientId, application, known, missing, start, receivedAt);
    } catch (Rejected why) {
      // Not decided: the failure is the scorer's (a stored history, the features, the model), not
      // the sender's, so a re-send after the fix must be decided rather than skipped as seen.
      applicationIds.delete(Identities.key(clientId, application.getApplicationId()));
      throw why;
    }
    decisionStore.put(clientId, forLookup(decision));
    // The application's headers go on with its decision: an origination system's correlation or
    // tracing headers, and the benchmark's send time, find the decision they asked for.
    context.forward(
        new Record<>(clientId, decision, timestamp, headers), ScorerTopology.DECISION_SINK);
  }

  private boolean shortOfHistory(long clientId, Announcement announcement) {
    return historyWaitMs > 0
        && !announcement.isNone()
        && !announcement.metBy(distinctCounts(clientId));
  }

  /**
   * Decides the client's waiting applications, oldest first, while the oldest has its announced
   * history, or all of them whatever they have when {@code all} (no room left to wait).
   */
  private void releaseReady(long clientId, long timestamp, boolean all) {
    PendingApplications.Waiting head;
    while ((head = pending.head(clientId)) != null) {
      if (!all && !head.announcement().metBy(distinctCounts(clientId))) {
        return;
      }
      decideHead(clientId, timestamp);
    }
  }

  private void releaseOverdue(long now) {
    for (long clientId : pending.overdue(now, historyWaitMs)) {
      // Only the overdue head is forced; the applications behind it get their own full wait.
      waitCut.record();
      decideHead(clientId, now);
      releaseReady(clientId, now, false);
    }
  }

  /** Decides the client's oldest waiting application on the history at hand. */
  private void decideHead(long clientId, long timestamp) {
    PendingApplications.Waiting head = pending.head(clientId);
    pending.release(clientId);
    if (!pending.waiting(clientId)) {
      waitingCounts.remove(clientId);
    }
    try {
      LoanApplication application = decodeStored(head.application());
      emit(
          clientId,
          application,
          head.announcement(),
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

  /**
   * Forgets application ids older than the retention, a bounded batch per run from where the last
   * run stopped, so that a large store never stalls the stream thread: at {@value #PURGE_BATCH} ids
   * every 10 s a task looks at 86 million ids a day, far more than it receives.
   */
  private void purgeApplicationIds(long now) {
    long oldest = now - limits.applicationIdRetentionMs();
    int looked = 0;
    List<Bytes> expired = new ArrayList<>();
    Bytes last = null;
    try (KeyValueIterator<Bytes, byte[]> it = applicationIds.range(purgeFrom, null)) {
      while (it.hasNext() && looked < PURGE_BATCH) {
        KeyValue<Bytes, byte[]> entry = it.next();
        looked++;
        last = entry.key;
        if (ByteBuffer.wrap(entry.value).getLong() < oldest) {
          expired.add(entry.key);
        }
      }
      // At the end of the store the next run starts over; otherwise just after the last key seen.
      purgeFrom = it.hasNext() && last != null ? it.peekNextKey() : null;
    }
    for (Bytes key : expired) {
      applicationIds.delete(key);
    }
  }

  /**
   * The client's distinct folded events per source ({@link HistorySources#NAMES} order): every
   * folded event is distinct, so these are the sizes of its history's lists.
   */
  private int[] distinctCounts(long clientId) {
    int[] counts = waitingCounts.get(clientId);
    if (counts != null) {
      return counts;
    }
    try {
      counts = HistorySources.countArray(clientHistory(clientId).history());
    } catch (Rejected unreadable) {
      // Its decision will be a dead letter saying so; until then, count nothing as held.
      counts = new int[HistorySources.NAMES.size()];
    }
    if (pending.waiting(clientId)) {
      waitingCounts.put(clientId, counts);
    }
    return counts;
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

  /** The announcement of a restored waiting application; none when it no longer decodes. */
  private Announcement storedAnnouncement(byte[] bytes) {
    try {
      return Announcement.of(decodeStored(bytes));
    } catch (Rejected | RuntimeException e) {
      return Announcement.NONE;
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
        .setDecisionId(d.getDecisionId())
        .setHistoryMissing(d.getHistoryMissing())
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
    String id = application.getApplicationId();
    if (id.length() > Identities.MAX_APPLICATION_ID) {
      // Blank is ApplicationRules' to say.
      out.add(
          "application_id is "
              + id.length()
              + " characters long; it is the idempotency key and must be at most "
              + Identities.MAX_APPLICATION_ID);
    }
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
      List<String> missing,
      long start,
      long receivedAt)
      throws Rejected {
    // One small Scored record per decision on top of what the inlined steps allocated (the vector
    // it carries was allocated before too); it never leaves this method.
    ApplicationScorer.Scored scored;
    ApplicationScorer.Chosen chosen;
    try {
      // Which model decides follows from what each source had said (ScoringModel's rule).
      int[] held =
          known.history() == null
              ? new int[HistorySources.NAMES.size()]
              : HistorySources.countArray(known.history());
      chosen = scorer.scoreChosen(application, known.history(), held, start);
      scored = chosen.scored();
    } catch (ScoringException e) {
      throw new Rejected(
          e.step() == ScoringException.Step.FEATURES ? Stage.FEATURES : Stage.MODEL,
          e.getMessage());
    }
    return Decision.newBuilder()
        .setApplicationId(application.getApplicationId())
        .setSKIDCURR(clientId)
        .setProbability(scored.probability())
        .setDecision(scored.outcome())
        .setThreshold(scored.threshold())
        .setReviewLow(scored.reviewLow())
        .setReviewHigh(scored.reviewHigh())
        .setModelVersion(scorer.metadata().modelVersion())
        .setFeatures(new FloatArrayList(scored.features()))
        .setReceivedAt(Instant.ofEpochMilli(receivedAt))
        .setDecidedAt(Instant.ofEpochMilli(System.currentTimeMillis()))
        .setFeatureMicros(scored.featureNanos() / 1_000)
        .setInferenceMicros(scored.inferenceNanos() / 1_000)
        .setHistoryEvents((int) Math.min(Integer.MAX_VALUE, known.events()))
        .setHistoryExpected(announcedTotal(application))
        .setDecisionId(DecisionIds.of(clientId, application.getApplicationId()))
        .setHistoryMissing(missing)
        // For the explainer's path to approval (refusals and reviews: both aim at an automatic
        // grant); a grant needs none (one byte instead of ~550).
        .setApplication(scored.outcome() != DecisionOutcome.GRANTED ? application : null)
        .setHistoryPresence(chosen.presence())
        .setScoringModel(chosen.model().name())
        .setScoringModelReason(chosen.model().reason())
        .build();
  }

  /** history_events, or the sum of history_announced's counts; null when nothing is announced. */
  private static Integer announcedTotal(LoanApplication application) {
    if (application.getHistoryAnnounced() == null) {
      return application.getHistoryEvents();
    }
    // Validated: at most five counts of at most the per-source bound, so an int holds the sum.
    return application.getHistoryAnnounced().values().stream().mapToInt(Integer::intValue).sum();
  }
}
