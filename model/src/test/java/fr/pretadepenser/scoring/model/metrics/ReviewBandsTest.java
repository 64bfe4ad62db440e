package fr.pretadepenser.scoring.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.pretadepenser.scoring.model.ModelCard;
import fr.pretadepenser.scoring.model.ReviewBand;
import org.junit.jupiter.api.Test;

/**
 * The review band rule on figures checked by hand: it grows from the threshold towards the cheaper
 * side while the moved threshold costs within the margin, stops at the cap on applicants, and
 * always contains the threshold.
 */
class ReviewBandsTest {

  static final BusinessCost COST = new BusinessCost(10, 1);

  /**
   * Ten applicants, scores 0.05 to 0.95; defaulters at 0.45, 0.75 and 0.95. With FN 10 and FP 1 the
   * cheapest cut refuses from 0.45 up: cost 3 (the good clients 0.55, 0.65 and 0.85 refused).
   */
  static final double[] P = {0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95};

  static final int[] Y = {0, 0, 0, 0, 1, 0, 0, 1, 0, 1};

  @Test
  void growsWhileTheMovedThresholdCostsWithinTheMargin() {
    BusinessCost.Choice best = COST.choose(P, Y);
    // Cut before 0.45: granted 0.05..0.35 (no defaulter), refused 0.55, 0.65, 0.85 good = 3.
    assertThat(best.cost()).isEqualTo(3.0);
    assertThat(best.threshold()).isCloseTo(0.40, within(1e-12));
    // Costs of the neighbouring cuts: before 0.35 → 4 (+33%), before 0.25 → 5, after 0.45 → 13.
    ModelCard.ReviewBandChoice band = ReviewBands.choose(P, Y, COST, best.threshold(), 0.34, 1);
    assertThat(band.low()).isCloseTo(0.30, within(1e-12));
    assertThat(band.high()).isCloseTo(0.40, within(1e-12));
    assertThat(band.applicants()).isEqualTo(1);
    assertThat(band.share()).isCloseTo(0.1, within(1e-12));
    assertThat(band.costAtLow()).isEqualTo(4.0);
    assertThat(band.costAtHigh()).isEqualTo(3.0);
    assertThat(band.minCost()).isEqualTo(3.0);
    // 0.05, 0.15 and 0.25 are granted automatically.
    assertThat(band.grantedShare()).isCloseTo(0.3, within(1e-12));
    assertThat(band.why()).contains("0.3000").contains("0.4000").contains("34%");

    // A 70% margin allows cost 5.1: one more score down (cost 5), never up (13).
    ModelCard.ReviewBandChoice wider = ReviewBands.choose(P, Y, COST, best.threshold(), 0.7, 1);
    assertThat(wider.low()).isCloseTo(0.20, within(1e-12));
    assertThat(wider.high()).isCloseTo(0.40, within(1e-12));
    assertThat(wider.applicants()).isEqualTo(2);
    assertThat(wider.defaulters()).isZero();
  }

  @Test
  void stopsAtTheCapOnApplicants() {
    BusinessCost.Choice best = COST.choose(P, Y);
    ModelCard.ReviewBandChoice capped = ReviewBands.choose(P, Y, COST, best.threshold(), 0.7, 0.1);
    assertThat(capped.applicants()).isEqualTo(1);
    assertThat(capped.low()).isCloseTo(0.30, within(1e-12));
  }

  @Test
  void aCurveTooSteepGivesNoBandAndSaysWhy() {
    BusinessCost.Choice best = COST.choose(P, Y);
    ModelCard.ReviewBandChoice none = ReviewBands.choose(P, Y, COST, best.threshold(), 0.1, 1);
    assertThat(none.low()).isNull();
    assertThat(none.band()).isNull();
    assertThat(none.why()).startsWith("No review band");
  }

  @Test
  void theBandAlwaysContainsTheThreshold() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    for (int run = 0; run < 200; run++) {
      int n = 1 + r.nextInt(300);
      double[] p = new double[n];
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        p[i] = Math.round(r.nextDouble() * 50) / 50.0; // ties on purpose
        y[i] = r.nextDouble() < p[i] ? 1 : 0;
      }
      BusinessCost.Choice best = COST.choose(p, y);
      ModelCard.ReviewBandChoice c = ReviewBands.choose(p, y, COST, best.threshold());
      if (c.band() != null) {
        assertThat(c.band().contains(best.threshold())).isTrue();
        assertThat(c.share()).isLessThanOrEqualTo(ReviewBands.DEFAULT_MAX_SHARE);
        long inside = java.util.Arrays.stream(p).filter(x -> x >= c.low() && x < c.high()).count();
        assertThat(inside).isEqualTo(c.applicants().longValue());
        assertThat(c.costAtLow()).isLessThanOrEqualTo(c.minCost() * 1.05 + 1e-9);
        assertThat(c.costAtHigh()).isLessThanOrEqualTo(c.minCost() * 1.05 + 1e-9);
      }
    }
  }

  @Test
  void aBandSetByHandGetsItsOutOfFoldFigures() {
    ModelCard.ReviewBandChoice c = ReviewBands.given(P, Y, COST, 0.40, new ReviewBand(0.30, 0.50));
    assertThat(c.source()).isEqualTo(ModelCard.ReviewBandChoice.OPTION);
    assertThat(c.applicants()).isEqualTo(2);
    assertThat(c.defaulters()).isEqualTo(1);
    assertThat(ReviewBands.off().band()).isNull();
  }
}
