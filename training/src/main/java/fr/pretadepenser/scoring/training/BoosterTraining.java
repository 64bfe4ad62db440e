package fr.pretadepenser.scoring.training;

import com.microsoft.ml.lightgbm.PredictionType;
import fr.pretadepenser.scoring.model.LightGbmNative;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;

/**
 * LightGBM through lightgbm4j: one fit with early stopping, one fit of fixed length, predictions.
 */
final class BoosterTraining {

  static {
    LightGbmNative.load();
  }

  private BoosterTraining() {}

  /** A fit stopped early on a validation set: its best round and its predictions there. */
  record EarlyStopped(int bestIteration, double validationAuc, double[] validationPredictions) {}

  /**
   * Trains on {@code train}, evaluating AUC on {@code valid} after each round, and stops when it
   * has not improved for {@code patience} rounds; the predictions are those of the best round.
   */
  static EarlyStopped fitEarlyStopping(
      LGBMDataset dtrain, LGBMDataset dvalid, BoosterParams params, int maxRounds, int patience) {
    String p = params.render();
    try (LGBMBooster booster = LGBMBooster.create(dtrain, p)) {
      booster.addValidData(dvalid);
      double best = Double.NEGATIVE_INFINITY;
      int bestIteration = 0;
      double[] bestPredictions = null;
      for (int round = 1; round <= maxRounds; round++) {
        boolean finished = booster.updateOneIter();
        double auc = booster.getEval(1)[0];
        if (auc > best) {
          best = auc;
          bestIteration = round;
          // The booster's running validation scores, already through the sigmoid: cheaper than
          // predicting again with a truncated model.
          bestPredictions = booster.getPredict(1);
        } else if (round - bestIteration >= patience) {
          break;
        }
        if (finished) {
          break;
        }
      }
      return new EarlyStopped(bestIteration, best, bestPredictions);
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM failed: " + e.getMessage(), e);
    }
  }

  /** Trains {@code rounds} rounds on every row and returns LightGBM's text model. */
  static String fit(LGBMDataset all, BoosterParams params, int rounds) {
    String p = params.render();
    try (LGBMBooster booster = LGBMBooster.create(all, p)) {
      for (int round = 1; round <= rounds; round++) {
        if (booster.updateOneIter()) {
          break;
        }
      }
      return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM failed: " + e.getMessage(), e);
    }
  }

  /**
   * SHAP contributions of a text model on the given rows, from LightGBM's own TreeSHAP: {@code rows
   * × (cols + 1)} values, the last of each row being the base value.
   */
  static double[] contributions(String modelText, FeatureMatrix rows) {
    try (LGBMBooster booster = LGBMBooster.loadModelFromString(modelText)) {
      return booster.predictForMat(
          rows.values(), rows.rows(), rows.cols(), true, PredictionType.C_API_PREDICT_CONTRIB);
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM failed: " + e.getMessage(), e);
    }
  }
}
