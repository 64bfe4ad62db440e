package fr.pretadepenser.scoring.dashboard;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.LoanApplication;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

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
 * <p>One lock guards everything; every operation is short (the comparisons scan at most {@code
 * clientCapacity} vectors).
 */
final class DashboardView {

  /** The latest we know of one client. */
  record ClientEntry(long clientId, LoanApplication application, DecisionRecord decision) {}

  /**
   * @param decisions decisions read (one per application)
   * @param explained explained decisions read
   * @param deadLetters records the scorer could not process
   * @param granted decisions that granted the loan
   * @param volume decisions per minute over the last {@value #VOLUME_MINUTES} minutes, oldest first
   */
  record Stats(
      long decisions,
      long explained,
      long deadLetters,
      long granted,
      Double approvalRate,
      long applications,
      List<Long> volume,
      Instant since) {}

  static final int VOLUME_MINUTES = 30;

  private final int recentCapacity;
  private final int clientCapacity;
  private final LiveFeed feed;
  private final Clock clock;
  private final Instant since;

  private final LinkedHashMap<String, DecisionRecord> recent = new LinkedHashMap<>();
  private final LinkedHashMap<Long, ClientEntry> clients = new LinkedHashMap<>();
  private final NavigableSet<String> clientIds = new TreeSet<>();
  private final long[] volume = new long[VOLUME_MINUTES];
  private long volumeMinute;
  private long decisions;
  private long explained;
  private long deadLetters;
  private long granted;
  private long applications;

  DashboardView(int recentCapacity, int clientCapacity, LiveFeed feed, Clock clock) {
    if (recentCapacity < 1 || clientCapacity < 1) {
      throw new IllegalArgumentException("capacities must be at least 1");
    }
    this.recentCapacity = recentCapacity;
    this.clientCapacity = clientCapacity;
    this.feed = feed;
    this.clock = clock;
    this.since = clock.instant();
    this.volumeMinute = since.getEpochSecond() / 60;
  }

  synchronized void onDecision(Decision d) {
    DecisionRecord known = recent.get(d.getApplicationId());
    decisions++;
    if (d.getDecision().name().equals("GRANTED")) {
      granted++;
    }
    countVolume();
    if (known != null && known.explanation() != null) {
      // The explanation came first (other topic, other partition): keep it.
      feed.publish("decision", known.summary());
      return;
    }
    DecisionRecord r = DecisionRecord.of(d);
    remember(r);
    feed.publish("decision", r.summary());
  }

  synchronized void onExplained(ExplainedDecision e) {
    explained++;
    DecisionRecord r = DecisionRecord.of(e);
    remember(r);
    feed.publish("explained", r.summary());
  }

  synchronized void onDeadLetter() {
    deadLetters++;
  }

  synchronized void onApplication(LoanApplication a) {
    applications++;
    long id = a.getSKIDCURR();
    ClientEntry old = clients.get(id);
    putClient(new ClientEntry(id, a, old == null ? null : old.decision()));
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
    DecisionRecord latest = r;
    if (old != null
        && old.decision() != null
        && old.decision().decidedAt().isAfter(r.decidedAt())) {
      latest = old.decision();
    }
    putClient(new ClientEntry(r.clientId(), old == null ? null : old.application(), latest));
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

  synchronized Stats stats() {
    advanceVolume(clock.instant().getEpochSecond() / 60);
    List<Long> series = new ArrayList<>(VOLUME_MINUTES);
    for (int i = VOLUME_MINUTES - 1; i >= 0; i--) {
      series.add(volume[(int) Math.floorMod(volumeMinute - i, (long) VOLUME_MINUTES)]);
    }
    Double rate = decisions == 0 ? null : (double) granted / decisions;
    return new Stats(decisions, explained, deadLetters, granted, rate, applications, series, since);
  }

  /** The most recent decisions, newest first. */
  synchronized List<DecisionRecord> recent(int limit) {
    List<DecisionRecord> all = new ArrayList<>(recent.values());
    List<DecisionRecord> out = new ArrayList<>(Math.min(limit, all.size()));
    for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
      out.add(all.get(i));
    }
    return out;
  }

  synchronized Optional<ClientEntry> client(long id) {
    return Optional.ofNullable(clients.get(id));
  }

  /** Known clients whose id starts with {@code prefix}, in id text order. */
  synchronized List<ClientEntry> search(String prefix, int limit) {
    List<ClientEntry> out = new ArrayList<>();
    for (String id : clientIds.tailSet(prefix, true)) {
      if (!id.startsWith(prefix) || out.size() >= limit) {
        break;
      }
      out.add(clients.get(Long.parseLong(id)));
    }
    return out;
  }

  /** Every known client's latest decision (for comparisons), in no particular order. */
  synchronized List<DecisionRecord> latestDecisions() {
    List<DecisionRecord> out = new ArrayList<>(clients.size());
    for (ClientEntry e : clients.values()) {
      if (e.decision() != null) {
        out.add(e.decision());
      }
    }
    return out;
  }
}
