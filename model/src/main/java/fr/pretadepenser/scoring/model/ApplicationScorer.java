package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.features.FeatureFamily;
import fr.pretadepenser.scoring.features.FeatureInfo;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The one scoring path: the feature definition over an application and its client's history, the
 * model's probability of default, the threshold. The streaming scorer ({@code ScorerProcessor}),
 * {@code scoring score} and the dashboard's what-if all score through this class, so a decision is
 * the same number wherever it is made. Thread-safe.
 *
 * <p>It refuses, when built, a model whose feature names differ from the definition's (scoring
 * vectors in another order than the model was trained on would give wrong probabilities silently)
 * or whose threshold is not a probability (a NaN threshold would grant everyone). When scoring, it
 * refuses a model answer that is not a probability, for the same reason: a failure is a {@link
 * ScoringException} saying which step failed, never a decision.
 */
public final class ApplicationScorer {

  private final FeatureDefinition definition;
  private final ModelMetadata metadata;
  private final ToDoubleFunction<float[]> model;
  private final double threshold;
  private final ReviewBand band;
  private final boolean[] applicationPart;

  /**
   * A definition and a model checked against each other.
   *
   * @param definition computes the vector, in the order of {@code metadata.featureNames()}
   * @param metadata the model's version, threshold and feature names
   * @param model the probability of default of one vector; {@code OnnxModel::probability} in
   *     production, a stand-in in unit tests of what is around the model; thread-safe
   * @throws BundleException when the feature names differ or the threshold is not in [0, 1]
   */
  public ApplicationScorer(
      FeatureDefinition definition, ModelMetadata metadata, ToDoubleFunction<float[]> model) {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(model, "model");
    ModelBundle.requireSame(
        "the model " + metadata.modelVersion(),
        metadata.featureNames(),
        "this code's feature definition",
        definition.names());
    if (!(metadata.threshold() >= 0.0 && metadata.threshold() <= 1.0)) {
      throw new BundleException(
          "the model "
              + metadata.modelVersion()
              + " has threshold "
              + metadata.threshold()
              + ", not a probability in [0, 1]");
    }
    this.definition = definition;
    this.metadata = metadata;
    this.model = model;
    this.threshold = metadata.threshold();
    this.band = null;
    List<FeatureInfo> features = definition.features();
    this.applicationPart = new boolean[features.size()];
    for (int i = 0; i < applicationPart.length; i++) {
      applicationPart[i] = features.get(i).family() == FeatureFamily.APPLICATION;
    }
  }

  /** The same scorer with a review band (null: none). */
  private ApplicationScorer(ApplicationScorer base, ReviewBand band) {
    this.definition = base.definition;
    this.metadata = base.metadata;
    this.model = base.model;
    this.threshold = base.threshold;
    this.applicationPart = base.applicationPart;
    this.band = band;
  }

  /**
   * This scorer deciding with a review band: probabilities in {@code [low, high)} are REVIEW
   * ({@link DecisionRule#outcome}). Null: the threshold alone, as {@link #of} builds it.
   *
   * @throws IllegalArgumentException when the band does not contain the model's threshold
   */
  public ApplicationScorer withReviewBand(ReviewBand band) {
    if (band != null) {
      band.requireContains(threshold);
    }
    return new ApplicationScorer(this, band);
  }

  /** The definition and an ONNX model, checked against each other. */
  public static ApplicationScorer of(FeatureDefinition definition, OnnxModel model) {
    return new ApplicationScorer(definition, model.metadata(), model::probability);
  }

  /**
   * The bundle's definition (its vocabulary) and its ONNX model, deciding on the threshold alone;
   * {@code .withReviewBand(bundle.card().band())} applies the bundle's review band as the scorer
   * does by default.
   */
  public static ApplicationScorer of(ModelBundle bundle) {
    return of(bundle.definition(), bundle.model());
  }

  /**
   * One applicant scored.
   *
   * @param features the exact vector handed to the model (NaN = missing)
   * @param probability the model's probability of default, in [0, 1]
   * @param refused true when the probability reaches the threshold: the threshold's verdict alone;
   *     the decision is {@code outcome}, which a review band may make REVIEW
   * @param threshold the model's threshold
   * @param featureNanos time to compute the vector (from {@code startNanos} when given)
   * @param inferenceNanos time the model took
   * @param outcome the decision, by {@link DecisionRule#outcome} with this scorer's band
   * @param band the review band applied, null for none
   */
  public record Scored(
      float[] features,
      double probability,
      boolean refused,
      double threshold,
      long featureNanos,
      long inferenceNanos,
      DecisionOutcome outcome,
      ReviewBand band) {

    /** A score decided by the threshold alone (no review band). */
    public Scored(
        float[] features,
        double probability,
        boolean refused,
        double threshold,
        long featureNanos,
        long inferenceNanos) {
      this(
          features,
          probability,
          refused,
          threshold,
          featureNanos,
          inferenceNanos,
          refused ? DecisionOutcome.REFUSED : DecisionOutcome.GRANTED,
          null);
    }

    /** The band's lower edge, null for none (Decision.review_low). */
    public Double reviewLow() {
      return band == null ? null : band.low();
    }

    /** The band's upper edge, null for none (Decision.review_high). */
    public Double reviewHigh() {
      return band == null ? null : band.high();
    }
  }

  /** Scores one application; a null history is a client with no history. */
  public Scored score(LoanApplication application, ClientHistory history) {
    return score(application, history, System.nanoTime());
  }

  /**
   * Scores one application, counting the feature time from {@code startNanos}: the streaming scorer
   * reads the client's history from its store first, and that read is part of building the
   * features.
   *
   * @param startNanos a {@link System#nanoTime()} taken when the work for these features began
   * @throws ScoringException when the feature definition or the model fails for this application
   */
  public Scored score(LoanApplication application, ClientHistory history, long startNanos) {
    float[] features;
    try {
      features = definition.compute(application, history);
    } catch (RuntimeException e) {
      throw new ScoringException(
          ScoringException.Step.FEATURES, "the feature definition failed: " + e, e);
    }
    long featuresDone = System.nanoTime();
    double p = probability(features);
    long inferenceDone = System.nanoTime();
    return scored(features, p, featuresDone - startNanos, inferenceDone - featuresDone);
  }

  /**
   * Scores a vector built elsewhere (the dashboard's what-if, from a decided vector); feature time
   * 0.
   *
   * @throws ScoringException when the model fails or does not answer a probability
   */
  public Scored score(float[] features) {
    long start = System.nanoTime();
    double p = probability(features);
    return scored(features, p, 0, System.nanoTime() - start);
  }

  private Scored scored(float[] features, double p, long featureNanos, long inferenceNanos) {
    return new Scored(
        features,
        p,
        DecisionRule.refuses(p, threshold),
        threshold,
        featureNanos,
        inferenceNanos,
        DecisionRule.outcome(p, threshold, band),
        band);
  }

  /**
   * The model's probability of default for a vector, checked to be a probability.
   *
   * @throws ScoringException when the model fails, or answers NaN or a number outside [0, 1] (NaN
   *     would pass as granted: {@code NaN >= threshold} is false)
   */
  public double probability(float[] features) {
    double p;
    try {
      p = model.applyAsDouble(features);
    } catch (RuntimeException e) {
      throw new ScoringException(ScoringException.Step.MODEL, "the model failed: " + e, e);
    }
    if (!(p >= 0.0 && p <= 1.0)) {
      throw new ScoringException(
          ScoringException.Step.MODEL, "the model returned " + p + ", not a probability in [0, 1]");
    }
    return p;
  }

  /**
   * The vector of {@code changed} for a client whose decision was made on {@code decided}: the
   * application features computed again by the feature definition, the history features (bureau,
   * previous loans, instalments, ...) those of {@code decided}, unchanged. Exact, because the
   * definition's application block reads the application alone.
   */
  public float[] withApplication(float[] decided, LoanApplication changed) {
    float[] fresh = definition.compute(changed, null);
    float[] out = decided.clone();
    for (int i = 0; i < out.length; i++) {
      if (applicationPart[i]) {
        out[i] = fresh[i];
      }
    }
    return out;
  }

  public FeatureDefinition definition() {
    return definition;
  }

  /** The model's version, threshold and feature names. */
  public ModelMetadata metadata() {
    return metadata;
  }

  public double threshold() {
    return threshold;
  }

  /** The review band this scorer decides with, null for none. */
  public ReviewBand reviewBand() {
    return band;
  }
}
