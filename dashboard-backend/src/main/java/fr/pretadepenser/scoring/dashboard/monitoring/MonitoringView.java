package fr.pretadepenser.scoring.dashboard.monitoring;

import fr.pretadepenser.scoring.dashboard.model.Explanations;
import fr.pretadepenser.scoring.events.ModelAlert;
import fr.pretadepenser.scoring.events.MonitoringSnapshot;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What the Monitoring page shows, rebuilt from {@code model-monitoring} and {@code model-alerts} at
 * every start and bounded: the latest snapshot whole (with every feature's drift), a compact point
 * per snapshot for the charts over time (the newest {@code snapshotCapacity}) and the newest {@code
 * alertCapacity} alerts. Only the latest snapshot keeps its per-feature list: the history of
 * several hundred features per snapshot would be most of the memory for nothing the page draws.
 *
 * <p>One lock; every operation is short.
 */
public final class MonitoringView {

  /**
   * One snapshot, reduced to what the charts draw. Rates and statistics that the monitor could not
   * compute (too few decisions, no outcome yet) are null.
   */
  record Point(
      String modelVersion,
      Instant computedAt,
      int windowDecisions,
      boolean datasetDrift,
      double driftedShare,
      Double scorePsi,
      boolean scoreDrift,
      Double approvalRate,
      Double referenceApprovalRate,
      Double realisedAuc,
      int outcomesKnown) {}

  /** A threshold crossed, as the monitor raised it. */
  record Alert(
      String modelVersion,
      Instant raisedAt,
      String kind,
      Double value,
      Double threshold,
      String message) {}

  private final int snapshotCapacity;
  private final int alertCapacity;
  private final ArrayDeque<Point> points = new ArrayDeque<>();
  private final ArrayDeque<Alert> alerts = new ArrayDeque<>();
  private MonitoringSnapshot latest;
  private long snapshots;
  private long alertCount;

  public MonitoringView(int snapshotCapacity, int alertCapacity) {
    if (snapshotCapacity < 1 || alertCapacity < 1) {
      throw new IllegalArgumentException("capacities must be at least 1");
    }
    this.snapshotCapacity = snapshotCapacity;
    this.alertCapacity = alertCapacity;
  }

  /** A snapshot read from {@code model-monitoring}. */
  public synchronized void onSnapshot(MonitoringSnapshot s) {
    snapshots++;
    // The monitor publishes one model version's snapshots in order on one partition: the last
    // read is the current one.
    latest = s;
    points.addLast(
        new Point(
            s.getModelVersion(),
            s.getComputedAt(),
            s.getWindowDecisions(),
            s.getDatasetDrift(),
            s.getDriftedShare(),
            finite(s.getScorePsi()),
            s.getScoreDrift(),
            finite(s.getApprovalRate()),
            finite(s.getReferenceApprovalRate()),
            finite(s.getRealisedAuc()),
            s.getOutcomesKnown()));
    while (points.size() > snapshotCapacity) {
      points.removeFirst();
    }
  }

  /** An alert read from {@code model-alerts}. */
  public synchronized void onAlert(ModelAlert a) {
    alertCount++;
    alerts.addLast(
        new Alert(
            a.getModelVersion(),
            a.getRaisedAt(),
            a.getKind().name(),
            finite(a.getValue()),
            finite(a.getThreshold()),
            a.getMessage()));
    while (alerts.size() > alertCapacity) {
      alerts.removeFirst();
    }
  }

  /** The most recent snapshot, null before any. */
  synchronized MonitoringSnapshot latest() {
    return latest;
  }

  /** The kept snapshots as points, oldest first (in the order they were published). */
  synchronized List<Point> series() {
    return List.copyOf(points);
  }

  /** The kept alerts, newest first. */
  synchronized List<Alert> alerts(int limit) {
    List<Alert> out = new ArrayList<>(Math.min(limit, alerts.size()));
    for (Iterator<Alert> it = alerts.descendingIterator(); it.hasNext() && out.size() < limit; ) {
      out.add(it.next());
    }
    return out;
  }

  /** Snapshots read since the start (kept or not). */
  public synchronized long snapshots() {
    return snapshots;
  }

  /** Alerts read since the start (kept or not). */
  public synchronized long alertCount() {
    return alertCount;
  }

  /** JSON has no NaN: a value the monitor could not compute is null. */
  static Double finite(Double v) {
    return v == null ? null : Explanations.number(v);
  }
}
