package fr.pretadepenser.scoring.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.model.ModelCard;
import org.junit.jupiter.api.Test;

class BusinessCostTest {

  private final BusinessCost cost = new BusinessCost(10, 1);

  @Test
  void choosesTheCheapestCutAndPutsTheThresholdBetweenScores() {
    // Sorted: 0.05(0) 0.10(0) 0.20(1) 0.30(0) 0.50(1) 0.90(0).
    // Refuse from 0.20 up: FN 0, FP 2 → cost 2; any higher cut misses a defaulter (≥ 10).
    double[] p = {0.30, 0.05, 0.90, 0.20, 0.10, 0.50};
    int[] y = {0, 0, 0, 1, 0, 1};
    BusinessCost.Choice c = cost.choose(p, y);
    assertThat(c.cost()).isEqualTo(2.0);
    assertThat(c.threshold()).isCloseTo(0.15, org.assertj.core.api.Assertions.within(1e-15));
    ModelCard.Confusion m = BusinessCost.confusion(p, y, c.threshold());
    assertThat(m).isEqualTo(new ModelCard.Confusion(2, 2, 2, 0));
    assertThat(cost.of(m)).isEqualTo(c.cost());
  }

  @Test
  void theChosenCostIsNeverAboveGrantingOrRefusingEveryone() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    double[] p = new double[500];
    int[] y = new int[500];
    for (int i = 0; i < p.length; i++) {
      y[i] = r.nextDouble() < 0.1 ? 1 : 0;
      p[i] = Math.min(1, Math.max(0, 0.3 * y[i] + 0.7 * r.nextDouble()));
    }
    BusinessCost.Choice c = cost.choose(p, y);
    assertThat(c.cost())
        .isLessThanOrEqualTo(cost.grantAll(y))
        .isLessThanOrEqualTo(cost.refuseAll(y));
    assertThat(cost.of(BusinessCost.confusion(p, y, c.threshold()))).isEqualTo(c.cost());
    assertThat(c.curve()).isNotEmpty();
  }

  @Test
  void grantingEveryoneCostsEachDefaulter() {
    int[] y = {1, 0, 0, 1};
    assertThat(cost.grantAll(y)).isEqualTo(20.0);
    assertThat(cost.refuseAll(y)).isEqualTo(2.0);
  }

  @Test
  void costsMustBePositive() {
    assertThatThrownBy(() -> new BusinessCost(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
