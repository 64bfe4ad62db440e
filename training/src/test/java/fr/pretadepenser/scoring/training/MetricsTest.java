package fr.pretadepenser.scoring.training;

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
