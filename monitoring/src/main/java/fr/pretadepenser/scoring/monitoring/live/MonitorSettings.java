package fr.pretadepenser.scoring.monitoring.live;

import java.time.Duration;
import java.util.Objects;

/**
 * What the live monitor compares and when it alerts.
 *
 * @param window recent decisions whose feature vectors and probabilities are compared with the
 *     training reference (a sliding window: the newest replace the oldest)
 * @param minWindow below this many decisions no drift is computed: a handful of applicants says
 *     nothing about a population
 * @param interval how often a snapshot is published
 * @param scorePsiThreshold PSI of the probabilities above which the score drifts (0.2, the usual
 *     "significant shift" level)
 * @param approvalRateTolerance absolute gap between the window's approval rate and the out-of-fold
 *     one beyond which an alert is raised
 * @param aucDrop realised AUC this far below the cross-validated one raises an alert
 * @param minOutcomes known outcomes needed before realised performance can alert
 * @param maxAwaiting decisions kept while they wait for their outcome, and clients whose latest
 *     decision is remembered (for outcomes without application id); beyond it the oldest go first.
 *     About 150 bytes each: the default of 200,000 is some 60 MB at most, and at a few thousand
 *     decisions a day covers the months an outcome takes to come
 * @param maxOutcomes outcomes joined with their decision that realised performance is computed over
 *     (the latest), and outcomes kept waiting for a decision not read yet; the oldest go first
 * @param fairnessMinDecisions decisions a group needs before its four-fifths flag can raise an
 *     alert, and before its approval rate can be the others' reference. 100: the alert also asks
 *     that the gap be beyond chance by a normal approximation of the approval rates, which holds
 *     once a group has some ten refusals and ten grants (at approval rates of 10 to 90%, 100
 *     decisions); a handful of applicants would otherwise flag a group, or set the bar, by chance
 */
public record MonitorSettings(
    int window,
    int minWindow,
    Duration interval,
    double scorePsiThreshold,
    double approvalRateTolerance,
    double aucDrop,
    int minOutcomes,
    int maxAwaiting,
    int maxOutcomes,
    int fairnessMinDecisions) {

  public static final MonitorSettings DEFAULT =
      new MonitorSettings(
          1_000, 100, Duration.ofSeconds(60), 0.2, 0.10, 0.05, 100, 200_000, 200_000, 100);

  public MonitorSettings {
    Objects.requireNonNull(interval, "interval");
    if (window < 1 || minWindow < 1 || minWindow > window) {
      throw new IllegalArgumentException(
          "the window must hold at least 1 decision and at least --min-window ("
              + minWindow
              + "), not "
              + window);
    }
    if (maxAwaiting < 1 || maxOutcomes < 1) {
      throw new IllegalArgumentException(
          "the monitor must keep at least one decision and one outcome, not "
              + maxAwaiting
              + " and "
              + maxOutcomes);
    }
    if (fairnessMinDecisions < 1) {
      throw new IllegalArgumentException(
          "a group needs at least 1 decision to be flagged, not " + fairnessMinDecisions);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the interval must be positive, not " + interval);
    }
  }

  public MonitorSettings withWindow(int w, int min) {
    return new MonitorSettings(
        w,
        min,
        interval,
        scorePsiThreshold,
        approvalRateTolerance,
        aucDrop,
        minOutcomes,
        maxAwaiting,
        maxOutcomes,
        fairnessMinDecisions);
  }

  public MonitorSettings withInterval(Duration d) {
    return new MonitorSettings(
        window,
        minWindow,
        d,
        scorePsiThreshold,
        approvalRateTolerance,
        aucDrop,
        minOutcomes,
        maxAwaiting,
        maxOutcomes,
        fairnessMinDecisions);
  }

  /** The same with other bounds on decisions awaiting their outcome and on outcomes kept. */
  public MonitorSettings withLimits(int awaiting, int outcomes) {
    return new MonitorSettings(
        window,
        minWindow,
        interval,
        scorePsiThreshold,
        approvalRateTolerance,
        aucDrop,
        minOutcomes,
        awaiting,
        outcomes,
        fairnessMinDecisions);
  }

  /** The same with another number of decisions a group needs before it can raise an alert. */
  public MonitorSettings withFairnessMinDecisions(int n) {
    return new MonitorSettings(
        window,
        minWindow,
        interval,
        scorePsiThreshold,
        approvalRateTolerance,
        aucDrop,
        minOutcomes,
        maxAwaiting,
        maxOutcomes,
        n);
  }
}
