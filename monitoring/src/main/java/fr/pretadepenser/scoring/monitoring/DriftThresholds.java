package fr.pretadepenser.scoring.monitoring;

/**
 * When a feature, and the dataset, drift. A statistic at or above its threshold drifts (Evidently's
 * comparison).
 *
 * @param wasserstein normalised Wasserstein distance of a numeric feature (Evidently's default 0.1:
 *     the distributions are a tenth of the reference's standard deviation apart)
 * @param psi PSI of a numeric feature; 0.2 is the credit-scoring convention's "significant shift"
 *     (below 0.1 stable, 0.1 to 0.2 moderate)
 * @param jensenShannon Jensen–Shannon distance of a categorical feature (Evidently's default 0.1)
 * @param datasetShare share of drifted features, by count or by importance, at which the dataset
 *     drifts (Evidently's 0.5)
 */
public record DriftThresholds(
    double wasserstein, double psi, double jensenShannon, double datasetShare) {

  public static final DriftThresholds DEFAULT = new DriftThresholds(0.1, 0.2, 0.1, 0.5);
}
