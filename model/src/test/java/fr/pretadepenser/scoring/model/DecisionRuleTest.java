package fr.pretadepenser.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.events.DecisionOutcome;
import org.junit.jupiter.api.Test;

/**
 * The one grant/review/refuse rule at its edges: the lower edge reviews, the upper edge refuses, no
 * band is the threshold alone, and a band that does not contain the threshold is refused.
 */
class DecisionRuleTest {

  @Test
  void withoutABandTheThresholdAloneDecides() {
    assertThat(DecisionRule.outcome(0.0999, 0.1, null, null)).isEqualTo(DecisionOutcome.GRANTED);
    assertThat(DecisionRule.outcome(0.1, 0.1, null, null)).isEqualTo(DecisionOutcome.REFUSED);
    assertThat(DecisionRule.outcome(0.7, 0.1, (ReviewBand) null))
        .isEqualTo(DecisionOutcome.REFUSED);
  }

  @Test
  void insideTheBandIsReviewAndItsUpperEdgeRefuses() {
    assertThat(DecisionRule.outcome(0.0799, 0.1, 0.08, 0.14)).isEqualTo(DecisionOutcome.GRANTED);
    assertThat(DecisionRule.outcome(0.08, 0.1, 0.08, 0.14)).isEqualTo(DecisionOutcome.REVIEW);
    assertThat(DecisionRule.outcome(0.1, 0.1, 0.08, 0.14)).isEqualTo(DecisionOutcome.REVIEW);
    assertThat(DecisionRule.outcome(0.1399, 0.1, 0.08, 0.14)).isEqualTo(DecisionOutcome.REVIEW);
    assertThat(DecisionRule.outcome(0.14, 0.1, 0.08, 0.14)).isEqualTo(DecisionOutcome.REFUSED);
    assertThat(DecisionRule.outcome(1.0, 0.1, new ReviewBand(0.08, 0.14)))
        .isEqualTo(DecisionOutcome.REFUSED);
  }

  @Test
  void aBandNeverFlipsAnAutomaticDecision() {
    ReviewBand band = new ReviewBand(0.05, 0.2);
    for (int i = 0; i <= 1000; i++) {
      double p = i / 1000.0;
      DecisionOutcome withBand = DecisionRule.outcome(p, 0.1, band);
      if (withBand != DecisionOutcome.REVIEW) {
        assertThat(withBand).isEqualTo(DecisionRule.outcome(p, 0.1, null));
      }
    }
  }

  @Test
  void refusesHalfABandOrOneBesideTheThreshold() {
    assertThatThrownBy(() -> DecisionRule.outcome(0.1, 0.1, 0.08, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("both edges");
    assertThatThrownBy(() -> DecisionRule.outcome(0.1, 0.1, 0.2, 0.3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("around the threshold 0.1");
    assertThatThrownBy(() -> new ReviewBand(0.3, 0.2)).hasMessageContaining("LOW < HIGH");
    assertThatThrownBy(() -> new ReviewBand(Double.NaN, 0.2)).hasMessageContaining("LOW < HIGH");
    assertThatThrownBy(() -> new ReviewBand(0.2, 0.3).requireContains(0.1))
        .hasMessageContaining("does not contain the model's threshold 0.1");
  }

  @Test
  void parsesACommandLineBand() {
    assertThat(ReviewBand.parse("0.08, 0.14")).isEqualTo(new ReviewBand(0.08, 0.14));
    assertThatThrownBy(() -> ReviewBand.parse("0.08")).hasMessageContaining("LOW,HIGH");
    assertThatThrownBy(() -> ReviewBand.parse("a,b")).hasMessageContaining("LOW,HIGH");
    assertThatThrownBy(() -> ReviewBand.parse("0.2,1.5")).hasMessageContaining("[0, 1]");
  }
}
