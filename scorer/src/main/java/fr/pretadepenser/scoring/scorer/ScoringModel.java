package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.model.BundleException;
import fr.pretadepenser.scoring.model.DefaultRiskModel;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.model.ModelMetadata;
import java.util.Objects;

/**
 * What the scorer decides with: the feature definition that builds the vector, the model that turns
 * it into a probability, and the model's metadata (version stamped on each decision, threshold,
 * expected feature names).
 *
 * <p>The constructor refuses a model whose feature names differ from the definition's, with a
 * message saying what differs: scoring vectors in another order than the model was trained on would
 * give wrong probabilities silently, so it must not start.
 *
 * @param definition computes the vector, in the order of {@code metadata.featureNames()}
 * @param model the probability of default of a vector; thread-safe
 * @param metadata {@code model.metadata()}, read once
 */
public record ScoringModel(
    FeatureDefinition definition, DefaultRiskModel model, ModelMetadata metadata) {

  /**
   * @throws BundleException when the model's feature names differ from the definition's, or the
   *     threshold is not a probability
   */
  public ScoringModel {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(metadata, "metadata");
    ModelBundle.requireSame(
        "the model " + metadata.modelVersion(),
        metadata.featureNames(),
        "this code's feature definition",
        definition.names());
    // A NaN threshold would grant everyone (p >= NaN is false): refuse it here, not per record.
    if (!(metadata.threshold() >= 0.0 && metadata.threshold() <= 1.0)) {
      throw new BundleException(
          "the model "
              + metadata.modelVersion()
              + " has threshold "
              + metadata.threshold()
              + ", not a probability in [0, 1]");
    }
  }

  /** A definition and a model checked against each other. */
  public static ScoringModel of(FeatureDefinition definition, DefaultRiskModel model) {
    return new ScoringModel(definition, model, model.metadata());
  }

  /** The bundle's definition (its vocabulary) and its ONNX model. */
  public static ScoringModel of(ModelBundle bundle) {
    return of(bundle.definition(), bundle.model());
  }
}
