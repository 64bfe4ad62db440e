package fr.pretadepenser.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one scoring path: it refuses to start with a model that expects other features than it
 * computes, and scores as feature definition, then model, then threshold, on real applicants of the
 * shipped sample. The model is a stand-in here (pure logic); the ONNX model is run against LightGBM
 * in training's parity tests and through this class by the app's end-to-end tests.
 */
class ApplicationScorerTest {

  static HomeCreditData data;
  static FeatureDefinition definition;

  @BeforeAll
  static void load() {
    data =
        HomeCreditData.load(
            Path.of("..", "data", "home-credit-sample"), Instant.parse("2026-01-15T09:30:00Z"));
    definition = new FeatureDefinition(data.vocabulary());
  }

  /** Stand-in model: the share of features that are not missing (more history, fewer NaN). */
  static double shareOfKnown(float[] features) {
    int known = 0;
    for (float f : features) {
      if (!Float.isNaN(f)) {
        known++;
      }
    }
    return (double) known / features.length;
  }

  static ApplicationScorer scorer(
      List<String> names, double threshold, ToDoubleFunction<float[]> model) {
    return new ApplicationScorer(
        definition, new ModelMetadata("test", threshold, names, Map.of()), model);
  }

  static ApplicationScorer scorer(List<String> names, double threshold) {
    return scorer(names, threshold, ApplicationScorerTest::shareOfKnown);
  }

  @Test
  void acceptsAModelOfTheSameFeatures() {
    ApplicationScorer model = scorer(definition.names(), 0.5);
    assertThat(model.metadata().featureNames()).isEqualTo(definition.names());
  }

  @Test
  void refusesAModelMissingAFeatureAndSaysWhich() {
    List<String> names = new ArrayList<>(definition.names());
    names.remove("AMT_CREDIT");
    names.add("SOMETHING_NEW");
    assertThatThrownBy(() -> scorer(names, 0.5))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("feature mismatch")
        .hasMessageContaining("this code's feature definition")
        .hasMessageContaining("SOMETHING_NEW")
        .hasMessageContaining("AMT_CREDIT");
  }

  @Test
  void refusesTheSameFeaturesInAnotherOrder() {
    List<String> names = new ArrayList<>(definition.names());
    names.set(0, definition.names().get(1));
    names.set(1, definition.names().get(0));
    assertThatThrownBy(() -> scorer(names, 0.5))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("another order, first at position 0");
  }

  @Test
  void refusesAThresholdThatIsNotAProbability() {
    assertThatThrownBy(() -> scorer(definition.names(), Double.NaN))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("threshold NaN");
  }

  @Test
  void scoresWithTheDefinitionThenTheModelThenTheThreshold() {
    double threshold = 0.9;
    ApplicationScorer scorer = scorer(definition.names(), threshold);
    List<Applicant> applicants = data.applicants().limit(200).toList();
    int refused = 0;
    for (Applicant a : applicants) {
      long start = System.nanoTime();
      ApplicationScorer.Scored s = scorer.score(a.application(), a.history(), start);
      float[] expected = definition.compute(a.application(), a.history());
      assertThat(s.features()).isEqualTo(expected);
      assertThat(s.probability()).isEqualTo(shareOfKnown(expected));
      assertThat(s.refused()).isEqualTo(DecisionRule.refuses(s.probability(), threshold));
      assertThat(s.threshold()).isEqualTo(threshold);
      assertThat(s.featureNanos()).isBetween(0L, System.nanoTime() - start);
      assertThat(s.inferenceNanos()).isNotNegative();
      refused += s.refused() ? 1 : 0;
      // The vector alone (the what-if) gets the same answer.
      ApplicationScorer.Scored again = scorer.score(expected);
      assertThat(again.probability()).isEqualTo(s.probability());
      assertThat(again.refused()).isEqualTo(s.refused());
    }
    // Both outcomes occur, so the threshold was really applied.
    assertThat(refused).isBetween(1, applicants.size() - 1);
  }

  @Test
  void withAReviewBandTheBandDecidesAndTheDecisionCarriesIt() {
    ApplicationScorer plain = scorer(definition.names(), 0.9);
    // The stand-in's answers on the sample sit between 0.8 and 1: a band around 0.9 catches some.
    ReviewBand band = new ReviewBand(0.88, 0.92);
    ApplicationScorer banded = plain.withReviewBand(band);
    assertThat(plain.reviewBand()).isNull();
    assertThat(banded.reviewBand()).isEqualTo(band);
    java.util.Map<fr.pretadepenser.scoring.events.DecisionOutcome, Integer> seen =
        new java.util.EnumMap<>(fr.pretadepenser.scoring.events.DecisionOutcome.class);
    for (Applicant a : data.applicants().limit(400).toList()) {
      ApplicationScorer.Scored s = banded.score(a.application(), a.history());
      assertThat(s.outcome()).isEqualTo(DecisionRule.outcome(s.probability(), 0.9, 0.88, 0.92));
      assertThat(s.refused()).isEqualTo(DecisionRule.refuses(s.probability(), 0.9));
      assertThat(s.reviewLow()).isEqualTo(0.88);
      assertThat(s.reviewHigh()).isEqualTo(0.92);
      assertThat(banded.score(s.features()).outcome()).isEqualTo(s.outcome());
      ApplicationScorer.Scored without = plain.score(a.application(), a.history());
      assertThat(without.outcome())
          .isEqualTo(
              without.refused()
                  ? fr.pretadepenser.scoring.events.DecisionOutcome.REFUSED
                  : fr.pretadepenser.scoring.events.DecisionOutcome.GRANTED);
      assertThat(without.reviewLow()).isNull();
      seen.merge(s.outcome(), 1, Integer::sum);
    }
    System.out.println("outcomes with the band: " + seen);
    assertThat(seen).containsKey(fr.pretadepenser.scoring.events.DecisionOutcome.REVIEW);
    assertThatThrownBy(() -> plain.withReviewBand(new ReviewBand(0.1, 0.2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not contain the model's threshold 0.9");
  }

  @Test
  void aFailingModelIsAModelStepFailureNotADecision() {
    ApplicationScorer scorer =
        scorer(
            definition.names(),
            0.5,
            f -> {
              throw new IllegalStateException("broken on purpose");
            });
    Applicant a = data.applicants().findFirst().orElseThrow();
    assertThatThrownBy(() -> scorer.score(a.application(), a.history()))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e -> assertThat(e.step()).isEqualTo(ScoringException.Step.MODEL))
        .hasMessageContaining("the model failed")
        .hasMessageContaining("broken on purpose");
  }

  @Test
  void anAnswerThatIsNotAProbabilityIsNeverADecision() {
    Applicant a = data.applicants().findFirst().orElseThrow();
    for (double answer : new double[] {Double.NaN, -0.1, 1.5}) {
      ApplicationScorer scorer = scorer(definition.names(), 0.5, f -> answer);
      assertThatThrownBy(() -> scorer.score(a.application(), a.history()))
          .isInstanceOfSatisfying(
              ScoringException.class,
              e -> assertThat(e.step()).isEqualTo(ScoringException.Step.MODEL))
          .hasMessageContaining("the model returned " + answer);
      assertThatThrownBy(() -> scorer.score(new float[definition.size()]))
          .isInstanceOf(ScoringException.class);
    }
  }

  @Test
  void aChangedApplicationKeepsTheDecidedHistoryFeatures() {
    ApplicationScorer scorer = scorer(definition.names(), 0.5);
    List<Applicant> withHistory =
        data.applicants().filter(a -> !a.history().getBureau().isEmpty()).limit(50).toList();
    for (Applicant a : withHistory) {
      float[] decided = definition.compute(a.application(), a.history());
      LoanApplication changed =
          LoanApplication.newBuilder(a.application())
              .setAMTCREDIT(a.application().getAMTCREDIT() * 2)
              .build();
      assertThat(scorer.withApplication(decided, changed))
          .isEqualTo(definition.compute(changed, a.history()));
      assertThat(scorer.withApplication(decided, a.application())).isEqualTo(decided);
    }
  }
}
