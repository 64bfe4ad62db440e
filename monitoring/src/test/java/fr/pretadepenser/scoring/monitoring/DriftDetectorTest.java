package fr.pretadepenser.scoring.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import fr.pretadepenser.scoring.features.FeatureFamily;
import fr.pretadepenser.scoring.features.FeatureInfo;
import fr.pretadepenser.scoring.model.BundleException;
import fr.pretadepenser.scoring.model.ReferenceDistributions;
import fr.pretadepenser.scoring.model.ReferenceDistributions.Distribution;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {

  static final List<Double> LEVELS = List.of(0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99);

  /** Sample standard deviation of 0, 1, …, 100: sqrt(101 × 102 / 12) = 29.300171. */
  static final double STD_0_100 = Math.sqrt(101 * 102 / 12.0);

  /**
   * reference.json's entry for the values 0, 1, …, 100, worked out by hand: quantiles 100·p, decile
   * edges 10, 20, …, 90, and bins ≤ 10 (11 values), then nine bins of 10 values.
   */
  static Distribution zeroToHundred(String name) {
    Double[] fractions = new Double[10];
    Arrays.fill(fractions, 10 / 101.0);
    fractions[0] = 11 / 101.0;
    return new Distribution(
        name,
        101,
        0,
        50.0,
        STD_0_100,
        0.0,
        100.0,
        LEVELS,
        List.of(1.0, 5.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0),
        List.of(10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0),
        List.of(fractions));
  }

  /** A 0/1 indicator with {@code mean} ones among 100 rows; its deciles are all 0, one edge. */
  static Distribution indicator(String name, double mean) {
    return new Distribution(
        name,
        100,
        0,
        mean,
        Math.sqrt(mean * (1 - mean)),
        0.0,
        1.0,
        LEVELS,
        List.of(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0),
        List.of(0.0),
        List.of(1 - mean, mean));
  }

  static Distribution empty(String name) {
    return new Distribution(
        name, 0, 101, null, null, null, null, LEVELS, List.of(), List.of(), List.of());
  }

  static FeatureInfo info(String name) {
    return new FeatureInfo(name, FeatureFamily.APPLICATION, "the feature " + name);
  }

  /** 101 rows, one column per function of the row index. */
  static float[] rows(IntToDoubleFunction... columns) {
    float[] values = new float[101 * columns.length];
    for (int r = 0; r < 101; r++) {
      for (int c = 0; c < columns.length; c++) {
        values[r * columns.length + c] = (float) columns[c].applyAsDouble(r);
      }
    }
    return values;
  }

  @Test
  void everyStatisticByHandAndTheOrder() {
    DriftDetector detector =
        new DriftDetector(
            new ReferenceDistributions(
                101,
                List.of(
                    zeroToHundred("same"),
                    zeroToHundred("shifted"),
                    indicator("flag", 0.2),
                    empty("never")),
                zeroToHundred("score")),
            List.of(info("same"), info("shifted"), info("flag"), info("never")),
            List.of(
                FeatureKind.NUMERIC,
                FeatureKind.NUMERIC,
                FeatureKind.CATEGORICAL,
                FeatureKind.NUMERIC),
            new double[] {10, 10, 20, 0},
            DriftThresholds.DEFAULT);
    DatasetDrift d =
        detector.compare(rows(i -> i, i -> i + 5, i -> i < 50 ? 1 : 0, i -> Double.NaN), 101);

    // Drifted first (flag then shifted, by importance 50% and 25%), then the others.
    assertThat(d.features())
        .extracting(FeatureDrift::feature)
        .containsExactly("flag", "shifted", "same", "never");
    FeatureDrift flag = d.features().get(0);
    FeatureDrift shifted = d.features().get(1);
    FeatureDrift same = d.features().get(2);
    FeatureDrift never = d.features().get(3);

    // The same values as the reference: every statistic 0.
    assertThat(same.statistic()).isZero();
    assertThat(same.psi()).isZero();
    assertThat(same.drift()).isFalse();

    // Shifted by 5: W1 = 5 (every quantile moves by 5), normalised 5 / 29.300171 = 0.170647; the
    // decile edges' exact levels (e.g. 10 at 11/101 in the reference, 6/101 now) sit up to one
    // value in 101 off numpy's interpolated quantiles, hence 1%.
    // PSI: values 5 … 105 put 6 in the bin ≤ 10 (reference 11) and 15 above 90 (reference 10),
    // the others unchanged: (6 − 11)/101·ln(6/11) + (15 − 10)/101·ln(15/10)
    //   = 0.030007 + 0.020072 = 0.050079
    assertThat(shifted.method()).isEqualTo("wasserstein");
    assertThat(shifted.statistic()).isCloseTo(0.170647, withinPercentage(1));
    assertThat(shifted.psi()).isCloseTo(0.050079, within(1e-6));
    assertThat(shifted.drift()).isTrue();
    assertThat(shifted.importance()).isCloseTo(0.25, within(1e-12));

    // Indicator: reference shares (0: 0.8, 1: 0.2, missing: 0), current 51 zeros and 50 ones of
    // 101: (0.504950, 0.495050, 0). m = (0.652475, 0.347525);
    // KL(ref‖m) = 0.8·log2(0.8/0.652475) + 0.2·log2(0.2/0.347525) = 0.075838
    // KL(cur‖m) = 0.504950·log2(0.504950/0.652475) + 0.495050·log2(0.495050/0.347525) = 0.065980
    // distance = sqrt((0.075838 + 0.065980) / 2) = 0.266288
    assertThat(flag.method()).isEqualTo("jensenshannon");
    assertThat(flag.statistic()).isCloseTo(0.266288, within(1e-6));
    assertThat(flag.drift()).isTrue();
    assertThat(flag.bins())
        .extracting(FeatureDrift.Bin::label)
        .containsExactly("0", "1", "missing");

    // No training value: not compared, counted nowhere.
    assertThat(never.compared()).isFalse();
    assertThat(never.drift()).isFalse();
    assertThat(d.compared()).isEqualTo(3);
    assertThat(d.drifted()).isEqualTo(2);
    assertThat(d.driftedShare()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(d.importanceShare()).isCloseTo(0.75, within(1e-12));
    assertThat(d.drift()).isTrue();
  }

  private static DatasetDrift oneOfThreeShifted(double importanceOfShifted) {
    DriftDetector detector =
        new DriftDetector(
            new ReferenceDistributions(
                101,
                List.of(zeroToHundred("a"), zeroToHundred("b"), zeroToHundred("c")),
                zeroToHundred("score")),
            List.of(info("a"), info("b"), info("c")),
            List.of(FeatureKind.NUMERIC, FeatureKind.NUMERIC, FeatureKind.NUMERIC),
            new double[] {importanceOfShifted, 1, 1},
            DriftThresholds.DEFAULT);
    return detector.compare(rows(i -> i + 20, i -> i, i -> i), 101);
  }

  @Test
  void theDatasetDriftsWhenHalfTheImportanceDriftsEvenIfFewFeaturesDo() {
    // One feature of three drifts: 33% by number. Its importance 2 of 4 = 50%: drift.
    DatasetDrift heavy = oneOfThreeShifted(2);
    assertThat(heavy.driftedShare()).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(heavy.importanceShare()).isCloseTo(0.5, within(1e-12));
    assertThat(heavy.drift()).isTrue();
    // Importance 1 of 3 = 33%: below half both ways, no dataset drift.
    DatasetDrift light = oneOfThreeShifted(1);
    assertThat(light.importanceShare()).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(light.drift()).isFalse();
  }

  @Test
  void aNumericFeatureMissingEverywhereDriftsByPsi() {
    DriftDetector detector =
        new DriftDetector(
            new ReferenceDistributions(101, List.of(zeroToHundred("x")), zeroToHundred("score")),
            List.of(info("x")),
            List.of(FeatureKind.NUMERIC),
            new double[] {1},
            DriftThresholds.DEFAULT);
    FeatureDrift x = detector.compare(rows(i -> Double.NaN), 101).features().get(0);
    // No value to place: Wasserstein cannot be computed. PSI: every bin 0 → 0.0001 against
    // its reference share, the missing bin 1 against 0 → 0.0001:
    //   (1 − 0.0001)·ln(1/0.0001) + Σ_bins (0.0001 − r)·ln(0.0001/r) ≈ 9.2 + 0.9 > 0.2
    assertThat(x.statistic()).isNaN();
    assertThat(x.psi()).isGreaterThan(9);
    assertThat(x.drift()).isTrue();
    assertThat(x.current().missingShare()).isEqualTo(1.0);
  }

  @Test
  void refusesAReferenceOfOtherFeatures() {
    ReferenceDistributions reference =
        new ReferenceDistributions(101, List.of(zeroToHundred("x")), zeroToHundred("score"));
    assertThatThrownBy(
            () ->
                new DriftDetector(
                    reference,
                    List.of(info("y")),
                    List.of(FeatureKind.NUMERIC),
                    new double[] {1},
                    DriftThresholds.DEFAULT))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("missing [x]");
  }

  @Test
  void refusesRowsOfAnotherWidth() {
    DriftDetector detector =
        new DriftDetector(
            new ReferenceDistributions(101, List.of(zeroToHundred("x")), zeroToHundred("score")),
            List.of(info("x")),
            List.of(FeatureKind.NUMERIC),
            new double[] {1},
            DriftThresholds.DEFAULT);
    assertThatThrownBy(() -> detector.compare(List.of(new float[] {1, 2})))
        .hasMessageContaining("vector 0 has 2 features, the model 1");
    assertThatThrownBy(() -> detector.compare(new float[0], 0)).hasMessageContaining("no rows");
  }
}
