package fr.pretadepenser.scoring.training;

import java.util.Arrays;

/** Stratified k-fold cross-validation with early stopping, giving out-of-fold predictions. */
final class CrossValidation {

  /** Rounds without improvement of the validation AUC before a fold stops. */
  static final int PATIENCE = 50;

  private CrossValidation() {}

  /**
   * One configuration's cross-validated result.
   *
   * @param oof each row's probability from the fold model that did not see it
   * @param foldAuc AUC of each fold's validation rows
   * @param bestIterations early-stopped rounds of each fold
   */
  record Result(double[] oof, double[] foldAuc, int[] bestIterations) {

    double meanAuc() {
      return Metrics.mean(foldAuc);
    }

    double stdAuc() {
      return Metrics.std(foldAuc);
    }

    /** Rounds for the model trained on every row: the folds' mean best round. */
    int finalRounds() {
      return Math.max(1, (int) Math.round(Arrays.stream(bestIterations).average().orElse(1)));
    }
  }

  static Result run(
      FeatureMatrix data,
      StratifiedFolds folds,
      BoosterParams params,
      int maxRounds,
      Runnable afterFold) {
    double[] oof = new double[data.rows()];
    double[] auc = new double[folds.count()];
    int[] best = new int[folds.count()];
    for (int f = 0; f < folds.count(); f++) {
      int[] validRows = folds.validation(f);
      FeatureMatrix valid = data.rows(validRows);
      BoosterTraining.EarlyStopped fit =
          BoosterTraining.fitEarlyStopping(
              data.rows(folds.training(f)), valid, params, maxRounds, PATIENCE);
      double[] p = fit.validationPredictions();
      for (int i = 0; i < validRows.length; i++) {
        oof[validRows[i]] = p[i];
      }
      auc[f] = Metrics.auc(p, valid.labels());
      best[f] = fit.bestIteration();
      afterFold.run();
    }
    return new Result(oof, auc, best);
  }
}
