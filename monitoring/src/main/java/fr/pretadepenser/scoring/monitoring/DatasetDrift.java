package fr.pretadepenser.scoring.monitoring;

import java.util.List;

/**
 * The dataset's verdict and every feature's drift, drifted features first, each group with the most
 * important features first.
 *
 * @param drift {@code driftedShare} or {@code importanceShare} at or above the threshold
 * @param compared features the reference has values of (the others cannot drift)
 * @param driftedShare drifted / compared: Evidently's rule
 * @param importanceShare the drifted features' share of the compared features' importance: the same
 *     rule weighted by what the model relies on, so that the few features that carry the decisions
 *     are not outvoted by hundreds of sparse ones the model hardly uses
 * @param referencePopulation training rows behind the reference
 * @param currentRows rows of the data compared
 */
public record DatasetDrift(
    boolean drift,
    int compared,
    int drifted,
    double driftedShare,
    double importanceShare,
    DriftThresholds thresholds,
    long referencePopulation,
    long currentRows,
    List<FeatureDrift> features) {

  public DatasetDrift {
    features = List.copyOf(features);
  }

  public List<FeatureDrift> driftedFeatures() {
    return features.stream().filter(FeatureDrift::drift).toList();
  }
}
