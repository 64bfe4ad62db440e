package fr.pretadepenser.scoring.features;

import static fr.pretadepenser.scoring.features.Fixtures.application;
import static fr.pretadepenser.scoring.features.Fixtures.history;
import static fr.pretadepenser.scoring.features.Fixtures.previous;
import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.PreviousApplication;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreviousFeaturesTest {

  private static final CategoryVocabulary VOCABULARY =
      CategoryVocabulary.builder()
          .add("previous", "NAME_CONTRACT_STATUS", "Approved")
          .add("previous", "NAME_CONTRACT_STATUS", "Canceled")
          .add("previous", "NAME_CONTRACT_STATUS", "Refused")
          .add("previous", "NAME_CONTRACT_TYPE", "Cash loans")
          .build();

  private final FeatureDefinition definition = new FeatureDefinition(VOCABULARY);

  /** Approved: asked 1000, granted 800, so APP_CREDIT_PERC = 1.25. */
  private static final PreviousApplication APPROVED =
      previous(
          "NAME_CONTRACT_STATUS", "Approved",
          "NAME_CONTRACT_TYPE", "Cash loans",
          "AMT_ANNUITY", 100.0,
          "AMT_APPLICATION", 1000.0,
          "AMT_CREDIT", 800.0,
          "CNT_PAYMENT", 12.0);

  /** Refused: asked 500, granted 0, so APP_CREDIT_PERC = +inf; term missing. */
  private static final PreviousApplication REFUSED =
      previous(
          "NAME_CONTRACT_STATUS", "Refused",
          "AMT_ANNUITY", 300.0,
          "AMT_APPLICATION", 500.0,
          "AMT_CREDIT", 0.0);

  /** Canceled: 0 / 0, so APP_CREDIT_PERC = NaN. */
  private static final PreviousApplication CANCELED =
      previous(
          "NAME_CONTRACT_STATUS", "Canceled",
          "AMT_APPLICATION", 0.0,
          "AMT_CREDIT", 0.0,
          "CNT_PAYMENT", 6.0);

  @Test
  void blockSizes() {
    // 30 numeric + dummies: status 3 + nan, type 1 + nan, and a lone _nan for the 14 other
    // string columns the vocabulary does not know = 30 + 4 + 2 + 14 = 50; then 30 + 30.
    long n =
        definition.features().stream().filter(f -> f.family() == FeatureFamily.PREVIOUS).count();
    assertThat(n).isEqualTo(50 + 30 + 30);
    assertThat(definition.names()).contains("PREV_NAME_CASH_LOAN_PURPOSE_nan_MEAN");
  }

  @Test
  void allThreeKindsOfApplication() {
    float[] v = compute(List.of(APPROVED, REFUSED, CANCELED));
    assertThat(value(v, "PREV_AMT_ANNUITY_MEAN")).isEqualTo(200f); // (100 + 300) / 2
    // APP_CREDIT_PERC 1.25, +inf, NaN: min and max keep inf, the mean is inf, the var NaN.
    assertThat(value(v, "PREV_APP_CREDIT_PERC_MIN")).isEqualTo(1.25f);
    assertThat(value(v, "PREV_APP_CREDIT_PERC_MAX")).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(value(v, "PREV_APP_CREDIT_PERC_MEAN")).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(value(v, "PREV_APP_CREDIT_PERC_VAR")).isNaN();
    assertThat(value(v, "PREV_CNT_PAYMENT_MEAN")).isEqualTo(9f); // (12 + 6) / 2
    assertThat(value(v, "PREV_CNT_PAYMENT_SUM")).isEqualTo(18f);
    assertThat(value(v, "PREV_NAME_CONTRACT_STATUS_Refused_MEAN")).isEqualTo(1f / 3);
    assertThat(value(v, "PREV_NAME_CONTRACT_TYPE_Cash_loans_MEAN")).isEqualTo(1f / 3);
    assertThat(value(v, "PREV_NAME_CONTRACT_TYPE_nan_MEAN")).isEqualTo(2f / 3);
    assertThat(value(v, "PREV_NAME_PORTFOLIO_nan_MEAN")).isEqualTo(1f);
    assertThat(value(v, "APPROVED_APP_CREDIT_PERC_MEAN")).isEqualTo(1.25f);
    assertThat(value(v, "APPROVED_APP_CREDIT_PERC_VAR")).isNaN(); // one value
    assertThat(value(v, "APPROVED_CNT_PAYMENT_SUM")).isEqualTo(12f);
    assertThat(value(v, "REFUSED_APP_CREDIT_PERC_MAX")).isEqualTo(Float.POSITIVE_INFINITY);
    // The refused row has no term: all-NaN sum in a non-empty group is 0, the mean NaN.
    assertThat(value(v, "REFUSED_CNT_PAYMENT_SUM")).isZero();
    assertThat(value(v, "REFUSED_CNT_PAYMENT_MEAN")).isNaN();
  }

  @Test
  void onlyCanceledLeavesApprovedAndRefusedMissing() {
    float[] v = compute(List.of(CANCELED));
    assertThat(value(v, "PREV_CNT_PAYMENT_SUM")).isEqualTo(6f);
    assertThat(value(v, "PREV_APP_CREDIT_PERC_MEAN")).isNaN(); // 0 / 0
    for (FeatureInfo f : definition.features()) {
      if (f.name().startsWith("APPROVED_") || f.name().startsWith("REFUSED_")) {
        assertThat(value(v, f.name())).as(f.name()).isNaN();
      }
    }
  }

  @Test
  void noPreviousApplicationGivesNaNEverywhere() {
    float[] v = compute(List.of());
    assertThat(Fixtures.family(definition, v, FeatureFamily.PREVIOUS)).allMatch(x -> x.isNaN());
  }

  @Test
  void descriptions() {
    assertThat(description("PREV_NAME_CONTRACT_STATUS_Refused_MEAN"))
        .isEqualTo("Share of previous applications whose contract status is Refused");
    assertThat(description("PREV_NAME_CONTRACT_TYPE_nan_MEAN"))
        .isEqualTo("Share of previous applications whose contract type is missing");
    assertThat(description("REFUSED_AMT_CREDIT_MAX"))
        .isEqualTo("Highest final credit amount over refused previous applications");
  }

  private float[] compute(List<PreviousApplication> rows) {
    ClientHistory h = history(List.of(), rows, List.of(), List.of(), List.of());
    return definition.compute(application(), h);
  }

  private float value(float[] v, String name) {
    return Fixtures.value(definition, v, name);
  }

  private String description(String name) {
    return definition.features().get(definition.names().indexOf(name)).description();
  }
}
