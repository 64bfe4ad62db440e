package fr.pretadepenser.scoring.dashboard.decisions;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.LoanApplication;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What the dashboard knows, rebuilt from Kafka at every start and bounded: the most recent
 * decisions, and for the most recently seen clients their latest application and latest decision.
 * Counts cover everything read since the start.
 *
 * <p>Why from the topics and not from the scorer's query routes: the decision event carries the
 * exact feature vector the model saw (history aggregates included), so the client file, the
 * comparisons and the what-if all rest on what was actually decided; the raw application comes from
 * {@code loan-applications}. The dashboard then needs nothing but Kafka, keeps working while the
 * scorer restarts or rebalances, and does not send one HTTP request per page to a stream processor.
 * The history itself (millions of events at full scale) is not read: the decision's vector already
 * summarises it.
 *
 * <p>Every decision and explanation it takes in is handed on to the {@link DecisionStream} (the
 * live stream) under its lock, so the stream's order is the view's.
 *
 * <p>It shows only what the pipeline accepted. An application waits, unseen, among the pending ones
 * (bounded: the oldest are forgotten) until the scorer's decision on it arrives, and is dropped
 * when the scorer dead-letters it; a decision the explainer dead-letters is kept but marked
 * REJECTED (with the explainer's reason), and one not explained yet is UNVERIFIED. Dead letters are
 * matched by the position (partition and offset) of the record they reject, never by its content,
 * which a forged record can copy. A dead letter read before the record it rejects (the topics are
 * read side by side at a start) is remembered, boundedly, until that record comes.
 *
 * <p>For each recently active client it also keeps the times of its last {@value #HISTORY_TIMES}
 * history events (their Kafka timestamps, not their content), so the client file can say how much
 * history arrived after the decision.
 *
 * <p>One lock guards everything; every operation is short (the comparisons scan at most {@code
 * clientCapacity} vectors).
 */
public final class DashboardView {

  /**
   * The latest we know of one client.
   *
   * @param application null until its application has been read
   * @param decision null until a decision has been read
   */
  public record ClientEntry(long clientId, LoanApplication application, DecisionRecord decision) {}

  /**
   * History events of a client that arrived after its decision.
   *
   * @param events how many of the kept event times are after the decision
   * @param atLeast true when every kept time is after it: there may be more
   */
  public record LateHistory(int events, boolean atLeast) {}

  /** An application read, waiting for its decision; where it was read. */
  private record Pending(LoanApplication application, int partition, long offset) {}

  /** History event times kept per client: enough to count late history, bounded. */
  public static final int HISTORY_TIMES = 16;

  /**
   * @param decisions decisions read (one per application)
   * @param explained explained decisions read
   * @param deadLetters records the scorer could not process
   * @param granted decisions that granted the loan
   * @param rejectedDecisions decisions the explainer dead-lettered (not counted in {@code
   *     decisions})
   * @param pendingApplications applications read that wait for their decision (not shown yet)
   * @param volume decisions per minute over the last {@value #VOLUME_MINUTES} minutes, oldest first
   */
  public record Stats(
      long decisions,
      long explained,
      long deadLetters,
      long granted,
      Double approvalRate,
      long applications,
      List<Long> volume,
      Instant since,
      long rejectedDecisions,
      long pendingApplications) {}

  /** The minutes {@link Stats#volume()} covers. */
  public static final int VOLUME_MINUTES = 30;

  private final int recentCapacity;
  private final int clientCapacity;
  private final DecisionStream stream;
  private final Clock clock;
  private final Instant since;

  private final int pendingCapacity;
  private final LinkedHashMap<String, DecisionRecord> recent = new LinkedHashMap<>();
  private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
  private final LinkedHashMap<String, String> rejectedDecisions = new LinkedHashMap<>();
  private final LinkedHashMap<String, Boolean> rejectedApplications = new LinkedHashMap<>();
  private final LinkedHashMap<Long, long[]> historyTimes = new LinkedHashMap<>(16, 0.75f, true);
  private final LinkedHashMap<Long, ClientEntry> clients = new LinkedHashMap<>();
  private final NavigableSet<String> clientIds = new TreeSet<>();
  private final long[] volume = new long[VOLUME_MINUTES];
  private long volumeMinute;
  private long decisions;
  private long explained;
  private long deadLetters;
  private long granted;
  private long applications;
  private long rejected;
  private long droppedApplications;

  DashboardView(int recentCapacity, int clientCapacity, DecisionStream stream, Clock clock) {
    this(recentCapacity, clientCapacity, recentCapacity, stream, clock);
  }

  /**
   * @param pendingCapacity applications kept while they wait for their decision (and dead letters
   *     kept while they wait for the record they reject)
   */
  public DashboardView(
      int recentCapacity,
      int clientCapacity,
      int pendingCapacity,
      DecisionStream stream,
      Clock clock) {
    if (recentCapacity < 1 || clientCapacity < 1 || pendingCapacity < 1) {
      throw new IllegalArgumentException("capacities must be at least 1");
    }
    this.recentCapacity = recentCapacity;
    this.clientCapacity = clientCapacity;
    this.pendingCapacity = pendingCapacity;
    this.stream = stream;
    this.clock = clock;
    this.since = clock.instant();
    this.volumeMinute = since.getEpochSecond() / 60;
  }

  /** A decision read from {@code loan-decisions}, position unknown (tests). */
  public synchronized void onDecision(Decision d) {
    onDecision(d, -1, -1);
  }

  /** A decision read from {@code loan-decisions} at this partition and offset. */
  public synchronized void onDecision(Decision d, int partition, long offset) {
    String why = rejectedDecisions.remove(position(partition, offset));
    DecisionRecord known = recent.get(d.getApplicationId());
    if (why != null) {
      // The explainer's dead letter came first: never counted, never shown as a decision.
      rejected++;
      DecisionRecord r = DecisionRecord.of(d, partition, offset).rejected(why);
      if (known == null) {
        remember(r);
      }
      stream.publish("rejected", r.summary());
      return;
    }
    decisions++;
    if (d.getDecision().name().equals("GRANTED")) {
      granted++;
    }
    countVolume();
    DecisionRecord r;
    if (known != null && known.explanation() != null) {
      // The explanation came first (other topic, other partition): keep it, note where from.
      r = known.at(partition, offset);
    } else {
      r = DecisionRecord.of(d, partition, offset);
    }
    remember(r);
    stream.publish("decision", r.summary());
  }

  /** An explained decision read from {@code loan-decisions-explained}. */
  public synchronized void onExplained(ExplainedDecision e) {
    explained++;
    DecisionRecord r = DecisionRecord.of(e);
    DecisionRecord known = recent.get(r.applicationId());
    if (known != null) {
      if (known.rejection() != null) {
        // The explainer rejected that decision: an explanation of the same id is not its own.
        return;
      }
      r = r.at(known.partition(), known.offset());
    }
    remember(r);
    stream.publish("explained", r.summary());
  }

  /** A record of {@code scoring-dlq} about neither an application nor a decision: counted. */
  public synchronized void onDeadLetter() {
    deadLetters++;
  }

  /**
   * The scorer dead-lettered the application at this position of {@code loan-applications}: it is
   * dropped (it was waiting for a decision that will not come), or never taken when read later.
   */
  public synchronized void onApplicationRejected(int partition, long offset) {
    deadLetters++;
    String at = position(partition, offset);
    Iterator<Pending> it = pending.values().iterator();
    while (it.hasNext()) {
      Pending p = it.next();
      if (position(p.partition(), p.offset()).equals(at)) {
        it.remove();
        droppedApplications++;
        return;
      }
    }
    rejectedApplications.put(at, Boolean.TRUE);
    trim(rejectedApplications, pendingCapacity);
  }

  /**
   * The explainer dead-lettered the decision at this position of {@code loan-decisions}: it is
   * marked REJECTED with {@code why} (the stage and reason), wherever the view keeps it.
   */
  public synchronized void onDecisionRejected(int partition, long offset, String why) {
    deadLetters++;
    DecisionRecord found = null;
    for (DecisionRecord r : recent.values()) {
      if (r.partition() == partition && r.offset() == offset) {
        found = r;
        break;
      }
    }
    if (found == null) {
      for (ClientEntry e : clients.values()) {
        DecisionRecord r = e.decision();
        if (r != null && r.partition() == partition && r.offset() == offset) {
          found = r;
          break;
        }
      }
    }
    if (found == null) {
      rejectedDecisions.put(position(partition, offset), why);
      trim(rejectedDecisions, pendingCapacity);
      return;
    }
    if (found.rejection() != null) {
      return;
    }
    decisions--;
    rejected++;
    if (found.granted()) {
      granted--;
    }
    DecisionRecord r = found.rejected(why);
    if (recent.containsKey(r.applicationId())) {
      recent.put(r.applicationId(), r);
    }
    ClientEntry e = clients.get(r.clientId());
    if (e != null
        && e.decision() != null
        && e.decision().applicationId().equals(r.applicationId())) {
      clients.put(r.clientId(), new ClientEntry(r.clientId(), e.application(), r));
    }
    stream.publish("rejected", r.summary());
  }

  /** A history event of {@code clientId} written at {@code timestamp} (epoch ms). */
  public synchronized void onHistory(long clientId, long timestamp) {
    long[] times = historyTimes.get(clientId);
    if (times == null) {
      times = new long[HISTORY_TIMES];
      java.util.Arrays.fill(times, Long.MIN_VALUE);
      historyTimes.put(clientId, times);
      trim(historyTimes, clientCapacity);
    }
    // Keep the HISTORY_TIMES latest: replace the oldest kept if this one is later.
    int oldest = 0;
    for (int i = 1; i < times.length; i++) {
      if (times[i] < times[oldest]) {
        oldest = i;
      }
    }
    if (timestamp > times[oldest]) {
      times[oldest] = timestamp;
    }
  }

  /** History of {@code clientId} that arrived after {@code decidedAt}, as far as it is kept. */
  public synchronized LateHistory lateHistory(long clientId, Instant decidedAt) {
    long[] times = historyTimes.get(clientId);
    if (times == null) {
      return new LateHistory(0, false);
    }
    long at = decidedAt.toEpochMilli();
    int late = 0;
    for (long t : times) {
      if (t != Long.MIN_VALUE && t > at) {
        late++;
      }
    }
    return new LateHistory(late, late == times.length);
  }

  /** An application read from {@code loan-applications}, position unknown (tests). */
  public synchronized void onApplication(LoanApplication a) {
    onApplication(a, -1, -1);
  }

  /**
   * An application read from {@code loan-applications} at this position: taken into the client's
   * file once its decision is read (now, if it was read first), until then kept among the pending.
   * The first application read under an id is the one kept: a re-send does not replace it.
   */
  public synchronized void onApplication(LoanApplication a, int partition, long offset) {
    applications++;
    if (rejectedApplications.remove(position(partition, offset)) != null) {
      droppedApplications++;
      return;
    }
    String id = a.getApplicationId();
    ClientEntry entry = clients.get(a.getSKIDCURR());
    if (entry != null && entry.decision() != null && entry.decision().applicationId().equals(id)) {
      if (entry.application() == null) {
        putClient(new ClientEntry(entry.clientId(), a, entry.decision()));
      }
      return;
    }
    if (recent.containsKey(id) || pending.containsKey(id)) {
      return;
    }
    pending.put(id, new Pending(a, partition, offset));
    if (pending.size() > pendingCapacity) {
      trim(pending, pendingCapacity);
      droppedApplications++;
    }
  }

  private static String position(int partition, long offset) {
    return partition + ":" + offset;
  }

  private static void trim(LinkedHashMap<?, ?> map, int capacity) {
    Iterator<?> oldest = map.keySet().iterator();
    while (map.size() > capacity && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  private void remember(DecisionRecord r) {
    recent.remove(r.applicationId());
    recent.put(r.applicationId(), r);
    if (recent.size() > recentCapacity) {
      Iterator<String> oldest = recent.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    ClientEntry old = clients.get(r.clientId());
    Pending waiting = pending.remove(r.applicationId());
    if (old != null
        && old.decision() != null
        && old.decision().decidedAt().isAfter(r.decidedAt())) {
      // An older decision read late: the client's file keeps the latest.
      putClient(old);
      return;
    }
    LoanApplication application = null;
    if (waiting != null) {
      application = waiting.application();
    } else if (old != null
        && old.application() != null
        && old.application().getApplicationId().equals(r.applicationId())) {
      application = old.application();
    }
    putClient(new ClientEntry(r.clientId(), application, r));
  }

  private void putClient(ClientEntry entry) {
    clients.remove(entry.clientId());
    clients.put(entry.clientId(), entry);
    clientIds.add(Long.toString(entry.clientId()));
    if (clients.size() > clientCapacity) {
      Iterator<Map.Entry<Long, ClientEntry>> oldest = clients.entrySet().iterator();
      long evicted = oldest.next().getKey();
      oldest.remove();
      clientIds.remove(Long.toString(evicted));
    }
  }

  private void countVolume() {
    long minute = clock.instant().getEpochSecond() / 60;
    advanceVolume(minute);
    volume[(int) Math.floorMod(minute, (long) VOLUME_MINUTES)]++;
  }

  private void advanceVolume(long minute) {
    if (minute <= volumeMinute) {
      return;
    }
    long gap = Math.min(minute - volumeMinute, VOLUME_MINUTES);
    for (long m = 1; m <= gap; m++) {
      volume[(int) Math.floorMod(volumeMinute + m, (long) VOLUME_MINUTES)] = 0;
    }
    volumeMinute = minute;
  }

  /** The counts since the start, and the volume of the last {@value #VOLUME_MINUTES} minutes. */
  public synchronized Stats stats() {
    advanceVolume(clock.instant().getEpochSecond() / 60);
    List<Long> series = new ArrayList<>(VOLUME_MINUTES);
    for (int i = VOLUME_MINUTES - 1; i >= 0; i--) {
      series.add(volume[(int) Math.floorMod(volumeMinute - i, (long) VOLUME_MINUTES)]);
    }
    Double rate = decisions == 0 ? null : (double) granted / decisions;
    return new Stats(
        decisions,
        explained,
        deadLetters,
        granted,
        rate,
        applications,
        series,
        since,
        rejected,
        pending.size());
  }

  /** The most recent decisions, newest first. */
  public synchronized List<DecisionRecord> recent(int limit) {
    List<DecisionRecord> all = new ArrayList<>(recent.values());
    List<DecisionRecord> out = new ArrayList<>(Math.min(limit, all.size()));
    for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
      out.add(all.get(i));
    }
    return out;
  }

  /**
   * One page of the kept decisions that pass a filter.
   *
   * @param items newest decided first
   * @param total how many of the kept decisions pass the filter
   * @param kept how many decisions are kept (the most recent, at most {@code recentCapacity}): the
   *     filter and the paging run over these
   */
  public record Page(List<DecisionRecord> items, int total, int kept) {}

  /** Newest decided first; the application id orders decisions of the same instant. */
  static final Comparator<DecisionRecord> NEWEST_FIRST =
      Comparator.comparing(DecisionRecord::decidedAt)
          .thenComparing(DecisionRecord::applicationId)
          .reversed();

  /**
   * The kept decisions that pass {@code keep}, newest decided first, page {@code page} (from 0) of
   * {@code size}. Ordered by decision time, not by arrival: an explanation arriving later must not
   * move a decision to the top and shift every page.
   */
  public Page page(Predicate<DecisionRecord> keep, int page, int size) {
    if (page < 0 || size < 1) {
      throw new IllegalArgumentException("page must be >= 0 and size >= 1");
    }
    List<DecisionRecord> all;
    synchronized (this) {
      all = new ArrayList<>(recent.values());
    }
    // Filtered outside the view's lock: the filter may ask the oversight trail, which has its own.
    List<DecisionRecord> matching = new ArrayList<>();
    for (DecisionRecord r : all) {
      if (keep.test(r)) {
        matching.add(r);
      }
    }
    matching.sort(NEWEST_FIRST);
    long from = (long) page * size;
    List<DecisionRecord> items =
        from >= matching.size()
            ? List.of()
            : List.copyOf(
                matching.subList((int) from, (int) Math.min(from + size, matching.size())));
    return new Page(items, matching.size(), all.size());
  }

  /** The client's latest application and decision, empty for a client not kept here. */
  public synchronized Optional<ClientEntry> client(long id) {
    return Optional.ofNullable(clients.get(id));
  }

  /** Known clients whose id starts with {@code prefix}, in id text order. */
  public synchronized List<ClientEntry> search(String prefix, int limit) {
    List<ClientEntry> out = new ArrayList<>();
    for (String id : clientIds.tailSet(prefix, true)) {
      if (!id.startsWith(prefix) || out.size() >= limit) {
        break;
      }
      out.add(clients.get(Long.parseLong(id)));
    }
    return out;
  }

  /** The decision id of an application decided here, empty when not known (or rejected). */
  public synchronized Optional<String> decisionId(String applicationId) {
    DecisionRecord r = recent.get(applicationId);
    if (r == null || r.rejection() != null || r.decisionId().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(r.decisionId());
  }

  /**
   * The decision on an application, among the recent decisions and the clients' latest; empty when
   * the view does not keep it.
   */
  public synchronized Optional<DecisionRecord> decision(String applicationId) {
    DecisionRecord r = recent.get(applicationId);
    if (r != null) {
      return Optional.of(r);
    }
    for (ClientEntry e : clients.values()) {
      if (e.decision() != null && e.decision().applicationId().equals(applicationId)) {
        return Optional.of(e.decision());
      }
    }
    return Optional.empty();
  }

  /**
   * Every kept decision (recent or a client's latest, each once) whose outcome is {@code outcome}
   * and that the explainer did not reject, in no particular order: the review queue's source.
   */
  public synchronized List<DecisionRecord> decisionsWith(String outcome) {
    LinkedHashMap<String, DecisionRecord> out = new LinkedHashMap<>();
    for (DecisionRecord r : recent.values()) {
      if (r.decision().equals(outcome) && r.rejection() == null) {
        out.put(r.applicationId(), r);
      }
    }
    for (ClientEntry e : clients.values()) {
      DecisionRecord r = e.decision();
      if (r != null && r.decision().equals(outcome) && r.rejection() == null) {
        out.putIfAbsent(r.applicationId(), r);
      }
    }
    return new ArrayList<>(out.values());
  }

  /** Whether the application is read and waits for its decision (not shown yet). */
  public synchronized boolean pending(String applicationId) {
    return pending.containsKey(applicationId);
  }

  /** The clients kept at most (the oldest updated are dropped first). */
  public int clientCapacity() {
    return clientCapacity;
  }

  /** Every known client's latest decision (for comparisons), in no particular order. */
  public synchronized List<DecisionRecord> latestDecisions() {
    List<DecisionRecord> out = new ArrayList<>(clients.size());
    for (ClientEntry e : clients.values()) {
      if (e.decision() != null && e.decision().rejection() == null) {
        out.add(e.decision());
      }
    }
    return out;
  }
}
