package fr.pretadepenser.scoring.monitoring;

import fr.pretadepenser.scoring.model.BundleException;
import fr.pretadepenser.scoring.model.BundleFiles;
import fr.pretadepenser.scoring.model.LightGbmNative;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model's global importance per feature, to weigh and order drifted features: LightGBM's total
 * gain per feature (the loss reduction of all its splits), read from the bundle's model.txt. A
 * feature the trees never split on has 0. Gain on purpose, although the model card also keeps mean
 * |SHAP| (which the dashboard's model page shows): it is exact, with no sample of training rows
 * behind it, and every bundle has a model.txt, including those written before the card carried mean
 * |SHAP|.
 */
public final class ModelImportance {

  private ModelImportance() {}

  /** Total gain of each feature of the bundle's model.txt, in vector order. */
  public static double[] gain(Path bundleDirectory, int width) {
    Path modelTxt = bundleDirectory.resolve(BundleFiles.MODEL_TXT);
    if (!Files.isRegularFile(modelTxt)) {
      throw new BundleException(modelTxt + ": missing from the model bundle");
    }
    LightGbmNative.load();
    try {
      LGBMBooster booster = LGBMBooster.createFromModelfile(modelTxt.toString());
      try {
        int n = booster.getNumFeature();
        if (n != width) {
          throw new BundleException(modelTxt + " has " + n + " features, the bundle " + width);
        }
        return booster.featureImportance(0, LGBMBooster.FeatureImportanceType.GAIN);
      } finally {
        booster.close();
      }
    } catch (LGBMException e) {
      throw new BundleException(modelTxt + ": LightGBM cannot read it (" + e.getMessage() + ")", e);
    }
  }
}
