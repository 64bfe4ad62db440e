package fr.pretadepenser.scoring.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.model.DecisionRule;
import fr.pretadepenser.scoring.model.ReviewBand;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scorer with a review band (TopologyTestDriver, real sample applicants): a probability inside
 * the band is a REVIEW decision carrying the band and its application (for the explainer's path to
 * approval); outside it, the threshold's GRANTED or REFUSED, still stamped with the band applied.
 */
class ScorerReviewBandTest {

  static final double THRESHOLD = 0.75;

  @TempDir(factory = ShmTempDirs.class)
  Path stateDir;

  @Test
  void aProbabilityInsideTheBandIsReviewWithTheBandAndTheApplication() {
    FeatureDefinition definition = SampleData.definition();
    Applicant inside = SampleData.withFullHistory();
    double p =
        ShareOfKnownFeatures.share(definition.compute(inside.application(), inside.history()));
    // A band around the threshold that holds this applicant's probability.
    ReviewBand band =
        new ReviewBand(Math.min(p, THRESHOLD) - 0.01, Math.min(1.0, Math.max(p, THRESHOLD) + 0.01));
    List<Applicant> others = SampleData.applicants(40, a -> a.clientId() != inside.clientId());
    try (ScorerHarness scorer =
        new ScorerHarness(
            stateDir, ShareOfKnownFeatures.scorer(definition, THRESHOLD).withReviewBand(band))) {
      scorer.publishHistory(inside.history());
      scorer.apply(inside.application());
      others.forEach(a -> scorer.apply(a.application()));

      List<Decision> decisions = scorer.readDecisions();
      assertThat(decisions).hasSize(1 + others.size());
      Decision review = decisions.get(0);
      assertThat(review.getProbability()).isEqualTo(p);
      assertThat(review.getDecision()).isEqualTo(DecisionOutcome.REVIEW);
      assertThat(review.getReviewLow()).isEqualTo(band.low());
      assertThat(review.getReviewHigh()).isEqualTo(band.high());
      assertThat(review.getThreshold()).isEqualTo(THRESHOLD);
      assertThat(review.getApplication()).isEqualTo(inside.application());

      int granted = 0;
      for (Decision d : decisions) {
        assertThat(d.getDecision())
            .isEqualTo(DecisionRule.outcome(d.getProbability(), THRESHOLD, band));
        assertThat(d.getReviewLow()).isEqualTo(band.low());
        assertThat(d.getReviewHigh()).isEqualTo(band.high());
        // Carried on refusals and reviews, never on grants.
        assertThat(d.getApplication() != null)
            .isEqualTo(d.getDecision() != DecisionOutcome.GRANTED);
        granted += d.getDecision() == DecisionOutcome.GRANTED ? 1 : 0;
      }
      // Without history the share of known features is low: those are granted automatically.
      assertThat(granted).isPositive();
      assertThat(scorer.readDeadLetters()).isEmpty();
    }
  }

  @Test
  void withoutABandTheDecisionSaysSo() {
    FeatureDefinition definition = SampleData.definition();
    Applicant applicant = SampleData.withFullHistory();
    try (ScorerHarness scorer =
        new ScorerHarness(stateDir, ShareOfKnownFeatures.scorer(definition, THRESHOLD))) {
      scorer.apply(applicant.application());
      Decision d = scorer.readDecisions().get(0);
      assertThat(d.getDecision()).isNotEqualTo(DecisionOutcome.REVIEW);
      assertThat(d.getReviewLow()).isNull();
      assertThat(d.getReviewHigh()).isNull();
    }
  }
}
