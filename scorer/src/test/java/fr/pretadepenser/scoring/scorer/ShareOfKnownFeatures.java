package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelMetadata;
import java.util.Map;

/**
 * Test double of the model, pure logic: the "probability" is the share of features that are not
 * missing. It is deterministic and depends on the history (more history, fewer NaN), which is all
 * the topology tests need until a trained bundle exists; the ONNX model is run against LightGBM by
 * training's parity tests, and the real scoring path by the app's end-to-end tests.
 */
final class ShareOfKnownFeatures {

  static final String VERSION = "test-share-of-known-features";

  private ShareOfKnownFeatures() {}

  /** The one scoring path with this double in place of the ONNX model. */
  static ApplicationScorer scorer(FeatureDefinition definition, double threshold) {
    return new ApplicationScorer(
        definition,
        new ModelMetadata(
            VERSION,
            threshold,
            definition.names(),
            Map.of("kind", "test double, not a trained model")),
        ShareOfKnownFeatures::share);
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
}
