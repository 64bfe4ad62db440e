package fr.pretadepenser.scoring.dashboard;

import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.features.FeatureFamily;
import fr.pretadepenser.scoring.features.FeatureInfo;
import fr.pretadepenser.scoring.model.BundleFiles;
import fr.pretadepenser.scoring.model.DecisionRule;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.model.ReferenceDistributions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model bundle as the dashboard uses it: the same ONNX model the scorer runs, SHAP
 * contributions, the feature list with descriptions and the reference population.
 */
final class ModelService implements AutoCloseable {

  /** A vector scored in-process: the ONNX model's probability and the SHAP explanation. */
  record Scored(double probability, boolean refused, ShapExplainer.Shap shap) {}

  private final ModelBundle bundle;
  private final ShapExplainer shap;
  private final List<FeatureInfo> features;
  private final Map<String, Integer> index = new HashMap<>();
  private final ReferenceDistributions reference;
  private final boolean[] applicationPart;

  ModelService(ModelBundle bundle, ShapExplainer shap) {
    this.bundle = bundle;
    this.shap = shap;
    this.features = bundle.manifest().features();
    for (int i = 0; i < features.size(); i++) {
      index.put(features.get(i).name(), i);
    }
    this.reference = bundle.reference();
    this.applicationPart = new boolean[features.size()];
    for (int i = 0; i < features.size(); i++) {
      applicationPart[i] = features.get(i).family() == FeatureFamily.APPLICATION;
    }
  }

  static ModelService load(Path directory) {
    ModelBundle bundle = ModelBundle.load(directory);
    try {
      return new ModelService(
          bundle,
          new LightGbmContributions(
              directory.resolve(BundleFiles.MODEL_TXT), bundle.manifest().names().size()));
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  Scored score(float[] features) {
    double p = bundle.model().probability(features);
    return new Scored(p, DecisionRule.refuses(p, threshold()), shap.explain(features));
  }

  ShapExplainer.Shap explain(float[] features) {
    return shap.explain(features);
  }

  /**
   * The vector of {@code changed} for a client whose decision was made on {@code decided}: the
   * application features are computed again by the one feature definition, the history features
   * (bureau, previous loans, instalments, ...) are the ones the scorer computed, unchanged. Exact
   * because the feature definition's application block reads the application alone.
   */
  float[] withApplication(float[] decided, LoanApplication changed) {
    float[] fresh = bundle.definition().compute(changed, null);
    float[] out = decided.clone();
    for (int i = 0; i < out.length; i++) {
      if (applicationPart[i]) {
        out[i] = fresh[i];
      }
    }
    return out;
  }

  List<FeatureInfo> features() {
    return features;
  }

  /** Position of a feature in the vector, or -1. */
  int indexOf(String name) {
    Integer i = name == null ? null : index.get(name);
    return i == null ? -1 : i;
  }

  double threshold() {
    return bundle.metadata().threshold();
  }

  String version() {
    return bundle.metadata().modelVersion();
  }

  ReferenceDistributions reference() {
    return reference;
  }

  ReferenceDistributions.Distribution distribution(int feature) {
    ReferenceDistributions.Distribution d = reference.features().get(feature);
    if (!d.name().equals(features.get(feature).name())) {
      // reference.json lists features in vector order; a lookup by name covers any other order.
      for (ReferenceDistributions.Distribution other : reference.features()) {
        if (other.name().equals(features.get(feature).name())) {
          return other;
        }
      }
    }
    return d;
  }

  /** The population's median of a feature, or null when unknown. */
  Double median(int feature) {
    ReferenceDistributions.Distribution d = distribution(feature);
    if (d.quantileLevels() == null) {
      return null;
    }
    for (int q = 0; q < d.quantileLevels().size(); q++) {
      if (Math.abs(d.quantileLevels().get(q) - 0.5) < 1e-9) {
        return d.quantiles().get(q);
      }
    }
    return null;
  }

  double[] importance() {
    return shap.importance();
  }

  Path directory() {
    return bundle.directory();
  }

  @Override
  public void close() {
    try {
      shap.close();
    } finally {
      bundle.close();
    }
  }
}
