package fr.pretadepenser.scoring.dashboard.decisions;

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
 * <p>Every decision and explanation it takes in is handed on to the {@link DecisionStream} (the
 * live stream) under its lock, so the stream's order is the view's.
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
   * @param decisions decisions read (one per application)
   * @param explained explained decisions read
   * @param deadLetters records the scorer could not process
   * @param granted decisions that granted the loan
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
      Instant since) {}

  /** The minutes {@link Stats#volume()} covers. */
  public static final int VOLUME_MINUTES = 30;

  private final int recentCapacity;
  private final int clientCapacity;
  private final DecisionStream stream;
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

  DashboardView(int recentCapacity, int clientCapacity, DecisionStream stream, Clock clock) {
    if (recentCapacity < 1 || clientCapacity < 1) {
      throw new IllegalArgumentException("capacities must be at least 1");
    }
    this.recentCapacity = recentCapacity;
    this.clientCapacity = clientCapacity;
    this.stream = stream;
    this.clock = clock;
    this.since = clock.instant();
    this.volumeMinute = since.getEpochSecond() / 60;
  }

  /** A decision read from {@code loan-decisions}. */
  public synchronized void onDecision(Decision d) {
    DecisionRecord known = recent.get(d.getApplicationId());
    decisions++;
    if (d.getDecision().name().equals("GRANTED")) {
      granted++;
    }
    countVolume();
    if (known != null && known.explanation() != null) {
      // The explanation came first (other topic, other partition): keep it.
      stream.publish("decision", known.summary());
      return;
    }
    DecisionRecord r = DecisionRecord.of(d);
    remember(r);
    stream.publish("decision", r.summary());
  }

  /** An explained decision read from {@code loan-decisions-explained}. */
  public synchronized void onExplained(ExplainedDecision e) {
    explained++;
    DecisionRecord r = DecisionRecord.of(e);
    remember(r);
    stream.publish("explained", r.summary());
  }

  /** A record of {@code scoring-dlq}: only counted. */
  public synchronized void onDeadLetter() {
    deadLetters++;
  }

  /** An application read from {@code loan-applications}. */
  public synchronized void onApplication(LoanApplication a) {
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

  /** The counts since the start, and the volume of the last {@value #VOLUME_MINUTES} minutes. */
  public synchronized Stats stats() {
    advanceVolume(clock.instant().getEpochSecond() / 60);
    List<Long> series = new ArrayList<>(VOLUME_MINUTES);
    for (int i = VOLUME_MINUTES - 1; i >= 0; i--) {
      series.add(volume[(int) Math.floorMod(volumeMinute - i, (long) VOLUME_MINUTES)]);
    }
    Double rate = decisions == 0 ? null : (double) granted / decisions;
    return new Stats(decisions, explained, deadLetters, granted, rate, applications, series, since);
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

  /** Every known client's latest decision (for comparisons), in no particular order. */
  public synchronized List<DecisionRecord> latestDecisions() {
    List<DecisionRecord> out = new ArrayList<>(clients.size());
    for (ClientEntry e : clients.values()) {
      if (e.decision() != null) {
        out.add(e.decision());
      }
    }
    return out;
  }
}
