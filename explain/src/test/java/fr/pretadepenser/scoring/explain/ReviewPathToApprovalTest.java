package fr.pretadepenser.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.Counterfactual;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.DecisionRule;
import fr.pretadepenser.scoring.model.ModelBundle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * REVIEW decisions of a real sample-trained bundle with its own review band: explained like
 * refusals (reasons that raise the risk), and their path to approval aims below the band's lower
 * edge, so that the changed loan, scored again through the one scoring path, is granted
 * automatically, not sent to review again.
 */
class ReviewPathToApprovalTest {

  @Test
  void theBundleHasABandAndTheSampleHasReviews() {
    List<Decision> reviews = reviews();
    System.out.printf(
        "sample decisions with the bundle's band: %d REVIEW of %d%n",
        reviews.size(), SampleBundle.decisionsWithTheBundlesBand().size());
    assertThat(reviews).isNotEmpty();
    for (Decision d : reviews) {
      assertThat(d.getReviewLow()).isLessThanOrEqualTo(d.getThreshold());
      assertThat(d.getProbability()).isGreaterThanOrEqualTo(d.getReviewLow());
      assertThat(d.getProbability()).isLessThan(d.getReviewHigh());
      assertThat(d.getApplication()).isNotNull();
    }
  }

  @Test
  void thePathToApprovalOfAReviewEndsBelowTheBandsLowerEdge() throws Exception {
    List<Decision> reviews = reviews();
    try (ModelBundle bundle = ModelBundle.load(SampleBundle.directory())) {
      ApplicationScorer scorer = ApplicationScorer.of(bundle);
      ApplicationScorer banded = scorer.withReviewBand(bundle.card().band());
      PathToApproval path = new PathToApproval(scorer);
      int found = 0;
      for (Decision d : reviews) {
        Counterfactual c = path.of(d);
        assertThat(c).as("a review gets a path to approval").isNotNull();
        assertThat(c.getTarget()).isEqualTo(d.getReviewLow()).isLessThan(d.getThreshold());
        if (!c.getFound()) {
          assertThat(c.getProbability()).isGreaterThanOrEqualTo(d.getReviewLow());
          continue;
        }
        found++;
        LoanApplication changed = LoanApplication.newBuilder(d.getApplication()).build();
        for (Map.Entry<String, Double> e : c.getChanges().entrySet()) {
          changed.put(e.getKey(), e.getValue());
        }
        ApplicationScorer.Scored again =
            banded.score(
                scorer.withApplication(DecisionExplainer.floats(d.getFeatures()), changed));
        assertThat(again.probability()).isEqualTo(c.getProbability()).isLessThan(d.getReviewLow());
        assertThat(again.outcome()).isEqualTo(DecisionOutcome.GRANTED);
      }
      System.out.printf("paths to approval found for %d of %d reviews%n", found, reviews.size());
      assertThat(found).isPositive();
    }
  }

  @Test
  void aRefusalWithABandAlsoAimsBelowTheBand() throws Exception {
    Decision refused =
        SampleBundle.decisionsWithTheBundlesBand().stream()
            .filter(d -> d.getDecision() == DecisionOutcome.REFUSED)
            .findFirst()
            .orElseThrow();
    try (ModelBundle bundle = ModelBundle.load(SampleBundle.directory())) {
      Counterfactual c = new PathToApproval(ApplicationScorer.of(bundle)).of(refused);
      assertThat(c.getTarget()).isEqualTo(refused.getReviewLow());
    }
  }

  @Test
  void aReviewIsExplainedLikeARefusal() throws Exception {
    Decision review = reviews().get(0);
    try (ModelBundle bundle = ModelBundle.load(SampleBundle.directory());
        DecisionExplainer explainer = DecisionExplainer.of(bundle)) {
      ExplainedDecision e = explainer.explain(review);
      Explanation asRefusal =
          explainer.explain(DecisionExplainer.floats(review.getFeatures()), true);
      assertThat(e.getReasons()).isNotEmpty();
      assertThat(e.getReasons()).hasSameSizeAs(asRefusal.reasons());
      for (int i = 0; i < e.getReasons().size(); i++) {
        assertThat(e.getReasons().get(i).getText()).isEqualTo(asRefusal.reasons().get(i).text());
      }
      // Reasons of a refusal raise the risk.
      assertThat(e.getReasons().get(0).getContribution()).isPositive();
      assertThat(
              DecisionRule.outcome(
                  review.getProbability(),
                  review.getThreshold(),
                  review.getReviewLow(),
                  review.getReviewHigh()))
          .isEqualTo(DecisionOutcome.REVIEW);
    }
  }

  private static List<Decision> reviews() {
    return SampleBundle.decisionsWithTheBundlesBand().stream()
        .filter(d -> d.getDecision() == DecisionOutcome.REVIEW)
        .toList();
  }
}
