package fr.pretadepenser.scoring.features;

import static fr.pretadepenser.scoring.features.Fixtures.application;
import static fr.pretadepenser.scoring.features.Fixtures.card;
import static fr.pretadepenser.scoring.features.Fixtures.history;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CreditCardFeaturesTest {

  private final FeatureDefinition definition =
      new FeatureDefinition(
          CategoryVocabulary.builder()
              .add("credit_card", "NAME_CONTRACT_STATUS", "Active")
              .build());

  @Test
  void everyColumnGetsFiveAggregations() {
    List<String> names =
        definition.features().stream()
            .filter(f -> f.family() == FeatureFamily.CREDIT_CARD)
            .map(FeatureInfo::name)
            .toList();
    // 20 numeric columns + 2 dummies (Active, nan), 5 aggregations each, then CC_COUNT.
    assertThat(names).hasSize(22 * 5 + 1);
    assertThat(names.subList(0, 6))
        .containsExactly(
            "CC_MONTHS_BALANCE_MIN",
            "CC_MONTHS_BALANCE_MAX",
            "CC_MONTHS_BALANCE_MEAN",
            "CC_MONTHS_BALANCE_SUM",
            "CC_MONTHS_BALANCE_VAR",
            "CC_AMT_BALANCE_MIN");
    assertThat(names.get(100)).isEqualTo("CC_NAME_CONTRACT_STATUS_Active_MIN");
    assertThat(names.get(109)).isEqualTo("CC_NAME_CONTRACT_STATUS_nan_VAR");
    assertThat(names.get(110)).isEqualTo("CC_COUNT");
    assertThat(names).doesNotContain("CC_SK_ID_PREV_MIN");
  }

  @Test
  void twoMonths() {
    float[] v =
        definition.compute(
            application(),
            history(
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(
                    card(
                        "MONTHS_BALANCE",
                        -1,
                        "AMT_BALANCE",
                        100.0,
                        "NAME_CONTRACT_STATUS",
                        "Active"),
                    card("MONTHS_BALANCE", -2, "AMT_BALANCE", 300.0))));
    // MONTHS_BALANCE -1, -2: mean -1.5, var (0.5^2 * 2) / 1 = 0.5.
    assertThat(value(v, "CC_MONTHS_BALANCE_MIN")).isEqualTo(-2f);
    assertThat(value(v, "CC_MONTHS_BALANCE_SUM")).isEqualTo(-3f);
    assertThat(value(v, "CC_MONTHS_BALANCE_VAR")).isEqualTo(0.5f);
    assertThat(value(v, "CC_AMT_BALANCE_VAR")).isEqualTo(20000f); // (100^2 + 100^2) / 1
    // ATM drawings missing in both months: sum 0, the rest NaN.
    assertThat(value(v, "CC_AMT_DRAWINGS_ATM_CURRENT_SUM")).isZero();
    assertThat(value(v, "CC_AMT_DRAWINGS_ATM_CURRENT_MEAN")).isNaN();
    assertThat(value(v, "CC_AMT_DRAWINGS_ATM_CURRENT_MIN")).isNaN();
    assertThat(value(v, "CC_AMT_DRAWINGS_ATM_CURRENT_VAR")).isNaN();
    // Dummy Active = 1, 0: min 0, max 1, mean 0.5, sum 1, var 0.5.
    assertThat(value(v, "CC_NAME_CONTRACT_STATUS_Active_MIN")).isZero();
    assertThat(value(v, "CC_NAME_CONTRACT_STATUS_Active_MAX")).isEqualTo(1f);
    assertThat(value(v, "CC_NAME_CONTRACT_STATUS_Active_MEAN")).isEqualTo(0.5f);
    assertThat(value(v, "CC_NAME_CONTRACT_STATUS_Active_SUM")).isEqualTo(1f);
    assertThat(value(v, "CC_NAME_CONTRACT_STATUS_Active_VAR")).isEqualTo(0.5f);
    assertThat(value(v, "CC_NAME_CONTRACT_STATUS_nan_SUM")).isEqualTo(1f);
    assertThat(value(v, "CC_COUNT")).isEqualTo(2f);
  }

  @Test
  void noCardGivesNaNEverywhere() {
    float[] v = definition.compute(application(), Fixtures.noHistory());
    assertThat(Fixtures.family(definition, v, FeatureFamily.CREDIT_CARD)).allMatch(x -> x.isNaN());
  }

  @Test
  void descriptions() {
    assertThat(description("CC_NAME_CONTRACT_STATUS_Active_SUM"))
        .isEqualTo("Number of credit card months whose contract status is Active");
    assertThat(description("CC_COUNT")).isEqualTo("Number of credit card months");
  }

  private float value(float[] v, String name) {
    return Fixtures.value(definition, v, name);
  }

  private String description(String name) {
    return definition.features().get(definition.names().indexOf(name)).description();
  }
}
