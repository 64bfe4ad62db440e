package fr.pretadepenser.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.events.Counterfactual;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelMetadata;
import fr.pretadepenser.scoring.schemas.FloatArrayList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The search for a path to approval, on a real applicant of the sample and the real feature
 * definition, with stand-in models whose answer is known: which change it finds, that it is the
 * smallest on its grid, that it stays within the limits, that it reports none when none exists, and
 * that nothing but the loan changes in the vector scored.
 */
class PathToApprovalTest {

  static {
    // Decision's record-typed default (history_presence) is instantiated by class name, which
    // Avro refuses for untrusted classes; run alone, no serde has installed the trust yet.
    fr.pretadepenser.scoring.schemas.TrustedEventClasses.install();
  }

  /** The vector features the loan's three fields reach, through the feature definition. */
  static final Set<String> LOAN_FEATURES =
      Set.of(
          "AMT_CREDIT",
          "AMT_ANNUITY",
          "AMT_GOODS_PRICE",
          "INCOME_CREDIT_PERC",
          "ANNUITY_INCOME_PERC",
          "PAYMENT_RATE");

  static FeatureDefinition definition;
  static LoanApplication application;
  static float[] decided;

  @BeforeAll
  static void load() {
    HomeCreditData data =
        HomeCreditData.load(SampleBundle.SAMPLE, Instant.parse("2026-01-15T09:30:00Z"));
    definition = new FeatureDefinition(data.vocabulary());
    // An applicant with an annuity and a goods price, on a term short enough to be doubled.
    for (int i = 0; i < data.size(); i++) {
      Applicant a = data.applicant(i);
      LoanApplication app = a.application();
      if (app.getAMTANNUITY() != null
          && app.getAMTGOODSPRICE() != null
          && app.getAMTCREDIT() / app.getAMTANNUITY() < 25
          && app.getAMTCREDIT() > 200_000) {
        application = app;
        decided = definition.compute(app, a.history());
        return;
      }
    }
    throw new AssertionError("no applicant fits");
  }

  static int at(String name) {
    return definition.names().indexOf(name);
  }

  static ApplicationScorer scorer(double threshold, ToDoubleFunction<float[]> model) {
    return new ApplicationScorer(
        definition, new ModelMetadata("test", threshold, definition.names(), Map.of()), model);
  }

  static double credit() {
    return application.getAMTCREDIT();
  }

  static double annuity() {
    return application.getAMTANNUITY();
  }

  @Test
  void aLongerTermAtTheSameAmountWhenTheRiskIsThePayment() {
    // Risk = annuity / income: a longer term at the same amount lowers it, and keeps the amount.
    double asked = decided[at("ANNUITY_INCOME_PERC")];
    double target = asked * 0.7; // the payment must fall by 1/0.7 = 1.43 times
    ApplicationScorer scorer = scorer(target, v -> Math.min(1, v[at("ANNUITY_INCOME_PERC")]));
    PathToApproval.Result r = new PathToApproval(scorer).search(decided, application, target);

    assertThat(r.found()).isTrue();
    assertThat(r.changes()).containsOnlyKeys(PathToApproval.ANNUITY);
    double needed = 1 / 0.7;
    assertThat(r.paymentFactor()).isGreaterThanOrEqualTo(needed * 0.999).isLessThan(needed * 1.01);
    assertThat(r.probability()).isLessThan(target);
    assertThat(r.evaluations()).isLessThanOrEqualTo(PathToApproval.MAX_EVALUATIONS);
    assertThat(rescored(scorer, r.changes())).isEqualTo(r.probability());
  }

  @Test
  void aLowerAmountAtTheSameTermWhenTheRiskIsTheAmount() {
    // Risk grows with the amount alone: only a lower amount helps, and the term is kept.
    double target = 0.5;
    double limit = credit() * 0.6; // approved under 60% of the asked amount
    ApplicationScorer scorer = scorer(target, v -> v[at("AMT_CREDIT")] < limit ? 0.2 : 0.8);
    PathToApproval.Result r = new PathToApproval(scorer).search(decided, application, target);

    assertThat(r.found()).isTrue();
    assertThat(r.changes())
        .containsOnlyKeys(
            PathToApproval.CREDIT, PathToApproval.ANNUITY, PathToApproval.GOODS_PRICE);
    double newCredit = r.changes().get(PathToApproval.CREDIT);
    assertThat(newCredit).isLessThan(limit).isGreaterThan(limit * 0.97);
    assertThat(newCredit % PathToApproval.CREDIT_STEP).isZero();
    // Same term (to the rounding of the annuity), same share of the goods price.
    assertThat(newCredit / r.changes().get(PathToApproval.ANNUITY))
        .isCloseTo(credit() / annuity(), org.assertj.core.data.Percentage.withPercentage(0.5));
    assertThat(r.changes().get(PathToApproval.GOODS_PRICE) / newCredit)
        .isCloseTo(
            application.getAMTGOODSPRICE() / credit(),
            org.assertj.core.data.Percentage.withPercentage(0.1));
    assertThat(rescored(scorer, r.changes())).isEqualTo(0.2);
  }

  @Test
  void noPathWhenNoChangeOfTheLoanIsEnoughAndTheWorkIsBounded() {
    List<float[]> scored = new ArrayList<>();
    ApplicationScorer scorer =
        scorer(
            0.5,
            v -> {
              scored.add(v.clone());
              return 0.9 - 0.1 * (1 - v[at("AMT_CREDIT")] / credit()); // 0.825 at a quarter
            });
    PathToApproval.Result r = new PathToApproval(scorer).search(decided, application, 0.5);

    assertThat(r.found()).isFalse();
    assertThat(r.changes()).isEmpty();
    assertThat(r.evaluations())
        .isEqualTo(scored.size())
        .isBetween(1, PathToApproval.MAX_EVALUATIONS);
    assertThat(r.probability()).isBetween(0.82, 0.83); // the lowest reached
  }

  @Test
  void everyCandidateIsAPlausibleLoanAndOnlyTheLoanChanges() {
    List<float[]> scored = new ArrayList<>();
    ApplicationScorer scorer =
        scorer(
            0.5,
            v -> {
              scored.add(v.clone());
              return 0.9;
            });
    new PathToApproval(scorer).search(decided, application, 0.5);

    double askedTerm = credit() / annuity();
    PathToApproval.Limits limits = PathToApproval.Limits.DEFAULT;
    assertThat(scored).hasSizeGreaterThan(PathToApproval.LEVELS);
    for (float[] v : scored) {
      double c = v[at("AMT_CREDIT")];
      double a = v[at("AMT_ANNUITY")];
      assertThat(c).isLessThanOrEqualTo((float) credit());
      assertThat(c).isGreaterThanOrEqualTo(credit() * limits.minAmountShare() * 0.999);
      assertThat(a).isLessThanOrEqualTo(c);
      double term = c / a;
      assertThat(term)
          .isLessThanOrEqualTo(
              Math.min(askedTerm * limits.maxTermFactor(), limits.maxPayments()) * 1.01);
      assertThat(term).isGreaterThanOrEqualTo(askedTerm * 0.99); // never a shorter term
      for (int i = 0; i < v.length; i++) {
        if (!LOAN_FEATURES.contains(definition.names().get(i))) {
          assertThat(Float.floatToIntBits(v[i]))
              .as(definition.names().get(i))
              .isEqualTo(Float.floatToIntBits(decided[i]));
        }
      }
    }
  }

  @Test
  void aTermAlreadyAtItsLongestIsNotLengthened() {
    List<float[]> scored = new ArrayList<>();
    ApplicationScorer scorer =
        scorer(
            0.5,
            v -> {
              scored.add(v.clone());
              return 0.9;
            });
    // Five years of payments asked: only the amount may change, at the same term.
    LoanApplication longest = LoanApplication.newBuilder(application).build();
    longest.setAMTANNUITY(Math.ceil(credit() / 60));
    float[] vector = scorer.withApplication(decided, longest);
    new PathToApproval(scorer).search(vector, longest, 0.5);
    for (float[] v : scored) {
      assertThat(v[at("AMT_CREDIT")] / v[at("AMT_ANNUITY")]).isLessThanOrEqualTo(60.5f);
    }
  }

  @Test
  void aDecisionGetsACounterfactualOnlyWhenRefusedWithItsApplication() {
    double target = 0.5;
    double limit = credit() * 0.8;
    ApplicationScorer scorer = scorer(target, v -> v[at("AMT_CREDIT")] < limit ? 0.3 : 0.7);
    PathToApproval path = new PathToApproval(scorer);

    Counterfactual c = path.of(decision(DecisionOutcome.REFUSED, application, "test"));
    assertThat(c.getFound()).isTrue();
    assertThat(c.getTarget()).isEqualTo(target);
    assertThat(c.getProbability()).isEqualTo(0.3);
    assertThat(c.getModelVersion()).isEqualTo("test");
    assertThat(c.getChanges()).containsKey(PathToApproval.CREDIT);

    assertThat(path.of(decision(DecisionOutcome.GRANTED, application, "test"))).isNull();
    assertThat(path.of(decision(DecisionOutcome.REFUSED, null, "test"))).isNull();
    assertThatThrownBy(() -> path.of(decision(DecisionOutcome.REFUSED, application, "other")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("other");

    // A lower target (a review band's edge) asks for a larger change.
    Counterfactual none = path.of(decision(DecisionOutcome.REFUSED, application, "test"), 0.2);
    assertThat(none.getFound()).isFalse();
    assertThat(none.getChanges()).isEmpty();
    assertThat(none.getProbability()).isEqualTo(0.3);
  }

  /**
   * A REVIEW decision (inside a review band) gets a path too, aimed below the band's lower edge:
   * the changed loan must be granted automatically, not land in review again. Here the model
   * answers 0.45 (in the band [0.4, 0.6)) for a credit cut by a fifth and 0.3 for one cut by half;
   * the threshold alone would take the first, the band needs the second.
   */
  @Test
  void aReviewsPathAimsBelowTheBandsLowerEdge() {
    double fifth = credit() * 0.8;
    double half = credit() * 0.5;
    ApplicationScorer scorer =
        scorer(
            0.5,
            v -> v[at("AMT_CREDIT")] <= half ? 0.3 : v[at("AMT_CREDIT")] <= fifth ? 0.45 : 0.55);
    PathToApproval path = new PathToApproval(scorer);
    Decision review =
        Decision.newBuilder(decision(DecisionOutcome.REVIEW, application, "test"))
            .setProbability(0.55)
            .setReviewLow(0.4)
            .setReviewHigh(0.6)
            .build();

    Counterfactual c = path.of(review);
    assertThat(c).isNotNull();
    assertThat(path.target(review)).isEqualTo(0.4);
    assertThat(c.getTarget()).isEqualTo(0.4);
    assertThat(c.getFound()).isTrue();
    assertThat(c.getProbability()).isEqualTo(0.3).isLessThan(review.getReviewLow());
    assertThat(rescored(scorer, c.getChanges())).isEqualTo(0.3);
    assertThat(c.getChanges().get(PathToApproval.CREDIT)).isLessThanOrEqualTo(half);

    // The same decision without a band aims under the threshold: the smaller change is enough.
    Decision refusedWithoutBand = decision(DecisionOutcome.REFUSED, application, "test");
    Counterfactual underThreshold = path.of(refusedWithoutBand);
    assertThat(underThreshold.getTarget()).isEqualTo(0.5);
    assertThat(underThreshold.getProbability()).isEqualTo(0.45);
  }

  @Test
  void limitsAreChecked() {
    assertThatThrownBy(() -> new PathToApproval.Limits(0, 2, 60))
        .hasMessageContaining("minAmountShare");
    assertThatThrownBy(() -> new PathToApproval.Limits(0.5, 0.9, 60))
        .hasMessageContaining("maxTermFactor");
    assertThatThrownBy(() -> new PathToApproval.Limits(0.5, 2, 0))
        .hasMessageContaining("maxPayments");
  }

  static Decision decision(DecisionOutcome outcome, LoanApplication app, String version) {
    return Decision.newBuilder()
        .setApplicationId(application.getApplicationId())
        .setSKIDCURR(application.getSKIDCURR())
        .setProbability(0.7)
        .setDecision(outcome)
        .setThreshold(0.5)
        .setModelVersion(version)
        .setFeatures(new FloatArrayList(decided))
        .setReceivedAt(Instant.EPOCH)
        .setDecidedAt(Instant.EPOCH)
        .setApplication(app)
        .build();
  }

  /** The probability of the changes through the one scoring path, as what-if computes it. */
  static double rescored(ApplicationScorer scorer, Map<String, Double> changes) {
    LoanApplication changed = LoanApplication.newBuilder(application).build();
    changes.forEach((field, value) -> changed.put(field, value));
    return scorer.probability(scorer.withApplication(decided, changed));
  }
}
