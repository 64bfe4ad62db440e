package fr.pretadepenser.scoring.dashboard.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.dashboard.decisions.DecisionFilter.RiskBand;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.schemas.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Live list's filter (decision, risk band, human review) and its paging over the view. */
class DecisionFilterTest {

  static Decision decision(long client, String app, DecisionOutcome outcome, double p, long at) {
    return Decision.newBuilder()
        .setApplicationId(app)
        .setSKIDCURR(client)
        .setProbability(p)
        .setDecision(outcome)
        .setThreshold(0.1)
        .setModelVersion("v")
        .setFeatures(List.of(1f))
        .setReceivedAt(Instant.EPOCH)
        .setDecidedAt(Instant.EPOCH.plusSeconds(at))
        .build();
  }

  static DecisionFilter parse(String decision, String band, String review) {
    List<Violation> errors = new ArrayList<>();
    DecisionFilter f = DecisionFilter.parse(decision, band, review, errors);
    assertThat(errors).isEmpty();
    return f;
  }

  @Test
  void riskBandsAreHalvesAndDoublesOfTheThreshold() {
    assertThat(RiskBand.of(0.049, 0.1)).isEqualTo(RiskBand.LOW);
    assertThat(RiskBand.of(0.05, 0.1)).isEqualTo(RiskBand.MODERATE);
    assertThat(RiskBand.of(0.0999, 0.1)).isEqualTo(RiskBand.MODERATE);
    assertThat(RiskBand.of(0.1, 0.1)).isEqualTo(RiskBand.HIGH);
    assertThat(RiskBand.of(0.1999, 0.1)).isEqualTo(RiskBand.HIGH);
    assertThat(RiskBand.of(0.2, 0.1)).isEqualTo(RiskBand.VERY_HIGH);
    assertThat(RiskBand.of(1.0, 0.1)).isEqualTo(RiskBand.VERY_HIGH);
  }

  @Test
  void parsesListsInAnyCaseAndNamesTheBadParameter() {
    DecisionFilter f = parse("granted, Review", "low,VERY_HIGH", "pending");
    assertThat(f.decisions()).containsExactlyInAnyOrder("GRANTED", "REVIEW");
    assertThat(f.bands()).containsExactlyInAnyOrder(RiskBand.LOW, RiskBand.VERY_HIGH);
    assertThat(f.reviews()).containsExactly(DecisionFilter.Review.PENDING);
    assertThat(parse(null, "", " ").all()).isTrue();

    List<Violation> errors = new ArrayList<>();
    DecisionFilter.parse("GRANTED,MAYBE", "medium", "x".repeat(100), errors);
    assertThat(errors).extracting(Violation::field).containsExactly("decision", "band", "review");
    assertThat(errors.get(0).message())
        .isEqualTo("must be one or more of granted, refused, review, separated by commas");
    errors.clear();
    DecisionFilter.parse(",", null, null, errors);
    assertThat(errors).extracting(Violation::field).containsExactly("decision");
  }

  @Test
  void filtersByDecisionBandAndHumanReview() {
    HumanDecisions human = Set.of("decided")::contains;
    DecisionFilter review = parse("REVIEW", null, null);
    assertThat(review.test("a", "REVIEW", 0.11, 0.1, human)).isTrue();
    assertThat(review.test("a", "REFUSED", 0.11, 0.1, human)).isFalse();
    DecisionFilter high = parse(null, "high,very_high", null);
    assertThat(high.test("a", "GRANTED", 0.09, 0.1, human)).isFalse();
    assertThat(high.test("a", "REFUSED", 0.3, 0.1, human)).isTrue();
    DecisionFilter pending = parse(null, null, "pending");
    assertThat(pending.test("a", "REVIEW", 0.1, 0.1, human)).isTrue();
    // A person decided it: no longer waiting.
    assertThat(pending.test("decided", "REVIEW", 0.1, 0.1, human)).isFalse();
    assertThat(pending.test("a", "GRANTED", 0.01, 0.1, human)).isFalse();
    DecisionFilter byHand = parse(null, null, "human");
    assertThat(byHand.test("decided", "GRANTED", 0.01, 0.1, human)).isTrue();
    assertThat(byHand.test("a", "GRANTED", 0.01, 0.1, human)).isFalse();
    DecisionFilter automatic = parse(null, null, "automatic");
    assertThat(automatic.test("a", "REFUSED", 0.5, 0.1, human)).isTrue();
    assertThat(automatic.test("a", "REVIEW", 0.1, 0.1, human)).isFalse();
    assertThat(automatic.test("decided", "REFUSED", 0.5, 0.1, human)).isFalse();
    // Without an oversight trail nothing is a person's decision.
    assertThat(byHand.test("decided", "GRANTED", 0.01, 0.1, HumanDecisions.NONE)).isFalse();
  }

  @Test
  void pagesNewestDecidedFirstWithTheCountOfWhatPasses() {
    DashboardView view =
        new DashboardView(100, 100, (kind, d) -> {}, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    // 30 decisions, read out of decision-time order; every third one a REVIEW.
    for (int i = 0; i < 30; i++) {
      int at = (i * 7) % 30;
      DecisionOutcome o =
          at % 3 == 0
              ? DecisionOutcome.REVIEW
              : at % 3 == 1 ? DecisionOutcome.GRANTED : DecisionOutcome.REFUSED;
      view.onDecision(decision(1000 + at, "a" + at, o, at / 100.0, at));
    }
    DecisionFilter reviews = parse("REVIEW", null, null);
    DashboardView.Page first = view.page(r -> reviews.test(r, HumanDecisions.NONE), 0, 4);
    assertThat(first.total()).isEqualTo(10);
    assertThat(first.kept()).isEqualTo(30);
    assertThat(first.items())
        .extracting(DecisionRecord::applicationId)
        .containsExactly("a27", "a24", "a21", "a18");
    DashboardView.Page last = view.page(r -> reviews.test(r, HumanDecisions.NONE), 2, 4);
    assertThat(last.items()).extracting(DecisionRecord::applicationId).containsExactly("a3", "a0");
    assertThat(view.page(r -> true, 8, 4).items()).isEmpty();
    assertThat(view.page(r -> true, 0, 100).items()).hasSize(30);

    // Read again later (as when its explanation arrives): it does not move up the list.
    view.onDecision(decision(1000 + 3, "a3", DecisionOutcome.REVIEW, 0.03, 3));
    assertThat(view.recent(1).get(0).applicationId()).isEqualTo("a3");
    assertThat(view.page(r -> true, 0, 30).items().get(26).applicationId()).isEqualTo("a3");
  }
}
