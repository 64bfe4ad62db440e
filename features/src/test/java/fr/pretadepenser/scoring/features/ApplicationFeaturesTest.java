package fr.pretadepenser.scoring.features;

import static fr.pretadepenser.scoring.features.Fixtures.application;
import static fr.pretadepenser.scoring.features.Fixtures.noHistory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.pretadepenser.scoring.events.LoanApplication;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicationFeaturesTest {

  private static final CategoryVocabulary VOCABULARY =
      CategoryVocabulary.builder()
          .add("application", "CODE_GENDER", "M")
          .add("application", "CODE_GENDER", "F")
          .add("application", "FLAG_OWN_CAR", "Y")
          .add("application", "FLAG_OWN_CAR", "N")
          .add("application", "FLAG_OWN_REALTY", "Y")
          .add("application", "FLAG_OWN_REALTY", "N")
          .add("application", "NAME_CONTRACT_TYPE", "Revolving loans")
          .add("application", "NAME_CONTRACT_TYPE", "Cash loans")
          .add("application", "NAME_TYPE_SUITE", "Unaccompanied")
          .add("application", "NAME_TYPE_SUITE", "Spouse, partner")
          .build();

  private final FeatureDefinition definition = new FeatureDefinition(VOCABULARY);

  /** Client A: binary columns coded by sorted level, the 365243 anomaly, plain ratios. */
  private final LoanApplication clientA =
      application(
          "CODE_GENDER",
          "M",
          "FLAG_OWN_CAR",
          "Y",
          "FLAG_OWN_REALTY",
          "N",
          "CNT_CHILDREN",
          2,
          "DAYS_EMPLOYED",
          365243,
          "DAYS_BIRTH",
          -10000,
          "AMT_INCOME_TOTAL",
          100000.0,
          "AMT_CREDIT",
          400000.0,
          "CNT_FAM_MEMBERS",
          2.0,
          "AMT_ANNUITY",
          20000.0,
          "NAME_CONTRACT_TYPE",
          "Revolving loans",
          "NAME_TYPE_SUITE",
          "Spouse, partner");

  /** Client B: unseen and missing categories, a zero credit, missing annuity and family size. */
  private final LoanApplication clientB =
      application(
          "CODE_GENDER",
          "XNA",
          "FLAG_OWN_CAR",
          "N",
          "FLAG_OWN_REALTY",
          "Y",
          "DAYS_EMPLOYED",
          -2000,
          "DAYS_BIRTH",
          -8000,
          "AMT_INCOME_TOTAL",
          90000.0,
          "AMT_CREDIT",
          0.0,
          "NAME_CONTRACT_TYPE",
          "Mystery loans");

  @Test
  void layoutIsColumnsInFileOrderThenDummiesThenRatios() {
    List<String> names = definition.names();
    // 120 Kaggle columns - 13 one-hot columns = 107 kept in place, then 2 + 2 dummies, 5 ratios.
    long application =
        definition.features().stream().filter(f -> f.family() == FeatureFamily.APPLICATION).count();
    assertThat(application).isEqualTo(107 + 4 + 5);
    assertThat(names.subList(0, 4))
        .containsExactly("CODE_GENDER", "FLAG_OWN_CAR", "FLAG_OWN_REALTY", "CNT_CHILDREN");
    assertThat(names.subList(107, 116))
        .containsExactly(
            "NAME_CONTRACT_TYPE_Cash_loans",
            "NAME_CONTRACT_TYPE_Revolving_loans",
            "NAME_TYPE_SUITE_Spouse__partner",
            "NAME_TYPE_SUITE_Unaccompanied",
            "DAYS_EMPLOYED_PERC",
            "INCOME_CREDIT_PERC",
            "INCOME_PER_PERSON",
            "ANNUITY_INCOME_PERC",
            "PAYMENT_RATE");
    assertThat(names)
        .doesNotContain("SK_ID_CURR", "application_id", "submitted_at", "history_events", "TARGET");
  }

  @Test
  void clientA() {
    float[] v = definition.compute(clientA, noHistory());
    // Sorted levels: F=0, M=1; N=0, Y=1.
    assertThat(value(v, "CODE_GENDER")).isEqualTo(1f);
    assertThat(value(v, "FLAG_OWN_CAR")).isEqualTo(1f);
    assertThat(value(v, "FLAG_OWN_REALTY")).isEqualTo(0f);
    assertThat(value(v, "CNT_CHILDREN")).isEqualTo(2f);
    assertThat(value(v, "DAYS_EMPLOYED")).isNaN(); // 365243 -> missing
    assertThat(value(v, "OWN_CAR_AGE")).isNaN(); // null
    assertThat(value(v, "NAME_CONTRACT_TYPE_Cash_loans")).isEqualTo(0f);
    assertThat(value(v, "NAME_CONTRACT_TYPE_Revolving_loans")).isEqualTo(1f);
    assertThat(value(v, "NAME_TYPE_SUITE_Spouse__partner")).isEqualTo(1f);
    assertThat(value(v, "NAME_TYPE_SUITE_Unaccompanied")).isEqualTo(0f);
    assertThat(value(v, "DAYS_EMPLOYED_PERC")).isNaN(); // NaN / -10000
    assertThat(value(v, "INCOME_CREDIT_PERC")).isEqualTo(0.25f); // 100000 / 400000
    assertThat(value(v, "INCOME_PER_PERSON")).isEqualTo(50000f); // 100000 / 2
    assertThat(value(v, "ANNUITY_INCOME_PERC")).isEqualTo(0.2f); // 20000 / 100000
    assertThat(value(v, "PAYMENT_RATE")).isCloseTo(0.05f, within(1e-9f)); // 20000 / 400000
  }

  @Test
  void clientB() {
    float[] v = definition.compute(clientB, null);
    assertThat(value(v, "CODE_GENDER")).isNaN(); // XNA is not a level: unseen -> missing
    assertThat(value(v, "FLAG_OWN_CAR")).isEqualTo(0f);
    assertThat(value(v, "FLAG_OWN_REALTY")).isEqualTo(1f);
    assertThat(value(v, "DAYS_EMPLOYED")).isEqualTo(-2000f);
    // Unseen contract type and missing suite: no dummy set (dummy_na=False for application).
    assertThat(value(v, "NAME_CONTRACT_TYPE_Cash_loans")).isEqualTo(0f);
    assertThat(value(v, "NAME_CONTRACT_TYPE_Revolving_loans")).isEqualTo(0f);
    assertThat(value(v, "NAME_TYPE_SUITE_Spouse__partner")).isEqualTo(0f);
    assertThat(value(v, "NAME_TYPE_SUITE_Unaccompanied")).isEqualTo(0f);
    assertThat(value(v, "DAYS_EMPLOYED_PERC")).isEqualTo(0.25f); // -2000 / -8000
    assertThat(value(v, "INCOME_CREDIT_PERC")).isEqualTo(Float.POSITIVE_INFINITY); // 90000 / 0
    assertThat(value(v, "INCOME_PER_PERSON")).isNaN(); // 90000 / null
    assertThat(value(v, "ANNUITY_INCOME_PERC")).isNaN(); // null / 90000
    assertThat(value(v, "PAYMENT_RATE")).isNaN(); // null / 0
  }

  @Test
  void zeroOverZeroIsNaN() {
    float[] v = definition.compute(application("AMT_INCOME_TOTAL", 0.0, "AMT_CREDIT", 0.0), null);
    assertThat(value(v, "INCOME_CREDIT_PERC")).isNaN();
  }

  private float value(float[] v, String name) {
    return Fixtures.value(definition, v, name);
  }
}
