package fr.pretadepenser.scoring.training;

import fr.pretadepenser.scoring.model.metrics.Metrics;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
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
      BinnedData data,
      int[] labels,
      StratifiedFolds folds,
      BoosterParams params,
      int maxRounds,
      Runnable afterFold) {
    double[] oof = new double[data.rows()];
    double[] auc = new double[folds.count()];
    int[] best = new int[folds.count()];
    for (int f = 0; f < folds.count(); f++) {
      int[] validRows = folds.validation(f);
      BoosterTraining.EarlyStopped fit;
      try (LGBMDataset train = data.subset(folds.training(f));
          LGBMDataset valid = data.subset(validRows)) {
        fit = BoosterTraining.fitEarlyStopping(train, valid, params, maxRounds, PATIENCE);
      } catch (LGBMException e) {
        throw new IllegalStateException("LightGBM failed: " + e.getMessage(), e);
      }
      double[] p = fit.validationPredictions();
      int[] validLabels = new int[validRows.length];
      for (int i = 0; i < validRows.length; i++) {
        oof[validRows[i]] = p[i];
        validLabels[i] = labels[validRows[i]];
      }
      auc[f] = Metrics.auc(p, validLabels);
      best[f] = fit.bestIteration();
      afterFold.run();
    }
    return new Result(oof, auc, best);
  }
}
