package fr.pretadepenser.scoring.dashboard.monitoring;

import fr.pretadepenser.scoring.events.AlertKind;
import fr.pretadepenser.scoring.events.FeatureDrift;
import fr.pretadepenser.scoring.events.ModelAlert;
import fr.pretadepenser.scoring.events.MonitoringSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Monitoring snapshots and alerts as the live monitor publishes them, for the tests. */
public final class MonitoringEvents {

  public static final String MODEL = "test-model-version";

  private MonitoringEvents() {}

  /**
   * A snapshot over {@code features} (most important first, as the monitor lists them), of which
   * {@code drifted} drift (Wasserstein 0.3 against a threshold of 0.1; the others 0.02).
   */
  public static MonitoringSnapshot snapshot(
      Instant at,
      List<String> features,
      Set<String> drifted,
      double approvalRate,
      double referenceApprovalRate,
      int outcomesKnown,
      Double realisedAuc) {
    return snapshot(
        MODEL,
        at,
        features,
        drifted,
        approvalRate,
        referenceApprovalRate,
        outcomesKnown,
        realisedAuc);
  }

  /** The same, for the given model version. */
  public static MonitoringSnapshot snapshot(
      String model,
      Instant at,
      List<String> features,
      Set<String> drifted,
      double approvalRate,
      double referenceApprovalRate,
      int outcomesKnown,
      Double realisedAuc) {
    List<FeatureDrift> drifts = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      boolean drift = drifted.contains(features.get(i));
      drifts.add(
          FeatureDrift.newBuilder()
              .setFeature(features.get(i))
              .setMethod("wasserstein")
              .setStatistic(drift ? 0.3 : 0.02)
              .setThreshold(0.1)
              .setDrift(drift)
              .setImportance(1.0 / (i + 2))
              .build());
    }
    double share = (double) drifted.size() / features.size();
    return MonitoringSnapshot.newBuilder()
        .setModelVersion(model)
        .setComputedAt(at)
        .setWindowDecisions(1000)
        .setDatasetDrift(share >= 0.5)
        .setDriftedShare(share)
        .setFeatures(drifts)
        .setScorePsi(0.27)
        .setScoreDrift(true)
        .setApprovalRate(approvalRate)
        .setReferenceApprovalRate(referenceApprovalRate)
        .setOutcomesKnown(outcomesKnown)
        .setRealisedAuc(realisedAuc)
        .setRealisedCost(outcomesKnown == 0 ? null : 0.4 * outcomesKnown)
        .setRealisedDefaultRate(outcomesKnown == 0 ? null : 0.08)
        .setRealisedAucLow(realisedAuc == null ? null : realisedAuc - 0.05)
        .setRealisedAucHigh(realisedAuc == null ? null : realisedAuc + 0.05)
        .build();
  }

  public static ModelAlert alert(
      Instant at, AlertKind kind, double value, double threshold, String text) {
    return alert(MODEL, at, kind, value, threshold, text);
  }

  public static ModelAlert alert(
      String model, Instant at, AlertKind kind, double value, double threshold, String text) {
    return ModelAlert.newBuilder()
        .setModelVersion(model)
        .setRaisedAt(at)
        .setKind(kind)
        .setValue(value)
        .setThreshold(threshold)
        .setMessage(text)
        .build();
  }
}
