package fr.pretadepenser.scoring.dashboard.model;

import fr.pretadepenser.scoring.dashboard.decisions.DecisionRecord;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.explain.DecisionExplainer;
import fr.pretadepenser.scoring.explain.Explanation;
import fr.pretadepenser.scoring.explain.FeatureDescriptions;
import fr.pretadepenser.scoring.features.FeatureInfo;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.DecisionRule;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.model.ReferenceDistributions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model bundle as the dashboard uses it: the scorer's own scoring path ({@link
 * ApplicationScorer}, the bundle's ONNX model and threshold) for what-ifs, the explain library's
 * {@link DecisionExplainer} for SHAP contributions and reasons (so that an explanation the
 * dashboard computes is the one the explainer would have sent), the feature list and the reference
 * population.
 */
public final class ModelService implements AutoCloseable {

  /**
   * A vector scored in-process: the ONNX model's probability and decision, and its explanation.
   *
   * @param refused not granted automatically (REFUSED, or REVIEW inside a review band)
   * @param decision GRANTED, REVIEW or REFUSED ({@code DecisionRule.outcome})
   */
  public record Scored(
      double probability, boolean refused, Explanation explanation, String decision) {

    /** Decided by the threshold alone. */
    public Scored(double probability, boolean refused, Explanation explanation) {
      this(probability, refused, explanation, refused ? "REFUSED" : "GRANTED");
    }
  }

  private final ModelBundle bundle;
  private final ApplicationScorer scorer;
  private final DecisionExplainer explainer;
  private final List<FeatureInfo> features;
  private final Map<String, Integer> index = new HashMap<>();
  private final ReferenceDistributions reference;

  ModelService(ModelBundle bundle, DecisionExplainer explainer) {
    this.bundle = bundle;
    this.scorer = ApplicationScorer.of(bundle);
    this.explainer = explainer;
    this.features = bundle.manifest().features();
    for (int i = 0; i < features.size(); i++) {
      index.put(features.get(i).name(), i);
    }
    this.reference = bundle.reference();
  }

  static ModelService load(Path directory) {
    ModelBundle bundle = ModelBundle.load(directory);
    try {
      return new ModelService(bundle, DecisionExplainer.of(bundle));
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  /**
   * The ONNX model's probability and decision for {@code features}, explained with reasons for that
   * decision in the words of {@code words}.
   */
  public Scored score(float[] features, FeatureDescriptions words) {
    return score("", features, words);
  }

  /**
   * The same by the model named as in {@code Decision.scoring_model} ("thin_file": the bundle's
   * thin-file model, its history features missing; else the full model): a what-if is scored by the
   * model that made the decision it starts from.
   */
  public Scored score(String scoringModel, float[] features, FeatureDescriptions words) {
    return score(scoringModel, features, words, null, null);
  }

  /** {@link #score(String, float[], FeatureDescriptions, Double, Double)} by the full model. */
  public Scored score(float[] features, FeatureDescriptions words, Double low, Double high) {
    return score("", features, words, low, high);
  }

  /**
   * The same with a review band (the one the scorer applied to the decision being changed; both
   * null: none): REVIEW inside it, explained like a refusal, as the explainer explains it.
   */
  public Scored score(
      String scoringModel, float[] features, FeatureDescriptions words, Double low, Double high) {
    ApplicationScorer.Scored s = scorer.forModel(scoringModel).score(features);
    DecisionOutcome outcome;
    try {
      outcome = DecisionRule.outcome(s.probability(), s.threshold(), low, high);
    } catch (IllegalArgumentException e) {
      // A band that does not fit this model (a decision of another configuration): the threshold.
      outcome = DecisionRule.outcome(s.probability(), s.threshold(), null, null);
    }
    boolean notGranted = outcome != DecisionOutcome.GRANTED;
    return new Scored(
        s.probability(),
        notGranted,
        explainer.forModel(scoringModel).explain(s.features(), notGranted, words),
        outcome.name());
  }

  /** SHAP contributions of {@code features}, with reasons for the given decision. */
  Explanation explain(
      String scoringModel, float[] features, boolean refused, FeatureDescriptions words) {
    return explainer.forModel(scoringModel).explain(features, refused, words);
  }

  /** The principal reasons for a decision whose contributions are known (an explained one). */
  List<Explanation.Reason> reasons(
      String scoringModel,
      float[] features,
      double[] contributions,
      boolean refused,
      FeatureDescriptions words) {
    return explainer.forModel(scoringModel).reasons(features, contributions, refused, words);
  }

  /**
   * The vector of {@code changed} for a client whose decision was made on {@code decided}: the
   * application features computed again, the history features the scorer computed ({@link
   * ApplicationScorer#withApplication}).
   */
  public float[] withApplication(float[] decided, LoanApplication changed) {
    return scorer.withApplication(decided, changed);
  }

  /** The model's features, in vector order. */
  public List<FeatureInfo> features() {
    return features;
  }

  /** Position of a feature in the vector, or -1. */
  public int indexOf(String name) {
    Integer i = name == null ? null : index.get(name);
    return i == null ? -1 : i;
  }

  /** The bundle's decision threshold on the probability of default. */
  public double threshold() {
    return scorer.threshold();
  }

  /** The threshold of the model named as in {@code Decision.scoring_model}. */
  public double threshold(String scoringModel) {
    return scorer.forModel(scoringModel).threshold();
  }

  /** The bundle's model version, as the decisions carry it. */
  public String version() {
    return bundle.metadata().modelVersion();
  }

  /**
   * Whether {@code d} was made by this bundle's model: only then are its vector, SHAP and reasons
   * read with this model (a decision of another version may have other features, in another order).
   */
  public boolean madeBy(DecisionRecord d) {
    return version().equals(d.modelVersion()) && d.features().length == features.size();
  }

  /** The training population's distributions ({@code reference.json}). */
  public ReferenceDistributions reference() {
    return reference;
  }

  /** The training population's distribution of the feature at this position of the vector. */
  public ReferenceDistributions.Distribution distribution(int feature) {
    ReferenceDistributions.Distribution d = reference.features().get(feature);
    if (!d.name().equals(features.get(feature).name())) {
      // reference.json lists features in vector order; a lookup by name covers any other order.
      for (ReferenceDistributions.Distribution other : reference.features()) {
        if (other.name().equals(features.get(feature).name())) {
          return other;
        }
      }
    }
    return d;
  }

  /** The population's median of a feature, or null when unknown. */
  public Double median(int feature) {
    ReferenceDistributions.Distribution d = distribution(feature);
    if (d.quantileLevels() == null) {
      return null;
    }
    for (int q = 0; q < d.quantileLevels().size(); q++) {
      if (Math.abs(d.quantileLevels().get(q) - 0.5) < 1e-9) {
        return d.quantiles().get(q);
      }
    }
    return null;
  }

  /**
   * Global importance of each feature (vector order): its mean |SHAP| in log-odds over training
   * rows, from the model card; null for a bundle written before the card carried it. Public for the
   * similar clients, which show the most important features side by side.
   */
  public double[] importance() {
    Map<String, Double> byName = bundle.card().meanAbsShap();
    if (byName == null) {
      return null;
    }
    double[] out = new double[features.size()];
    for (int i = 0; i < out.length; i++) {
      Double v = byName.get(features.get(i).name());
      out[i] = v == null ? 0 : v;
    }
    return out;
  }

  Path directory() {
    return bundle.directory();
  }

  @Override
  public void close() {
    try {
      explainer.close();
    } finally {
      bundle.close();
    }
  }
}
