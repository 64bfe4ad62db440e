package fr.pretadepenser.scoring.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ColumnSummaryTest {

  @Test
  void summarisesLikeReferenceJson() {
    double nan = Double.NaN;
    ColumnSummary s =
        ColumnSummary.of(
            new double[] {4, nan, 1, 3, nan, 2},
            new double[] {0.25, 0.5, 0.99},
            new double[] {1.5, 3});
    assertThat(s.count()).isEqualTo(4);
    assertThat(s.missing()).isEqualTo(2);
    assertThat(s.missingShare()).isCloseTo(1.0 / 3, within(1e-12));
    // numpy's linear rule on 1, 2, 3, 4: position p·(n − 1) = 3p.
    //   p = 0.25 → 0.75 → 1 + 0.75 × (2 − 1) = 1.75
    //   p = 0.5  → 1.5  → 2.5
    //   p = 0.99 → 2.97 → 3 + 0.97 × (4 − 3) = 3.97
    assertThat(s.quantiles()).containsExactly(new double[] {1.75, 2.5, 3.97}, within(1e-12));
    // Bins ≤ 1.5, (1.5, 3], > 3: {1}, {2, 3}, {4}.
    assertThat(s.binCounts()).containsExactly(1, 2, 1);
    // Mean 2.5; sample variance (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3.
    assertThat(s.mean()).isEqualTo(2.5);
    assertThat(s.std()).isCloseTo(Math.sqrt(5.0 / 3), within(1e-12));
  }

  @Test
  void allMissing() {
    ColumnSummary s =
        ColumnSummary.of(new double[] {Double.NaN, Double.NaN}, new double[] {0.5}, new double[0]);
    assertThat(s.count()).isZero();
    assertThat(s.missing()).isEqualTo(2);
    assertThat(s.quantiles()).isEmpty();
    assertThat(s.binCounts()).containsExactly(0);
    assertThat(s.mean()).isNaN();
  }
}
