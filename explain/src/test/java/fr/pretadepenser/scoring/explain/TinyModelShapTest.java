package fr.pretadepenser.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.schemas.FloatArrayList;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LightGBM's TreeSHAP on a hand-written two-tree model (src/test/resources/tiny-model.txt), against
 * Shapley values computed by hand from the trees' covers.
 *
 * <pre>
 * Tree 0: x1 <= 1.5 ? 0.5 (60 rows) : -0.2 (40 rows)          expected value 0.22
 * Tree 1: x0 <= 0.5 ? 0.2 (50 rows)
 *                   : x1 <= 0.5 ? -0.4 (25 rows) : 0.6 (25)  expected value 0.15
 * </pre>
 *
 * With path-dependent TreeSHAP, v(S) is the tree's output when the features in S are known and the
 * others follow the training rows (the covers). For tree 1 at x = (1, 0): v({}) = 0.15, v({x0}) =
 * (25·-0.4 + 25·0.6)/50 = 0.1, v({x1}) = 0.5·0.2 + 0.5·-0.4 = -0.1, v({x0,x1}) = -0.4, so φ0 =
 * ½[(0.1 − 0.15) + (−0.4 + 0.1)] = −0.175 and φ1 = ½[(−0.1 − 0.15) + (−0.4 − 0.1)] = −0.375. Tree 0
 * only splits on x1: φ1 += 0.5 − 0.22 = 0.28. Base value 0.22 + 0.15 = 0.37.
 */
class TinyModelShapTest {

  private static DecisionExplainer explainer;

  @BeforeAll
  static void load() throws IOException {
    String text;
    try (InputStream in = TinyModelShapTest.class.getResourceAsStream("/tiny-model.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    explainer =
        DecisionExplainer.of(
            text, List.of("x0", "x1"), "tiny-1", 0.5, new Double[] {0.5, 1.0}, Locale.ENGLISH);
  }

  @AfterAll
  static void close() {
    explainer.close();
  }

  @Test
  void contributionsAreTheShapleyValuesComputedByHand() {
    Explanation e = explainer.explain(new float[] {1, 0}, false);
    assertThat(e.baseValue()).isCloseTo(0.37, within(1e-12));
    assertThat(e.contributions()[0]).isCloseTo(-0.175, within(1e-12));
    assertThat(e.contributions()[1]).isCloseTo(-0.375 + 0.28, within(1e-12));
    // Margin: tree 0 gives 0.5, tree 1 gives -0.4.
    assertThat(e.logOdds()).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void anotherPointOfTheSameModel() {
    // x = (0, 2): tree 0 -> -0.2, φ1 = -0.2 - 0.22 = -0.42. Tree 1 -> 0.2: v({x0}) = 0.2,
    // v({x1}) = 0.5·0.2 + 0.5·0.6 = 0.4, v({x0,x1}) = 0.2, so φ0 = ½[(0.2-0.15) + (0.2-0.4)] =
    // -0.075 and φ1 = ½[(0.4-0.15) + (0.2-0.2)] = 0.125.
    Explanation e = explainer.explain(new float[] {0, 2}, true);
    assertThat(e.contributions()[0]).isCloseTo(-0.075, within(1e-12));
    assertThat(e.contributions()[1]).isCloseTo(-0.42 + 0.125, within(1e-12));
    assertThat(e.logOdds()).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void reasonsFollowTheDecision() {
    // At (0, 2) both contributions are negative: a refusal has no reason pushing towards it...
    assertThat(explainer.explain(new float[] {0, 2}, true).reasons()).isEmpty();
    // ...and a grant names both, the larger help first.
    List<Explanation.Reason> granted = explainer.explain(new float[] {0, 2}, false).reasons();
    assertThat(granted).extracting(Explanation.Reason::feature).containsExactly("x1", "x0");
    assertThat(granted.get(0).text()).isEqualTo("X1 is high (2, typical 1): lowers risk");
    assertThat(granted.get(0).typicalValue()).isEqualTo(1.0);
    // Features of no definition belong to no family: each is a reason of its own, code "".
    assertThat(granted).allSatisfy(r -> assertThat(r.code()).isEmpty());
    assertThat(granted.get(0).features())
        .extracting(Explanation.ReasonFeature::feature)
        .containsExactly("x1");
    assertThat(granted.get(0).label()).isEqualTo("X1");
  }

  @Test
  void explainsADecisionOfItsModelAndChecksTheInvariant() {
    double p = 1 / (1 + Math.exp(-0.1));
    ExplainedDecision out = explainer.explain(decision("tiny-1", p, new float[] {1, 0}));
    assertThat(out.getBaseValue()).isCloseTo(0.37, within(1e-12));
    assertThat(out.getContributions()).hasSize(2);
    assertThat(out.getDecision().getApplicationId()).isEqualTo("app-1");
    assertThat(explainer.invariant().maxError()).isLessThan(1e-12);
    assertThat(explainer.invariant().checks()).isPositive();
  }

  @Test
  void refusesDecisionsItCannotExplainTruthfully() {
    double p = 1 / (1 + Math.exp(-0.1));
    assertThatThrownBy(() -> explainer.explain(decision("other", p, new float[] {1, 0})))
        .isInstanceOf(UnexplainableDecisionException.class)
        .hasMessageContaining("model version other")
        .hasMessageContaining("tiny-1");
    assertThatThrownBy(() -> explainer.explain(decision("tiny-1", p, new float[] {1, 0, 3})))
        .hasMessageContaining("3 features, the model 2");
    long violations = explainer.invariant().violations();
    assertThatThrownBy(() -> explainer.explain(decision("tiny-1", 0.9, new float[] {1, 0})))
        .isInstanceOf(UnexplainableDecisionException.class)
        .extracting(e -> ((UnexplainableDecisionException) e).kind())
        .isEqualTo(UnexplainableDecisionException.Kind.INVARIANT_VIOLATED);
    assertThat(explainer.invariant().violations()).isEqualTo(violations + 1);
  }

  private static Decision decision(String version, double p, float[] features) {
    return Decision.newBuilder()
        .setApplicationId("app-1")
        .setSKIDCURR(1L)
        .setProbability(p)
        .setDecision(p >= 0.5 ? DecisionOutcome.REFUSED : DecisionOutcome.GRANTED)
        .setThreshold(0.5)
        .setModelVersion(version)
        .setFeatures(new FloatArrayList(features))
        .setReceivedAt(Instant.EPOCH)
        .setDecidedAt(Instant.EPOCH)
        .build();
  }
}
