package fr.pretadepenser.scoring.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.model.BundleException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scorer refuses to start with a model that expects other features than it computes. */
class ScoringModelTest {

  final FeatureDefinition definition = SampleData.definition();

  @Test
  void acceptsAModelOfTheSameFeatures() {
    ScoringModel model =
        ScoringModel.of(definition, new ShareOfKnownFeatures(definition.names(), 0.5));
    assertThat(model.metadata().featureNames()).isEqualTo(definition.names());
  }

  @Test
  void refusesAModelMissingAFeatureAndSaysWhich() {
    List<String> names = new ArrayList<>(definition.names());
    names.remove("AMT_CREDIT");
    names.add("SOMETHING_NEW");
    assertThatThrownBy(() -> ScoringModel.of(definition, new ShareOfKnownFeatures(names, 0.5)))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("feature mismatch")
        .hasMessageContaining("this code's feature definition")
        .hasMessageContaining("SOMETHING_NEW")
        .hasMessageContaining("AMT_CREDIT");
  }

  @Test
  void refusesTheSameFeaturesInAnotherOrder() {
    List<String> names = new ArrayList<>(definition.names());
    names.set(0, definition.names().get(1));
    names.set(1, definition.names().get(0));
    assertThatThrownBy(() -> ScoringModel.of(definition, new ShareOfKnownFeatures(names, 0.5)))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("another order, first at position 0");
  }

  @Test
  void refusesAThresholdThatIsNotAProbability() {
    assertThatThrownBy(
            () ->
                ScoringModel.of(
                    definition, new ShareOfKnownFeatures(definition.names(), Double.NaN)))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("threshold NaN");
  }
}
