package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.features.FeatureDefinition;

/**
 * The one scoring path, shared by the streaming scorer and {@code scoring score}: the feature
 * definition over the application and history, then the model, then the threshold. Thread-safe.
 */
public final class ApplicationScorer {

  private final FeatureDefinition definition;
  private final DefaultRiskModel model;
  private final double threshold;

  public ApplicationScorer(FeatureDefinition definition, DefaultRiskModel model) {
    ModelBundle.requireSame(
        "the model", model.metadata().featureNames(), "the feature definition", definition.names());
    this.definition = definition;
    this.model = model;
    this.threshold = model.metadata().threshold();
  }

  public static ApplicationScorer of(ModelBundle bundle) {
    return new ApplicationScorer(bundle.definition(), bundle.model());
  }

  /**
   * One applicant scored.
   *
   * @param features the exact vector handed to the model (NaN = missing)
   * @param refused true when the probability reaches the threshold
   */
  public record Scored(
      float[] features,
      double probability,
      boolean refused,
      double threshold,
      long featureNanos,
      long inferenceNanos) {}

  /** Scores one application; a null history is a client with no history. */
  public Scored score(LoanApplication application, ClientHistory history) {
    long t0 = System.nanoTime();
    float[] features = definition.compute(application, history);
    long t1 = System.nanoTime();
    double p = model.probability(features);
    long t2 = System.nanoTime();
    return new Scored(features, p, DecisionRule.refuses(p, threshold), threshold, t1 - t0, t2 - t1);
  }

  public FeatureDefinition definition() {
    return definition;
  }

  public ModelMetadata metadata() {
    return model.metadata();
  }
}
