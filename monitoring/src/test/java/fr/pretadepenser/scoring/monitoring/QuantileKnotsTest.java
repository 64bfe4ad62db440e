package fr.pretadepenser.scoring.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QuantileKnotsTest {

  @Test
  void anEdgePutsTheRiseWhereTheValuesAre() {
    // 90% of the values are 0: median 0, 99% quantile 10, the only decile edge 0 at level 0.9.
    QuantileKnots withEdge =
        QuantileKnots.of(
            new double[] {0.5, 0.99}, new double[] {0, 10}, new double[] {0}, new double[] {0.9});
    assertThat(withEdge.levels()).containsExactly(0.5, 0.9, 0.99);
    assertThat(withEdge.values()).containsExactly(0, 0, 10);
    // Without the edge the line from (0.5, 0) to (0.99, 10) reaches 0.4/0.49 × 10 = 8.163 at 0.9.
    // The difference is 0 → 8.163 over [0.5, 0.9] and 8.163 → 0 over [0.9, 0.99]:
    //   0.5 × 0.4 × 8.163 + 0.5 × 0.09 × 8.163 = 0.5 × 0.49 × 8.163 = 2.0
    double w =
        DriftStatistics.wasserstein(
            withEdge.levels(), withEdge.values(), new double[] {0.5, 0.99}, new double[] {0, 10});
    assertThat(w).isCloseTo(2.0, within(1e-12));
  }

  @Test
  void edgesOutsideTheQuantileLevelsAreLeftOut() {
    // An edge at level 1 (every value ≤ 1) would stretch the upper tail the quantiles cut.
    QuantileKnots k =
        QuantileKnots.of(
            new double[] {0.01, 0.99}, new double[] {0, 1}, new double[] {1}, new double[] {1.0});
    assertThat(k.levels()).containsExactly(0.01, 0.99);
  }

  @Test
  void cumulativeShares() {
    assertThat(QuantileKnots.cdf(new double[] {0.2, 0.3, 0.5}, 2))
        .containsExactly(new double[] {0.2, 0.5}, within(1e-15));
  }
}
