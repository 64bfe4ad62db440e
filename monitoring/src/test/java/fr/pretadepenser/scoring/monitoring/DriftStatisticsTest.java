package fr.pretadepenser.scoring.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DriftStatisticsTest {

  /** reference.json's quantile levels. */
  static final double[] LEVELS = {0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99};

  @Test
  void psiOfTwoBins() {
    // (0.25 − 0.5)·ln(0.25/0.5) + (0.75 − 0.5)·ln(0.75/0.5)
    //   = (−0.25)(−0.693147) + (0.25)(0.405465) = 0.173287 + 0.101366 = 0.274653
    assertThat(DriftStatistics.psi(new double[] {0.5, 0.5}, new double[] {0.25, 0.75}))
        .isCloseTo(0.274653, within(1e-6));
  }

  @Test
  void psiReplacesAnEmptyBinByEpsilon() {
    // The reference's third bin is empty and counts as 0.0001:
    //   (0.5 − 0.6)·ln(0.5/0.6)    = (−0.1)(−0.182322) = 0.018232
    //   (0.3 − 0.4)·ln(0.3/0.4)    = (−0.1)(−0.287682) = 0.028768
    //   (0.2 − 0.0001)·ln(0.2/1e-4) = 0.1999 × 7.600902 = 1.519420
    //   total 1.566421
    assertThat(DriftStatistics.psi(new double[] {0.6, 0.4, 0}, new double[] {0.5, 0.3, 0.2}))
        .isCloseTo(1.566421, within(1e-6));
    // Both empty: the bin contributes nothing.
    assertThat(DriftStatistics.psi(new double[] {0.5, 0.5, 0}, new double[] {0.5, 0.5, 0}))
        .isZero();
  }

  @Test
  void psiIsSymmetricAndZeroOnlyForEqualShares() {
    double[] a = {0.1, 0.2, 0.7};
    double[] b = {0.3, 0.3, 0.4};
    assertThat(DriftStatistics.psi(a, b)).isEqualTo(DriftStatistics.psi(b, a)).isPositive();
    assertThat(DriftStatistics.psi(a, a)).isZero();
  }

  @Test
  void jensenShannonByHand() {
    // p = (0.5, 0.5), q = (1, 0), m = (0.75, 0.25)
    // KL(p‖m) = 0.5·log2(0.5/0.75) + 0.5·log2(0.5/0.25) = −0.292481 + 0.5 = 0.207519
    // KL(q‖m) = 1·log2(1/0.75) = 0.415037
    // distance = sqrt((0.207519 + 0.415037) / 2) = sqrt(0.311278) = 0.557923
    assertThat(DriftStatistics.jensenShannon(new double[] {0.5, 0.5}, new double[] {1, 0}))
        .isCloseTo(0.557923, within(1e-6));
    // scipy scales each vector to sum 1 first: counts give the same distance.
    assertThat(DriftStatistics.jensenShannon(new double[] {3, 3}, new double[] {7, 0}))
        .isCloseTo(0.557923, within(1e-6));
  }

  @Test
  void jensenShannonBounds() {
    // Nothing in common: m = (0.5, 0.5), each KL = log2(2) = 1, distance sqrt(1) = 1.
    assertThat(DriftStatistics.jensenShannon(new double[] {1, 0}, new double[] {0, 1}))
        .isCloseTo(1.0, within(1e-12));
    assertThat(DriftStatistics.jensenShannon(new double[] {0.2, 0.8}, new double[] {0.2, 0.8}))
        .isZero();
    assertThatThrownBy(() -> DriftStatistics.jensenShannon(new double[] {0}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Quantiles of 0, 1, …, 100 at the levels: numpy's linear rule gives exactly 100·p. */
  private static double[] quantilesOf(double[] values) {
    return ColumnSummary.of(values, LEVELS, new double[0]).quantiles();
  }

  private static double[] zeroToHundred() {
    return IntStream.rangeClosed(0, 100).asDoubleStream().toArray();
  }

  @Test
  void wassersteinOfAShiftIsTheShift() {
    // Q_c(u) = Q_r(u) + 5 everywhere: |d| = 5 over [0, 1], so W1 = 5.
    double[] ref = zeroToHundred();
    double[] cur = IntStream.rangeClosed(0, 100).asDoubleStream().map(v -> v + 5).toArray();
    assertThat(DriftStatistics.wasserstein(LEVELS, quantilesOf(ref), quantilesOf(cur)))
        .isCloseTo(5.0, within(1e-9));
  }

  @Test
  void wassersteinOfADoubling() {
    // Q_r(u) = 100u, Q_c(u) = 200u, |d| = 100u between the levels 0.01 and 0.99:
    //   ∫_{0.01}^{0.99} 100u du = 50·(0.99² − 0.01²) = 50 × 0.98 = 49
    // flat tails: 0.01 × |d(0.01)| + 0.01 × |d(0.99)| = 0.01 × 1 + 0.01 × 99 = 1
    // W1 = 50 (the continuous uniform's value too).
    double[] ref = zeroToHundred();
    double[] cur = IntStream.rangeClosed(0, 100).asDoubleStream().map(v -> 2 * v).toArray();
    assertThat(DriftStatistics.wasserstein(LEVELS, quantilesOf(ref), quantilesOf(cur)))
        .isCloseTo(50.0, within(1e-9));
  }

  @Test
  void wassersteinSplitsASegmentWhereTheQuantileFunctionsCross() {
    // Current values 30 + x/2: Q_c(u) = 30 + 50u, d(u) = 100u − Q_c(u) = 50u − 30, zero at
    // u = 0.6, inside the segment between the levels 0.5 and 0.75.
    //   ∫_{0.01}^{0.6} (30 − 50u) du = [30u − 25u²] = (18 − 9) − (0.3 − 0.0025) = 8.7025
    //   ∫_{0.6}^{0.99} (50u − 30) du = [25u² − 30u] = (24.5025 − 29.7) − (9 − 18) = 3.8025
    //   tails: 0.01 × |0.5 − 30| + 0.01 × |49.5 − 30| = 0.295 + 0.195 = 0.49
    //   W1 = 8.7025 + 3.8025 + 0.49 = 12.995
    double[] ref = zeroToHundred();
    double[] cur = IntStream.rangeClosed(0, 100).asDoubleStream().map(v -> 30 + v / 2).toArray();
    assertThat(DriftStatistics.wasserstein(LEVELS, quantilesOf(ref), quantilesOf(cur)))
        .isCloseTo(12.995, within(1e-9));
  }

  @Test
  void segmentIntegralsByHand() {
    // Same sign: trapezoid (1 + 3)/2 × 0.5 = 1.
    assertThat(DriftStatistics.segment(1, 3, 0.5)).isCloseTo(1.0, within(1e-12));
    // From −1 to 3 over width 1: zero at t = 0.25; triangles 0.25 × 1/2 + 0.75 × 3/2 = 1.25.
    assertThat(DriftStatistics.segment(-1, 3, 1)).isCloseTo(1.25, within(1e-12));
  }

  @Test
  void wassersteinIsNotANumberWhenAQuantileIsInfinite() {
    double[] ref = {1, 2, 3};
    double[] cur = {1, 2, Double.POSITIVE_INFINITY};
    assertThat(DriftStatistics.wasserstein(new double[] {0.1, 0.5, 0.9}, ref, cur)).isNaN();
  }

  @Test
  void binRuleOfReferenceJson() {
    // The first bin whose upper edge is ≥ v; above the last edge, the open last bin.
    double[] edges = {1, 2};
    assertThat(DriftStatistics.bin(edges, 0.5)).isZero();
    assertThat(DriftStatistics.bin(edges, 1)).isZero();
    assertThat(DriftStatistics.bin(edges, 1.5)).isEqualTo(1);
    assertThat(DriftStatistics.bin(edges, 2)).isEqualTo(1);
    assertThat(DriftStatistics.bin(edges, 3)).isEqualTo(2);
    assertThat(DriftStatistics.bin(edges, Double.POSITIVE_INFINITY)).isEqualTo(2);
    assertThat(DriftStatistics.bin(new double[0], 7)).isZero();
  }
}
