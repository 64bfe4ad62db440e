package fr.pretadepenser.scoring.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void aucCountsPairsAndHalfTies() {
    // Positives 0.8, 0.4; negatives 0.6, 0.4, 0.1. Pairs: (0.8 beats all 3), (0.4 vs 0.6 loses,
    // vs 0.4 ties, vs 0.1 wins) → (3 + 0 + 0.5 + 1) / 6.
    double[] p = {0.8, 0.6, 0.4, 0.4, 0.1};
    int[] y = {1, 0, 1, 0, 0};
    assertThat(Metrics.auc(p, y)).isCloseTo(4.5 / 6, within(1e-15));
  }

  @Test
  void aucIsOneForPerfectRankingAndNanWithOneClass() {
    assertThat(Metrics.auc(new double[] {0.1, 0.9}, new int[] {0, 1})).isEqualTo(1.0);
    assertThat(Metrics.auc(new double[] {0.1, 0.9}, new int[] {0, 0})).isNaN();
  }

  @Test
  void aucStandardErrorIsDeLongsWorkedByHand() {
    // Positives 0.8, 0.6; negatives 0.7, 0.5, 0.6. Share of negatives each positive outranks
    // (ties half): 1 and 1.5/3 = 0.5, sample variance 0.125. Share of positives outranking each
    // negative: 0.5, 1 and 0.75, sample variance 0.0625. Variance 0.125/2 + 0.0625/3 = 1/12.
    double[] p = {0.8, 0.7, 0.6, 0.5, 0.6};
    int[] y = {1, 0, 1, 0, 0};
    assertThat(Metrics.auc(p, y)).isCloseTo(0.75, within(1e-15));
    assertThat(Metrics.aucStandardError(p, y)).isCloseTo(Math.sqrt(1.0 / 12), within(1e-15));
    assertThat(Metrics.aucStandardError(new double[] {0.1, 0.9, 0.5}, new int[] {0, 1, 0}))
        .as("one positive: no variance to estimate")
        .isNaN();
  }

  @Test
  void aucStandardErrorFromRanksEqualsThePairwiseDefinitionWithTies() {
    java.util.Random random = new java.util.Random(11);
    int n = 300;
    double[] p = new double[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextDouble() < 0.2 ? 1 : 0;
      // Scores on a coarse grid, so that many pairs tie, shifted up for the positives.
      p[i] = Math.round((random.nextGaussian() + y[i]) * 4) / 4.0;
    }
    // DeLong's components straight from the pairs, O(positives x negatives).
    List<Double> v10 = new java.util.ArrayList<>();
    List<Double> v01 = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      double wins = 0;
      int others = 0;
      for (int j = 0; j < n; j++) {
        if (y[j] != y[i]) {
          double hi = y[i] == 1 ? p[i] : p[j];
          double lo = y[i] == 1 ? p[j] : p[i];
          wins += hi > lo ? 1 : hi == lo ? 0.5 : 0;
          others++;
        }
      }
      (y[i] == 1 ? v10 : v01).add(wins / others);
    }
    double s10 = Metrics.std(v10.stream().mapToDouble(Double::doubleValue).toArray());
    double s01 = Metrics.std(v01.stream().mapToDouble(Double::doubleValue).toArray());
    double expected = Math.sqrt(s10 * s10 / v10.size() + s01 * s01 / v01.size());
    assertThat(Metrics.aucStandardError(p, y)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void rocRunsFromOriginToOneOnePointPerDistinctScore() {
    double[] p = {0.8, 0.6, 0.4, 0.4, 0.1};
    int[] y = {1, 0, 1, 0, 0};
    List<Metrics.RocPoint> roc = Metrics.roc(p, y);
    assertThat(roc)
        .containsExactly(
            new Metrics.RocPoint(0, 0),
            new Metrics.RocPoint(0, 0.5),
            new Metrics.RocPoint(1 / 3.0, 0.5),
            new Metrics.RocPoint(2 / 3.0, 1),
            new Metrics.RocPoint(1, 1));
  }

  @Test
  void brierIsTheMeanSquaredError() {
    assertThat(Metrics.brier(new double[] {0.2, 0.9}, new int[] {0, 1}))
        .isCloseTo((0.04 + 0.01) / 2, within(1e-15));
  }

  @Test
  void reliabilityBinsHaveEqualCountsAndObservedRates() {
    double[] p = {0.1, 0.2, 0.3, 0.7, 0.8, 0.9};
    int[] y = {0, 0, 1, 1, 1, 0};
    List<Metrics.ReliabilityBin> bins = Metrics.reliability(p, y, 2);
    assertThat(bins).hasSize(2);
    assertThat(bins.get(0).count()).isEqualTo(3);
    assertThat(bins.get(0).meanPredicted()).isCloseTo(0.2, within(1e-12));
    assertThat(bins.get(0).observedRate()).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(bins.get(1).meanPredicted()).isCloseTo(0.8, within(1e-12));
    assertThat(bins.get(1).observedRate()).isCloseTo(2 / 3.0, within(1e-12));
  }

  @Test
  void stdIsTheSampleStandardDeviation() {
    assertThat(Metrics.std(new double[] {1, 2, 3, 4})).isCloseTo(Math.sqrt(5 / 3.0), within(1e-15));
  }
}
