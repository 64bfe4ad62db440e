package fr.pretadepenser.scoring.dashboard;

import com.microsoft.ml.lightgbm.PredictionType;
import fr.pretadepenser.scoring.model.BundleException;
import fr.pretadepenser.scoring.model.LightGbmNative;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * TO BE REPLACED by the explainer module's {@code DecisionExplainer} (issue 5) once it is merged:
 * SHAP contributions from LightGBM's own TreeSHAP ({@code C_API_PREDICT_CONTRIB}) on the bundle's
 * {@code model.txt}, which is the project's reference for exact contributions. Kept in this one
 * class so that the swap touches nothing else.
 *
 * <p>LightGBM's booster is not documented as safe for concurrent predictions, so calls are
 * serialised; a what-if is one row, well under a millisecond.
 */
final class LightGbmContributions implements ShapExplainer {

  private final LGBMBooster booster;
  private final int width;
  private final double[] importance;

  LightGbmContributions(Path modelTxt, int width) {
    if (!Files.isRegularFile(modelTxt)) {
      throw new BundleException(modelTxt + ": missing from the model bundle");
    }
    LightGbmNative.load();
    try {
      this.booster = LGBMBooster.createFromModelfile(modelTxt.toString());
      int n = booster.getNumFeature();
      if (n != width) {
        booster.close();
        throw new BundleException(
            modelTxt + " has " + n + " features, the bundle's model " + width);
      }
      this.width = width;
      // Gain: how much each feature reduced the loss over all splits, the usual global measure.
      this.importance = booster.featureImportance(0, LGBMBooster.FeatureImportanceType.GAIN);
    } catch (LGBMException e) {
      throw new BundleException(modelTxt + ": LightGBM cannot read it (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public synchronized Shap explain(float[] features) {
    if (features.length != width) {
      throw new IllegalArgumentException("expected " + width + " features, got " + features.length);
    }
    double[] row = new double[width];
    for (int i = 0; i < width; i++) {
      row[i] = features[i];
    }
    try {
      // One thread: the what-if is one row, and the machine is shared with the stream.
      double[] out =
          booster.predictForMat(
              row, 1, width, true, PredictionType.C_API_PREDICT_CONTRIB, "num_threads=1");
      return new Shap(out[width], Arrays.copyOf(out, width));
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM failed to explain: " + e.getMessage(), e);
    }
  }

  @Override
  public double[] importance() {
    return importance.clone();
  }

  @Override
  public synchronized void close() {
    try {
      booster.close();
    } catch (LGBMException e) {
      throw new IllegalStateException(e);
    }
  }
}
