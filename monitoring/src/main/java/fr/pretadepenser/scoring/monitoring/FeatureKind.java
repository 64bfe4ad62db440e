package fr.pretadepenser.scoring.monitoring;

/** How a feature is compared: as a distribution of numbers, or as shares of categories. */
public enum FeatureKind {
  /** Normalised Wasserstein distance and PSI. */
  NUMERIC,
  /** Jensen–Shannon distance between the category shares (missing is a category of its own). */
  CATEGORICAL
}
