package fr.pretadepenser.scoring.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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
    Map<String, Double> meanAbsShap) {

  /** Out-of-fold confusion counts at the threshold; positive = defaulter, predicted = refused. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Confusion(long tp, long fp, long tn, long fn) {}
}
