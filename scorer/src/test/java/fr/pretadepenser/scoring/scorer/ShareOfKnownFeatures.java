package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.model.DefaultRiskModel;
import fr.pretadepenser.scoring.model.ModelMetadata;
import java.util.List;
import java.util.Map;

/**
 * Test double of the model, pure logic: the "probability" is the share of features that are not
 * missing. It is deterministic and depends on the history (more history, fewer NaN), which is all
 * the topology tests need until a trained bundle exists; the ONNX model is tested in model/.
 */
final class ShareOfKnownFeatures implements DefaultRiskModel {

  static final String VERSION = "test-share-of-known-features";

  private final ModelMetadata metadata;

  ShareOfKnownFeatures(List<String> featureNames, double threshold) {
    this.metadata =
        new ModelMetadata(
            VERSION, threshold, featureNames, Map.of("kind", "test double, not a trained model"));
  }

  static double share(float[] features) {
    int known = 0;
    for (float f : features) {
      if (!Float.isNaN(f)) {
        known++;
      }
    }
    return (double) known / features.length;
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  @Override
  public double probability(float[] features) {
    return share(features);
  }

  @Override
  public double[] probabilities(float[][] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = share(rows[i]);
    }
    return out;
  }

  @Override
  public void close() {}
}
