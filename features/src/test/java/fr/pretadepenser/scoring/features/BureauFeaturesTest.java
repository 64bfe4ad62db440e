package fr.pretadepenser.scoring.features;

import static fr.pretadepenser.scoring.features.Fixtures.application;
import static fr.pretadepenser.scoring.features.Fixtures.bureau;
import static fr.pretadepenser.scoring.features.Fixtures.history;
import static fr.pretadepenser.scoring.features.Fixtures.month;
import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.BureauCredit;
import fr.pretadepenser.scoring.events.ClientHistory;
import java.util.List;
import org.junit.jupiter.api.Test;

class BureauFeaturesTest {

  private static final CategoryVocabulary VOCABULARY =
      CategoryVocabulary.builder()
          .add("bureau", "CREDIT_ACTIVE", "Active")
          .add("bureau", "CREDIT_ACTIVE", "Closed")
          .add("bureau", "CREDIT_ACTIVE", "Sold")
          .add("bureau", "CREDIT_CURRENCY", "currency 1")
          .add("bureau", "CREDIT_TYPE", "Consumer credit")
          .add("bureau", "CREDIT_TYPE", "Credit card")
          .add("bureau_balance", "STATUS", "0")
          .add("bureau_balance", "STATUS", "1")
          .add("bureau_balance", "STATUS", "C")
          .add("bureau_balance", "STATUS", "X")
          .build();

  private final FeatureDefinition definition = new FeatureDefinition(VOCABULARY);

  /** Active credit, 4 months: statuses 0, 1, 0 and an unseen "Z" (counted, sets no dummy). */
  private static final BureauCredit C1 =
      bureau(
          List.of(month(-1, "0"), month(-2, "1"), month(-3, "0"), month(-4, "Z")),
          "CREDIT_ACTIVE",
          "Active",
          "CREDIT_CURRENCY",
          "currency 1",
          "CREDIT_TYPE",
          "Consumer credit",
          "DAYS_CREDIT",
          -100,
          "AMT_CREDIT_SUM",
          1000.0,
          "AMT_CREDIT_SUM_DEBT",
          500.0,
          "CNT_CREDIT_PROLONG",
          0);

  /** Closed credit, 2 months: C and a missing status. */
  private static final BureauCredit C2 =
      bureau(
          List.of(month(-10, "C"), month(-11, null)),
          "CREDIT_ACTIVE",
          "Closed",
          "CREDIT_CURRENCY",
          "currency 1",
          "CREDIT_TYPE",
          "Credit card",
          "DAYS_CREDIT",
          -300,
          "AMT_CREDIT_SUM",
          3000.0,
          "AMT_CREDIT_SUM_DEBT",
          0.0,
          "CNT_CREDIT_PROLONG",
          1);

  /** Sold credit, missing currency, unseen type, no balances (so every balance column is NaN). */
  private static final BureauCredit C3 =
      bureau(List.of(), "CREDIT_ACTIVE", "Sold", "CREDIT_TYPE", "Mortgage", "DAYS_CREDIT", -200);

  @Test
  void blockSizesAndOrder() {
    List<String> names = namesOfFamily();
    // 27 numeric + dummies (Active, Closed, Sold, nan; currency 1, nan; 2 types, nan = 9)
    // + 5 STATUS means (0, 1, C, X, nan) = 41 BURO_, then 27 ACTIVE_ and 27 CLOSED_.
    assertThat(names).hasSize(41 + 27 + 27);
    assertThat(names.get(0)).isEqualTo("BURO_DAYS_CREDIT_MIN");
    assertThat(names.subList(27, 41))
        .containsExactly(
            "BURO_CREDIT_ACTIVE_Active_MEAN",
            "BURO_CREDIT_ACTIVE_Closed_MEAN",
            "BURO_CREDIT_ACTIVE_Sold_MEAN",
            "BURO_CREDIT_ACTIVE_nan_MEAN",
            "BURO_CREDIT_CURRENCY_currency_1_MEAN",
            "BURO_CREDIT_CURRENCY_nan_MEAN",
            "BURO_CREDIT_TYPE_Consumer_credit_MEAN",
            "BURO_CREDIT_TYPE_Credit_card_MEAN",
            "BURO_CREDIT_TYPE_nan_MEAN",
            "BURO_STATUS_0_MEAN_MEAN",
            "BURO_STATUS_1_MEAN_MEAN",
            "BURO_STATUS_C_MEAN_MEAN",
            "BURO_STATUS_X_MEAN_MEAN",
            "BURO_STATUS_nan_MEAN_MEAN");
    assertThat(names.get(41)).isEqualTo("ACTIVE_DAYS_CREDIT_MIN");
    assertThat(names.get(68)).isEqualTo("CLOSED_DAYS_CREDIT_MIN");
    assertThat(names.get(94)).isEqualTo("CLOSED_MONTHS_BALANCE_SIZE_SUM");
  }

  @Test
  void clientWithActiveClosedAndSoldCredits() {
    float[] v = compute(history(List.of(C1, C2, C3), List.of(), List.of(), List.of(), List.of()));
    // DAYS_CREDIT -100, -300, -200: mean -200, var ((100^2 + 100^2 + 0) / (3-1)) = 10000.
    assertThat(value(v, "BURO_DAYS_CREDIT_MIN")).isEqualTo(-300f);
    assertThat(value(v, "BURO_DAYS_CREDIT_MAX")).isEqualTo(-100f);
    assertThat(value(v, "BURO_DAYS_CREDIT_MEAN")).isEqualTo(-200f);
    assertThat(value(v, "BURO_DAYS_CREDIT_VAR")).isEqualTo(10000f);
    // AMT_CREDIT_SUM 1000, 3000, missing: max 3000, mean 4000 / 2, sum 4000.
    assertThat(value(v, "BURO_AMT_CREDIT_SUM_MAX")).isEqualTo(3000f);
    assertThat(value(v, "BURO_AMT_CREDIT_SUM_MEAN")).isEqualTo(2000f);
    assertThat(value(v, "BURO_AMT_CREDIT_SUM_SUM")).isEqualTo(4000f);
    // AMT_CREDIT_SUM_LIMIT missing everywhere: mean NaN, but the pandas sum of nothing is 0.
    assertThat(value(v, "BURO_AMT_CREDIT_SUM_LIMIT_MEAN")).isNaN();
    assertThat(value(v, "BURO_AMT_CREDIT_SUM_LIMIT_SUM")).isZero();
    assertThat(value(v, "BURO_CNT_CREDIT_PROLONG_SUM")).isEqualTo(1f); // 0 + 1 + missing
    // Balances per credit: C1 min -4, max -1, 4 months; C2 min -11, max -10, 2 months; C3 none.
    assertThat(value(v, "BURO_MONTHS_BALANCE_MIN_MIN")).isEqualTo(-11f);
    assertThat(value(v, "BURO_MONTHS_BALANCE_MAX_MAX")).isEqualTo(-1f);
    assertThat(value(v, "BURO_MONTHS_BALANCE_SIZE_MEAN")).isEqualTo(3f); // (4 + 2) / 2
    assertThat(value(v, "BURO_MONTHS_BALANCE_SIZE_SUM")).isEqualTo(6f);
    // One credit of three per status; currency missing once; C3's unseen type sets no dummy.
    assertThat(value(v, "BURO_CREDIT_ACTIVE_Active_MEAN")).isEqualTo(1f / 3);
    assertThat(value(v, "BURO_CREDIT_ACTIVE_Sold_MEAN")).isEqualTo(1f / 3);
    assertThat(value(v, "BURO_CREDIT_ACTIVE_nan_MEAN")).isZero();
    assertThat(value(v, "BURO_CREDIT_CURRENCY_currency_1_MEAN")).isEqualTo(2f / 3);
    assertThat(value(v, "BURO_CREDIT_CURRENCY_nan_MEAN")).isEqualTo(1f / 3);
    assertThat(value(v, "BURO_CREDIT_TYPE_Consumer_credit_MEAN")).isEqualTo(1f / 3);
    assertThat(value(v, "BURO_CREDIT_TYPE_nan_MEAN")).isZero();
    // Share of months per status, C1: 0 -> 2/4, 1 -> 1/4 ("Z" counts in the 4); C2: C, nan -> 1/2.
    // Averaged over C1 and C2 (C3 has NaN): 0 -> 0.25, 1 -> 0.125, C -> 0.25, nan -> 0.25.
    assertThat(value(v, "BURO_STATUS_0_MEAN_MEAN")).isEqualTo(0.25f);
    assertThat(value(v, "BURO_STATUS_1_MEAN_MEAN")).isEqualTo(0.125f);
    assertThat(value(v, "BURO_STATUS_C_MEAN_MEAN")).isEqualTo(0.25f);
    assertThat(value(v, "BURO_STATUS_X_MEAN_MEAN")).isZero();
    assertThat(value(v, "BURO_STATUS_nan_MEAN_MEAN")).isEqualTo(0.25f);
    // ACTIVE_ = C1 only: a single value has no sample variance.
    assertThat(value(v, "ACTIVE_DAYS_CREDIT_MIN")).isEqualTo(-100f);
    assertThat(value(v, "ACTIVE_DAYS_CREDIT_VAR")).isNaN();
    assertThat(value(v, "ACTIVE_AMT_CREDIT_SUM_SUM")).isEqualTo(1000f);
    assertThat(value(v, "ACTIVE_AMT_ANNUITY_MAX")).isNaN();
    assertThat(value(v, "ACTIVE_MONTHS_BALANCE_SIZE_SUM")).isEqualTo(4f);
    // CLOSED_ = C2 only.
    assertThat(value(v, "CLOSED_AMT_CREDIT_SUM_DEBT_SUM")).isZero();
    assertThat(value(v, "CLOSED_CNT_CREDIT_PROLONG_SUM")).isEqualTo(1f);
    assertThat(value(v, "CLOSED_MONTHS_BALANCE_MIN_MIN")).isEqualTo(-11f);
  }

  @Test
  void clientWithNeitherActiveNorClosedCredit() {
    float[] v = compute(history(List.of(C3), List.of(), List.of(), List.of(), List.of()));
    assertThat(value(v, "BURO_DAYS_CREDIT_MEAN")).isEqualTo(-200f);
    // No credit has balances: the sizes are all NaN, so their sum is 0 and their mean NaN.
    assertThat(value(v, "BURO_MONTHS_BALANCE_SIZE_SUM")).isZero();
    assertThat(value(v, "BURO_MONTHS_BALANCE_SIZE_MEAN")).isNaN();
    assertThat(value(v, "BURO_STATUS_0_MEAN_MEAN")).isNaN();
    // Empty sub-blocks: NaN everywhere, sums included.
    for (String name : namesOfFamily()) {
      if (name.startsWith("ACTIVE_") || name.startsWith("CLOSED_")) {
        assertThat(value(v, name)).as(name).isNaN();
      }
    }
  }

  @Test
  void clientWithoutBureauHasNaNEverywhere() {
    float[] v = compute(Fixtures.noHistory());
    assertThat(Fixtures.family(definition, v, FeatureFamily.BUREAU)).allMatch(x -> x.isNaN());
  }

  @Test
  void subBlockIsEmptyWhenTheVocabularyLacksItsLevel() {
    FeatureDefinition noClosed =
        new FeatureDefinition(
            CategoryVocabulary.builder().add("bureau", "CREDIT_ACTIVE", "Active").build());
    float[] v =
        noClosed.compute(
            application(), history(List.of(C2), List.of(), List.of(), List.of(), List.of()));
    assertThat(Fixtures.value(noClosed, v, "BURO_CREDIT_ACTIVE_Active_MEAN")).isZero();
    assertThat(Fixtures.value(noClosed, v, "CLOSED_AMT_CREDIT_SUM_SUM")).isNaN();
  }

  @Test
  void descriptionsReadAsSentences() {
    assertThat(description("BURO_AMT_CREDIT_SUM_MEAN"))
        .isEqualTo("Average current credit amount over credit bureau credits");
    assertThat(description("ACTIVE_AMT_CREDIT_SUM_DEBT_SUM"))
        .isEqualTo("Total current debt over active credit bureau credits");
    assertThat(description("BURO_CREDIT_ACTIVE_Closed_MEAN"))
        .isEqualTo("Share of credit bureau credits whose status is Closed");
    assertThat(description("BURO_STATUS_1_MEAN_MEAN"))
        .isEqualTo(
            "Average share of months with status 1 (1-30 days past due) over credit bureau"
                + " credits");
  }

  private float[] compute(ClientHistory history) {
    return definition.compute(application(), history);
  }

  private float value(float[] v, String name) {
    return Fixtures.value(definition, v, name);
  }

  private String description(String name) {
    return definition.features().get(definition.names().indexOf(name)).description();
  }

  private List<String> namesOfFamily() {
    return definition.features().stream()
        .filter(f -> f.family() == FeatureFamily.BUREAU)
        .map(FeatureInfo::name)
        .toList();
  }
}
