package fr.pretadepenser.scoring.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import fr.pretadepenser.scoring.model.fairness.FairnessGroup;
import java.util.List;
import java.util.Map;

/**
 * model-card.json: what the model is, how well it did in cross-validation and at which threshold it
 * decides. Field names (snake_case in JSON) are a contract read by the dashboard and by checks
 * outside the project; add fields, never rename them.
 *
 * @param modelVersion content hash of model.onnx, stamped on every decision
 * @param nTrain training rows (applicants with a TARGET)
 * @param defaultRate share of TARGET = 1 among them
 * @param cvAucFolds AUC of each cross-validation fold, out-of-fold
 * @param baselineCvAucMean the same folds with the application table alone (no history sources)
 * @param threshold probability at and above which a loan is refused
 * @param oofBusinessCost {@code costFn × FN + costFp × FP} of the out-of-fold predictions at the
 *     threshold
 * @param grantAllBusinessCost the cost of granting everyone ({@code costFn ×} defaulters)
 * @param brier Brier score of the out-of-fold probabilities
 * @param bestIteration boosting rounds of the final model (from early stopping in CV)
 * @param onnxMaxAbsDiff largest |p_ONNX − p_LightGBM| over every training row
 * @param classWeighting "none" or "balanced": the option kept by business cost on the same folds
 * @param meanAbsShap global importance: each feature's mean |SHAP contribution| (log-odds) over a
 *     seeded sample of training rows, in the model's feature order, as the training report plots
 *     it; null in bundles written before it was added
 * @param excludedColumns the source columns the model may not read, by reason; null in bundles
 *     written before exclusions existed (nothing excluded)
 * @param exclusionComparison cross-validated AUC and business cost with every feature and with the
 *     model's features only, on the same folds; null in older bundles
 * @param fairness out-of-fold figures by gender, age band and family status at the threshold; null
 *     in older bundles
 * @param nonActionableDecision how the non-actionable columns were kept or excluded, with the
 *     figures of the rule; null in older bundles
 * @param reviewBand the band of probabilities around the threshold an advisor decides, how it was
 *     chosen and why; null in bundles written before it existed (no band)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelCard(
    String modelVersion,
    String createdAt,
    String trainingDataSha256,
    int nTrain,
    int nFeatures,
    double defaultRate,
    int folds,
    long seed,
    List<Double> cvAucFolds,
    double cvAucMean,
    double cvAucStd,
    List<Double> baselineCvAucFolds,
    double baselineCvAucMean,
    double baselineCvAucStd,
    int baselineNFeatures,
    double threshold,
    double costFn,
    double costFp,
    double oofBusinessCost,
    double grantAllBusinessCost,
    double refuseAllBusinessCost,
    Confusion oofConfusion,
    double brier,
    String classWeighting,
    Map<String, Double> businessCostByWeighting,
    int bestIteration,
    int nTrees,
    int nLeaves,
    Map<String, Object> params,
    int searchTrials,
    double onnxMaxAbsDiff,
    double trainSeconds,
    Map<String, Double> meanAbsShap,
    ExcludedColumns excludedColumns,
    ExclusionComparison exclusionComparison,
    List<FairnessGroup> fairness,
    NonActionableDecision nonActionableDecision,
    ReviewBandChoice reviewBand) {

  /** A card without the review band, as written before it existed. */
  public ModelCard(
      String modelVersion,
      String createdAt,
      String trainingDataSha256,
      int nTrain,
      int nFeatures,
      double defaultRate,
      int folds,
      long seed,
      List<Double> cvAucFolds,
      double cvAucMean,
      double cvAucStd,
      List<Double> baselineCvAucFolds,
      double baselineCvAucMean,
      double baselineCvAucStd,
      int baselineNFeatures,
      double threshold,
      double costFn,
      double costFp,
      double oofBusinessCost,
      double grantAllBusinessCost,
      double refuseAllBusinessCost,
      Confusion oofConfusion,
      double brier,
      String classWeighting,
      Map<String, Double> businessCostByWeighting,
      int bestIteration,
      int nTrees,
      int nLeaves,
      Map<String, Object> params,
      int searchTrials,
      double onnxMaxAbsDiff,
      double trainSeconds,
      Map<String, Double> meanAbsShap,
      ExcludedColumns excludedColumns,
      ExclusionComparison exclusionComparison,
      List<FairnessGroup> fairness,
      NonActionableDecision nonActionableDecision) {
    this(
        modelVersion,
        createdAt,
        trainingDataSha256,
        nTrain,
        nFeatures,
        defaultRate,
        folds,
        seed,
        cvAucFolds,
        cvAucMean,
        cvAucStd,
        baselineCvAucFolds,
        baselineCvAucMean,
        baselineCvAucStd,
        baselineNFeatures,
        threshold,
        costFn,
        costFp,
        oofBusinessCost,
        grantAllBusinessCost,
        refuseAllBusinessCost,
        oofConfusion,
        brier,
        classWeighting,
        businessCostByWeighting,
        bestIteration,
        nTrees,
        nLeaves,
        params,
        searchTrials,
        onnxMaxAbsDiff,
        trainSeconds,
        meanAbsShap,
        excludedColumns,
        exclusionComparison,
        fairness,
        nonActionableDecision,
        null);
  }

  /**
   * The band the scorer applies by default ({@code --review-band bundle}): null when the card has
   * none (an older bundle) or says it is off.
   */
  public ReviewBand band() {
    return reviewBand == null ? null : reviewBand.band();
  }

  /** A card without the exclusion and fairness fields, as written before they existed. */
  public ModelCard(
      String modelVersion,
      String createdAt,
      String trainingDataSha256,
      int nTrain,
      int nFeatures,
      double defaultRate,
      int folds,
      long seed,
      List<Double> cvAucFolds,
      double cvAucMean,
      double cvAucStd,
      List<Double> baselineCvAucFolds,
      double baselineCvAucMean,
      double baselineCvAucStd,
      int baselineNFeatures,
      double threshold,
      double costFn,
      double costFp,
      double oofBusinessCost,
      double grantAllBusinessCost,
      double refuseAllBusinessCost,
      Confusion oofConfusion,
      double brier,
      String classWeighting,
      Map<String, Double> businessCostByWeighting,
      int bestIteration,
      int nTrees,
      int nLeaves,
      Map<String, Object> params,
      int searchTrials,
      double onnxMaxAbsDiff,
      double trainSeconds,
      Map<String, Double> meanAbsShap) {
    this(
        modelVersion,
        createdAt,
        trainingDataSha256,
        nTrain,
        nFeatures,
        defaultRate,
        folds,
        seed,
        cvAucFolds,
        cvAucMean,
        cvAucStd,
        baselineCvAucFolds,
        baselineCvAucMean,
        baselineCvAucStd,
        baselineNFeatures,
        threshold,
        costFn,
        costFp,
        oofBusinessCost,
        grantAllBusinessCost,
        refuseAllBusinessCost,
        oofConfusion,
        brier,
        classWeighting,
        businessCostByWeighting,
        bestIteration,
        nTrees,
        nLeaves,
        params,
        searchTrials,
        onnxMaxAbsDiff,
        trainSeconds,
        meanAbsShap,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * The source columns the model may not read ({@code FeatureExclusion} entries), by reason.
   *
   * @param protectedColumns protected attributes, never used (JSON {@code protected})
   * @param nonActionable columns neither a client nor an advisor could act on or explain, taken out
   *     by the rule of {@link NonActionableDecision}; empty when the rule kept them
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ExcludedColumns(
      @JsonProperty("protected") List<String> protectedColumns, List<String> nonActionable) {}

  /**
   * AUC and business cost with and without the excluded features, out of fold on the same folds,
   * the same parameters and class weighting as the model.
   *
   * @param withExcluded every feature, protected and non-actionable ones included
   * @param withoutExcluded the model's features (its own cross-validation)
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ExclusionComparison(
      int folds, long seed, CvFigures withExcluded, CvFigures withoutExcluded) {}

  /**
   * One cross-validated configuration.
   *
   * @param auc mean of the folds' AUC
   * @param aucStd standard deviation of the folds' AUC
   * @param cost business cost of the out-of-fold probabilities at their own cost-minimising
   *     threshold
   * @param nFeatures features in the vector
   * @param aucFolds each fold's AUC
   * @param threshold that threshold
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CvFigures(
      double auc,
      double aucStd,
      double cost,
      int nFeatures,
      List<Double> aucFolds,
      double threshold) {}

  /**
   * The rule on non-actionable columns: before the search, with the kernel's parameters and no
   * class weighting, on the model's folds, the protected columns being out in both, they stay only
   * when taking them out loses more mean AUC than the folds' noise (the standard deviation of the
   * fold AUCs with them).
   *
   * @param candidates the non-actionable columns considered
   * @param evaluated false when the rule did not run ({@code keep} given, or no candidate matched a
   *     feature): then {@code excluded} says what the options asked
   * @param with figures with the candidates (the protected columns out)
   * @param without figures without them
   * @param aucLoss mean fold AUC with minus without
   * @param noise the standard deviation of the fold AUCs with them
   * @param excluded whether the candidates left the model
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record NonActionableDecision(
      List<String> candidates,
      boolean evaluated,
      CvFigures with,
      CvFigures without,
      Double aucLoss,
      Double noise,
      boolean excluded) {}

  /**
   * model-card.json's {@code review_band}: the band of probabilities an advisor decides, chosen by
   * {@code metrics.ReviewBands} from the out-of-fold costs, set by hand or switched off at
   * training.
   *
   * @param low lower edge (REVIEW from it on); null when off
   * @param high upper edge (REFUSED from it on); null when off
   * @param why the rule and its figures in one or two English sentences (the reports say it in
   *     English and French from the figures below)
   * @param share share of the out-of-fold applicants inside the band (their probability in [low,
   *     high)); null when off
   * @param source {@link #OUT_OF_FOLD} (chosen by the rule), {@link #OPTION} (set by hand) or
   *     {@link #OFF}
   * @param costMargin the rule's margin: every threshold inside the band costs at most this share
   *     more than the cost-minimising one, out of fold
   * @param maxShare the rule's cap on {@code share} (the advisors' capacity)
   * @param applicants out-of-fold applicants inside the band
   * @param defaulters how many of them defaulted
   * @param minCost out-of-fold business cost at the threshold
   * @param costAtLow out-of-fold business cost with the threshold moved to {@code low}
   * @param costAtHigh the same at {@code high}
   * @param grantedShare share of the out-of-fold applicants granted automatically with the band
   *     (probability under {@code low}): the live monitor's reference approval rate for decisions
   *     made with it; null when off
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ReviewBandChoice(
      Double low,
      Double high,
      String why,
      Double share,
      String source,
      Double costMargin,
      Double maxShare,
      Integer applicants,
      Integer defaulters,
      Double minCost,
      Double costAtLow,
      Double costAtHigh,
      Double grantedShare) {

    public static final String OUT_OF_FOLD = "out_of_fold";
    public static final String OPTION = "option";
    public static final String OFF = "off";

    /** The band itself, null when off. */
    public ReviewBand band() {
      return low == null || high == null ? null : new ReviewBand(low, high);
    }
  }

  /** Out-of-fold confusion counts at the threshold; positive = defaulter, predicted = refused. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Confusion(long tp, long fp, long tn, long fn) {}
}
