package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.HistorySourcePresence;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.features.FeatureFamily;
import fr.pretadepenser.scoring.features.FeatureInfo;
import fr.pretadepenser.scoring.schemas.HistorySources;
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

  /** True for the thin-file model: every history feature is handed to it as missing. */
  private final boolean historyMasked;

  /** The bundle's thin-file model, or null; always null on a thin-file scorer itself. */
  private final ApplicationScorer thinFile;

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
    this(definition, metadata, model, false, null);
  }

  private ApplicationScorer(
      FeatureDefinition definition,
      ModelMetadata metadata,
      ToDoubleFunction<float[]> model,
      boolean historyMasked,
      ApplicationScorer thinFile) {
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
    this.historyMasked = historyMasked;
    this.thinFile = thinFile;
  }

  /**
   * This scorer as a thin-file model: the same feature definition, every history feature handed to
   * the model as missing (NaN), whatever the client's history holds, so the vector it decides on
   * (and the one SHAP explains) is the application alone.
   */
  public static ApplicationScorer thinFile(
      FeatureDefinition definition, ModelMetadata metadata, ToDoubleFunction<float[]> model) {
    return new ApplicationScorer(definition, metadata, model, true, null);
  }

  /**
   * This (full) scorer with the bundle's thin-file model beside it, for {@link #choose} and {@link
   * #forModel}.
   *
   * @throws BundleException when {@code thin} is not a thin-file scorer or computes other features
   */
  public ApplicationScorer withThinFile(ApplicationScorer thin) {
    if (!thin.historyMasked || historyMasked) {
      throw new BundleException("a thin-file model goes beside a full model");
    }
    ModelBundle.requireSame(
        "the full model", metadata.featureNames(), "the thin-file model", thin.definition.names());
    return new ApplicationScorer(definition, metadata, model, false, thin);
  }

  /**
   * Which model decides for this presence ({@link ScoringModel#choose}); {@code THIN_FILE_DISABLED}
   * when this scorer has no thin-file model.
   */
  public ScoringModel choose(List<HistorySourcePresence> presence) {
    return ScoringModel.choose(presence, thinFile != null);
  }

  /**
   * {@link #choose(List)} for an application that may announce an older sender's total ({@code
   * history_events}) instead of counts per source.
   */
  public ScoringModel choose(List<HistorySourcePresence> presence, LoanApplication application) {
    boolean total =
        application.getHistoryAnnounced() == null
            && application.getHistoryEvents() != null
            && application.getHistoryEvents() > 0;
    return ScoringModel.choose(presence, thinFile != null, total);
  }

  /**
   * One application scored by the model the presence chooses: the presence (what each source held
   * against what the application announced), the model and its reason, and the score.
   *
   * @param held records held per source, indexed like {@code HistorySources.NAMES}
   */
  public Chosen scoreChosen(
      LoanApplication application, ClientHistory history, int[] held, long startNanos) {
    List<HistorySourcePresence> presence =
        HistoryPresence.of(held, application.getHistoryAnnounced());
    ScoringModel model = choose(presence, application);
    Scored scored = forModel(model.name()).score(application, history, startNanos);
    return new Chosen(scored, presence, model);
  }

  /**
   * The decision the streaming scorer makes once it holds {@code history} whole: the presence of
   * this history against the application's announcement, the model it chooses, its score. The batch
   * checks of the streaming path (end-to-end tests, {@code chaos}) compare with this.
   *
   * @param history the client's history, null for none
   */
  public Chosen scoreWhole(LoanApplication application, ClientHistory history) {
    int[] held =
        history == null ? new int[HistorySources.NAMES.size()] : HistorySources.countArray(history);
    return scoreChosen(application, history, held, System.nanoTime());
  }

  /**
   * One application scored by the model a given presence chooses ({@code scoring score}, whose
   * presence comes from which tables were read).
   */
  public Chosen scoreChosen(
      LoanApplication application,
      ClientHistory history,
      List<HistorySourcePresence> presence,
      long startNanos) {
    ScoringModel model = choose(presence, application);
    Scored scored = forModel(model.name()).score(application, history, startNanos);
    return new Chosen(scored, presence, model);
  }

  /**
   * A score with the model that made it and why.
   *
   * @param scored the score ({@code threshold}: that model's own)
   * @param presence {@code Decision.history_presence}
   * @param model {@code Decision.scoring_model} and {@code scoring_model_reason}
   */
  public record Chosen(Scored scored, List<HistorySourcePresence> presence, ScoringModel model) {}

  /**
   * The scorer of a model named as in {@code Decision.scoring_model}: the thin-file one for {@link
   * ScoringModel#THIN_FILE} (when this bundle has one), this one otherwise ({@code "full"}, or
   * empty on a decision written before the field).
   */
  public ApplicationScorer forModel(String scoringModel) {
    return ScoringModel.THIN_FILE.equals(scoringModel) && thinFile != null ? thinFile : this;
  }

  /** The thin-file model beside this one, or null. */
  public ApplicationScorer thinFileModel() {
    return thinFile;
  }

  /** True when this scorer hands the model the application features alone. */
  public boolean historyMasked() {
    return historyMasked;
  }

  /** Sets every history feature of {@code features} to NaN, in place, on a thin-file scorer. */
  private float[] masked(float[] features) {
    if (historyMasked) {
      for (int i = 0; i < features.length; i++) {
        if (!applicationPart[i]) {
          features[i] = Float.NaN;
        }
      }
    }
    return features;
  }

  /** The same scorer with a review band (null: none) and a thin-file model (null: none). */
  private ApplicationScorer(ApplicationScorer base, ReviewBand band, ApplicationScorer thinFile) {
    this.definition = base.definition;
    this.metadata = base.metadata;
    this.model = base.model;
    this.threshold = base.threshold;
    this.applicationPart = base.applicationPart;
    this.historyMasked = base.historyMasked;
    this.thinFile = thinFile;
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
    return new ApplicationScorer(this, band, thinFile);
  }

  /**
   * This scorer with its thin-file model deciding with {@code band}, the thin-file model's own
   * (from its out-of-fold costs, as the full model's band is from the full model's): a band
   * contains its model's threshold, and the two models have different thresholds. No-op without a
   * thin-file model.
   *
   * @throws IllegalArgumentException when the band does not contain the thin-file threshold
   */
  public ApplicationScorer withThinFileReviewBand(ReviewBand band) {
    return thinFile == null
        ? this
        : new ApplicationScorer(this, this.band, thinFile.withReviewBand(band));
  }

  /** The definition and an ONNX model, checked against each other. */
  public static ApplicationScorer of(FeatureDefinition definition, OnnxModel model) {
    return new ApplicationScorer(definition, model.metadata(), model::probability);
  }

  /**
   * The bundle's scoring path as the scorer runs it by default: each model with the review band of
   * its own card (the full model's, and the thin-file model's when its card has one; none where a
   * card has none, as before bands existed).
   */
  public static ApplicationScorer banded(ModelBundle bundle) {
    return of(bundle)
        .withReviewBand(bundle.card().band())
        .withThinFileReviewBand(bundle.thinFile().map(thin -> thin.card().band()).orElse(null));
  }

  /**
   * The bundle's definition (its vocabulary) and its ONNX model, deciding on the threshold alone;
   * {@code .withReviewBand(bundle.card().band())} applies the bundle's review band as the scorer
   * does by default.
   */
  public static ApplicationScorer of(ModelBundle bundle) {
    ApplicationScorer full = of(bundle.definition(), bundle.model());
    return bundle
        .thinFile()
        .map(
            thin ->
                full.withThinFile(
                    thinFile(thin.definition(), thin.metadata(), thin.model()::probability)))
        .orElse(full);
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
      features = masked(definition.compute(application, history));
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
    features = historyMasked ? masked(features.clone()) : features;
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
    float[] out = masked(decided.clone());
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
