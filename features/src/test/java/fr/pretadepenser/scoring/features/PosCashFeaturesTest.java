package fr.pretadepenser.scoring.features;

import static fr.pretadepenser.scoring.features.Fixtures.application;
import static fr.pretadepenser.scoring.features.Fixtures.history;
import static fr.pretadepenser.scoring.features.Fixtures.pos;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PosCashFeaturesTest {

  private final FeatureDefinition definition =
      new FeatureDefinition(
          CategoryVocabulary.builder()
              .add("pos_cash", "NAME_CONTRACT_STATUS", "Active")
              .add("pos_cash", "NAME_CONTRACT_STATUS", "Completed")
              .build());

  @Test
  void namesInKernelOrder() {
    assertThat(
            definition.features().stream()
                .filter(f -> f.family() == FeatureFamily.POS_CASH)
                .map(FeatureInfo::name))
        .containsExactly(
            "POS_MONTHS_BALANCE_MAX",
            "POS_MONTHS_BALANCE_MEAN",
            "POS_MONTHS_BALANCE_SIZE",
            "POS_SK_DPD_MAX",
            "POS_SK_DPD_MEAN",
            "POS_SK_DPD_DEF_MAX",
            "POS_SK_DPD_DEF_MEAN",
            "POS_NAME_CONTRACT_STATUS_Active_MEAN",
            "POS_NAME_CONTRACT_STATUS_Completed_MEAN",
            "POS_NAME_CONTRACT_STATUS_nan_MEAN",
            "POS_COUNT");
  }

  @Test
  void fourMonths() {
    float[] v =
        definition.compute(
            application(),
            history(
                List.of(),
                List.of(),
                List.of(
                    pos(
                        "MONTHS_BALANCE",
                        -1,
                        "SK_DPD",
                        0,
                        "SK_DPD_DEF",
                        0,
                        "NAME_CONTRACT_STATUS",
                        "Active"),
                    pos("MONTHS_BALANCE", -2, "SK_DPD", 5, "NAME_CONTRACT_STATUS", "Active"),
                    pos("MONTHS_BALANCE", -3, "SK_DPD_DEF", 2, "NAME_CONTRACT_STATUS", "Completed"),
                    pos(
                        "MONTHS_BALANCE",
                        -4,
                        "SK_DPD",
                        0,
                        "SK_DPD_DEF",
                        0,
                        "NAME_CONTRACT_STATUS",
                        "Signed")),
                List.of(),
                List.of()));
    assertThat(value(v, "POS_MONTHS_BALANCE_MAX")).isEqualTo(-1f);
    assertThat(value(v, "POS_MONTHS_BALANCE_MEAN")).isEqualTo(-2.5f); // -10 / 4
    assertThat(value(v, "POS_MONTHS_BALANCE_SIZE")).isEqualTo(4f);
    assertThat(value(v, "POS_SK_DPD_MAX")).isEqualTo(5f);
    assertThat(value(v, "POS_SK_DPD_MEAN")).isEqualTo(5f / 3); // (0 + 5 + 0) / 3, one missing
    assertThat(value(v, "POS_SK_DPD_DEF_MEAN")).isEqualTo(2f / 3); // (0 + 2 + 0) / 3
    assertThat(value(v, "POS_NAME_CONTRACT_STATUS_Active_MEAN")).isEqualTo(0.5f); // 2 of 4
    assertThat(value(v, "POS_NAME_CONTRACT_STATUS_Completed_MEAN")).isEqualTo(0.25f);
    // "Signed" is unseen: no dummy, not even _nan, but the month still counts.
    assertThat(value(v, "POS_NAME_CONTRACT_STATUS_nan_MEAN")).isZero();
    assertThat(value(v, "POS_COUNT")).isEqualTo(4f);
  }

  @Test
  void noMonthsGivesNaNEvenForTheCount() {
    float[] v = definition.compute(application(), Fixtures.noHistory());
    assertThat(value(v, "POS_COUNT")).isNaN();
    assertThat(Fixtures.family(definition, v, FeatureFamily.POS_CASH)).allMatch(x -> x.isNaN());
  }

  private float value(float[] v, String name) {
    return Fixtures.value(definition, v, name);
  }
}
