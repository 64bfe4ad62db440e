package fr.pretadepenser.scoring.model;

/**
 * A model that turns a feature vector (in the order of {@link ModelMetadata#featureNames()}) into
 * the probability that the applicant defaults. Implementations are thread-safe.
 */
public interface DefaultRiskModel extends AutoCloseable {

  ModelMetadata metadata();

  /** The probability of default of one applicant; NaN features are missing values. */
  double probability(float[] features);

  /** The probabilities of many applicants at once (faster per row than one at a time). */
  double[] probabilities(float[][] rows);

  @Override
  void close();
}
