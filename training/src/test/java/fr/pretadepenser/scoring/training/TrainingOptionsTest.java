package fr.pretadepenser.scoring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingOptionsTest {

  private static TrainingOptions withParams(Map<String, String> params) {
    return new TrainingOptions(5, 42, 0, 10, 1, 1, 0.1, 100, TrainingOptions.NONE, params);
  }

  @Test
  void lightGbmOverridesAreKeptInOrder() {
    TrainingOptions o = withParams(Map.of("max_bin", "63"));
    assertThat(o.params()).containsExactly(Map.entry("max_bin", "63"));
  }

  @Test
  void parametersOwnedByAnotherOptionAreRefused() {
    assertThatThrownBy(() -> withParams(Map.of("learning_rate", "0.3")))
        .hasMessageContaining("--param learning_rate")
        .hasMessageContaining("--learning-rate");
    assertThatThrownBy(() -> withParams(Map.of("scale_pos_weight", "3")))
        .hasMessageContaining("--weighting");
  }

  @Test
  void valuesThatWouldBreakLightGbmsParameterStringAreRefused() {
    // LightGBM's parameter string is space-separated: "1 objective=regression" would smuggle in a
    // second parameter.
    assertThatThrownBy(() -> withParams(Map.of("max_bin", "1 objective=regression")))
        .hasMessageContaining("expected a LightGBM key=value");
  }
}
