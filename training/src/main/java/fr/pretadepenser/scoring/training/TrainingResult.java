package fr.pretadepenser.scoring.training;

import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.model.ModelCard;
import fr.pretadepenser.scoring.model.ReferenceDistributions;
import fr.pretadepenser.scoring.model.fairness.FairnessGroup;
import fr.pretadepenser.scoring.model.metrics.BusinessCost;
import fr.pretadepenser.scoring.model.metrics.Metrics;
import java.util.List;
import java.util.Map;

/**
 * Everything a training run learned, before it is written as a bundle: the final model, how it was
 * chosen and how well it did out of fold, which columns it may not read and why, its fairness by
 * group, and the review band around its threshold ({@code reviewBand}, never null: off says so).
 */
public record TrainingResult(
    FeatureDefinition definition,
    FeatureMatrix matrix,
    TrainingOptions options,
    String trainingDataSha256,
    List<Trial> trials,
    int chosenTrial,
    BoosterParams params,
    Map<String, WeightingOutcome> weightings,
    String weighting,
    Cv full,
    Cv baseline,
    int baselineFeatures,
    BusinessCost.Choice threshold,
    ModelCard.Confusion confusion,
    double brier,
    List<Metrics.ReliabilityBin> reliability,
    String modelText,
    int finalRounds,
    double[] meanAbsShap,
    ReferenceDistributions reference,
    Map<String, Double> stageSeconds,
    ModelCard.ExcludedColumns excludedColumns,
    ModelCard.NonActionableDecision nonActionableDecision,
    ModelCard.ExclusionComparison exclusionComparison,
    List<FairnessGroup> fairness,
    ModelCard.ReviewBandChoice reviewBand,
    ThinFileTraining.Result thinFile) {

  /** This result with the thin-file model trained beside it. */
  TrainingResult withThinFile(ThinFileTraining.Result thin) {
    return new TrainingResult(
        definition,
        matrix,
        options,
        trainingDataSha256,
        trials,
        chosenTrial,
        params,
        weightings,
        weighting,
        full,
        baseline,
        baselineFeatures,
        threshold,
        confusion,
        brier,
        reliability,
        modelText,
        finalRounds,
        meanAbsShap,
        reference,
        stageSeconds,
        excludedColumns,
        nonActionableDecision,
        exclusionComparison,
        fairness,
        reviewBand,
        thin);
  }

  /** A cross-validated configuration: per-fold AUC, OOF predictions and the ROC curve. */
  public record Cv(
      double[] oof,
      double[] foldAuc,
      int[] bestIterations,
      double meanAuc,
      double stdAuc,
      List<Metrics.RocPoint> roc) {}

  /** One search trial: its sampled parameters and cross-validated AUC. */
  public record Trial(
      int index,
      Map<String, Object> params,
      double meanAuc,
      double stdAuc,
      int meanBestIteration) {}

  /** The out-of-fold result of one class-weighting option at its own best threshold. */
  public record WeightingOutcome(
      String weighting, double meanAuc, double threshold, double businessCost, double brier) {}

  public double trainSeconds() {
    return stageSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
