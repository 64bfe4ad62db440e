package fr.pretadepenser.scoring.features;

import static fr.pretadepenser.scoring.features.Fixtures.application;
import static fr.pretadepenser.scoring.features.Fixtures.history;
import static fr.pretadepenser.scoring.features.Fixtures.instalment;
import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.InstalmentPayment;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstalmentFeaturesTest {

  private final FeatureDefinition definition =
      new FeatureDefinition(CategoryVocabulary.builder().build());

  /** Paid in full, 5 days late: PERC 1, DIFF 0, DPD 5, DBD 0. */
  private static final InstalmentPayment LATE =
      instalment(
          "NUM_INSTALMENT_VERSION", 1.0,
          "DAYS_INSTALMENT", -30.0,
          "DAYS_ENTRY_PAYMENT", -25.0,
          "AMT_INSTALMENT", 100.0,
          "AMT_PAYMENT", 100.0);

  /** Half paid, 10 days early: PERC 0.5, DIFF 50, DPD 0, DBD 10. */
  private static final InstalmentPayment EARLY =
      instalment(
          "NUM_INSTALMENT_VERSION", 1.0,
          "DAYS_INSTALMENT", -60.0,
          "DAYS_ENTRY_PAYMENT", -70.0,
          "AMT_INSTALMENT", 100.0,
          "AMT_PAYMENT", 50.0);

  /** Never paid, nothing due: PERC null/0 = NaN, DIFF NaN, and DPD = DBD = 0 (NaN > 0 is false). */
  private static final InstalmentPayment UNPAID =
      instalment("NUM_INSTALMENT_VERSION", 2.0, "DAYS_INSTALMENT", -90.0, "AMT_INSTALMENT", 0.0);

  /** Paid 10 on time when nothing was due: PERC 10/0 = +inf, DIFF -10, DPD = DBD = 0. */
  private static final InstalmentPayment OVERPAID =
      instalment(
          "NUM_INSTALMENT_VERSION", 0.0,
          "DAYS_INSTALMENT", -120.0,
          "DAYS_ENTRY_PAYMENT", -120.0,
          "AMT_INSTALMENT", 0.0,
          "AMT_PAYMENT", 10.0);

  @Test
  void twentySixFeatures() {
    assertThat(definition.features().stream().filter(f -> f.family() == FeatureFamily.INSTALMENTS))
        .hasSize(26)
        .first()
        .extracting(FeatureInfo::name)
        .isEqualTo("INSTAL_NUM_INSTALMENT_VERSION_NUNIQUE");
  }

  @Test
  void fourInstalments() {
    float[] v = compute(List.of(LATE, EARLY, UNPAID, OVERPAID));
    assertThat(value(v, "INSTAL_NUM_INSTALMENT_VERSION_NUNIQUE")).isEqualTo(3f); // {1, 2, 0}
    // DPD 5, 0, 0, 0: the unpaid row adds 0 and counts in the mean.
    assertThat(value(v, "INSTAL_DPD_MAX")).isEqualTo(5f);
    assertThat(value(v, "INSTAL_DPD_MEAN")).isEqualTo(1.25f); // 5 / 4
    assertThat(value(v, "INSTAL_DPD_SUM")).isEqualTo(5f);
    assertThat(value(v, "INSTAL_DBD_MAX")).isEqualTo(10f);
    assertThat(value(v, "INSTAL_DBD_MEAN")).isEqualTo(2.5f); // 10 / 4
    assertThat(value(v, "INSTAL_DBD_SUM")).isEqualTo(10f);
    // PAYMENT_PERC 1, 0.5, NaN, +inf.
    assertThat(value(v, "INSTAL_PAYMENT_PERC_MAX")).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(value(v, "INSTAL_PAYMENT_PERC_MEAN")).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(value(v, "INSTAL_PAYMENT_PERC_SUM")).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(value(v, "INSTAL_PAYMENT_PERC_VAR")).isNaN();
    // PAYMENT_DIFF 0, 50, NaN, -10: sum 40, mean 40/3,
    // var = (0^2 + 50^2 + 10^2 - 3 * (40/3)^2) / 2 = (2600 - 1600/3) / 2 = 3100/3.
    assertThat(value(v, "INSTAL_PAYMENT_DIFF_MAX")).isEqualTo(50f);
    assertThat(value(v, "INSTAL_PAYMENT_DIFF_MEAN")).isEqualTo((float) (40.0 / 3));
    assertThat(value(v, "INSTAL_PAYMENT_DIFF_SUM")).isEqualTo(40f);
    assertThat(value(v, "INSTAL_PAYMENT_DIFF_VAR")).isEqualTo((float) (3100.0 / 3));
    assertThat(value(v, "INSTAL_AMT_INSTALMENT_MEAN")).isEqualTo(50f); // 200 / 4
    assertThat(value(v, "INSTAL_AMT_PAYMENT_MIN")).isEqualTo(10f);
    assertThat(value(v, "INSTAL_AMT_PAYMENT_MEAN")).isEqualTo((float) (160.0 / 3));
    assertThat(value(v, "INSTAL_AMT_PAYMENT_SUM")).isEqualTo(160f);
    assertThat(value(v, "INSTAL_DAYS_ENTRY_PAYMENT_MAX")).isEqualTo(-25f);
    assertThat(value(v, "INSTAL_DAYS_ENTRY_PAYMENT_SUM")).isEqualTo(-215f); // -25 - 70 - 120
    assertThat(value(v, "INSTAL_COUNT")).isEqualTo(4f);
  }

  @Test
  void oneInstalmentHasNoVariance() {
    float[] v = compute(List.of(EARLY));
    assertThat(value(v, "INSTAL_PAYMENT_DIFF_MEAN")).isEqualTo(50f);
    assertThat(value(v, "INSTAL_PAYMENT_DIFF_VAR")).isNaN();
    assertThat(value(v, "INSTAL_NUM_INSTALMENT_VERSION_NUNIQUE")).isEqualTo(1f);
  }

  @Test
  void onlyUnpaidInstalment() {
    float[] v = compute(List.of(UNPAID));
    assertThat(value(v, "INSTAL_DPD_MAX")).isZero();
    assertThat(value(v, "INSTAL_AMT_PAYMENT_SUM")).isZero(); // all-NaN sum
    assertThat(value(v, "INSTAL_AMT_PAYMENT_MAX")).isNaN();
  }

  @Test
  void noInstalmentsGivesNaNEverywhere() {
    float[] v = compute(List.of());
    assertThat(value(v, "INSTAL_COUNT")).isNaN();
    assertThat(value(v, "INSTAL_NUM_INSTALMENT_VERSION_NUNIQUE")).isNaN();
    assertThat(Fixtures.family(definition, v, FeatureFamily.INSTALMENTS)).allMatch(x -> x.isNaN());
  }

  @Test
  void descriptions() {
    FeatureInfo dpd = definition.features().get(definition.names().indexOf("INSTAL_DPD_MAX"));
    assertThat(dpd.description()).isEqualTo("Highest days past due over past instalments");
  }

  private float[] compute(List<InstalmentPayment> rows) {
    return definition.compute(
        application(), history(List.of(), List.of(), List.of(), rows, List.of()));
  }

  private float value(float[] v, String name) {
    return Fixtures.value(definition, v, name);
  }
}
