package fr.pretadepenser.scoring.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Metrics#aucWithError} gives exactly what {@code auc} and {@code aucStandardError} do. */
class AucWithErrorTest {

  @Test
  void isBothMetricsAtOnceWithTies() {
    Random random = new Random(3);
    for (int n : new int[] {4, 10, 57, 300}) {
      double[] p = new double[n];
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        p[i] = Math.round(random.nextDouble() * 20) / 20.0; // many ties
        y[i] = random.nextDouble() < 0.3 ? 1 : 0;
      }
      y[0] = 1;
      y[1] = 0;
      y[2] = 1;
      y[3] = 0;
      Metrics.Auc both = Metrics.aucWithError(p, y);
      assertThat(both.value()).isEqualTo(Metrics.auc(p, y));
      assertThat(both.standardError()).isEqualTo(Metrics.aucStandardError(p, y));
      assertThat(both.standardError()).isPositive();
    }
  }

  @Test
  void nanAsTheTwoMetrics() {
    // One positive: an AUC, no standard error.
    Metrics.Auc one = Metrics.aucWithError(new double[] {0.9, 0.1, 0.2}, new int[] {1, 0, 0});
    assertThat(one.value()).isEqualTo(1.0);
    assertThat(one.standardError()).isNaN();
    // No positive: neither.
    Metrics.Auc none = Metrics.aucWithError(new double[] {0.9, 0.1}, new int[] {0, 0});
    assertThat(none.value()).isNaN();
    assertThat(none.standardError()).isNaN();
  }

  @Test
  void rejectsScoresAndLabelsOfDifferentLengths() {
    assertThatThrownBy(() -> Metrics.aucWithError(new double[] {0.1, 0.2}, new int[] {0}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
