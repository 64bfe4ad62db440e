package fr.pretadepenser.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.Reason;
import fr.pretadepenser.scoring.model.ModelBundle;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The invariant over every sample applicant: base value + Σ contributions = logit(p) of the
 * scorer's decision (ONNX, double precision) within 1e-9, and every decision gets reasons in the
 * decision's direction, worded from the feature names.
 */
class SampleInvariantTest {

  @Test
  void explanationsAddUpToEveryDecisionOfTheSample() {
    List<Decision> decisions = SampleBundle.decisions();
    assertThat(decisions).hasSize(3076);
    try (ModelBundle bundle = ModelBundle.load(SampleBundle.directory());
        DecisionExplainer explainer = DecisionExplainer.of(bundle)) {
      int refused = 0;
      for (Decision d : decisions) {
        ExplainedDecision e = explainer.explain(d); // throws if off by more than 1e-9
        assertThat(e.getContributions()).hasSize(d.getFeatures().size());
        List<Reason> reasons = e.getReasons();
        assertThat(reasons).isNotEmpty().hasSizeLessThanOrEqualTo(DecisionExplainer.MAX_REASONS);
        boolean isRefused = d.getDecision() == DecisionOutcome.REFUSED;
        refused += isRefused ? 1 : 0;
        for (Reason r : reasons) {
          assertThat(r.getContribution()).isNotZero();
          assertThat(r.getContribution() > 0).isEqualTo(isRefused);
          assertThat(r.getCode()).isNotEmpty();
          assertThat(r.getFeatures()).isNotEmpty();
        }
      }
      InvariantWatch watch = explainer.invariant();
      System.out.printf(
          Locale.ROOT,
          "invariant over %d decisions (%d refused): max |base + sum - logit(p)| = %.3g%n",
          watch.checks(),
          refused,
          watch.maxError());
      assertThat(watch.checks()).isEqualTo(3076);
      assertThat(watch.violations()).isZero();
      assertThat(watch.maxError()).isLessThanOrEqualTo(1e-9);
      assertThat(refused).isPositive().isLessThan(3076);
    }
  }

  @Test
  void everyFeatureOfTheModelHasComposedWordsInBothLanguages() {
    List<String> notUnderstood = new java.util.ArrayList<>();
    try (ModelBundle bundle = ModelBundle.load(SampleBundle.directory())) {
      for (String name : bundle.metadata().featureNames()) {
        for (FeatureDescriptions words :
            List.of(FeatureDescriptions.english(), FeatureDescriptions.french())) {
          String label = words.label(name);
          // The fallback is the lower-cased name with spaces: every name must be understood.
          if (label
              .toLowerCase(Locale.ROOT)
              .equals(name.toLowerCase(Locale.ROOT).replace('_', ' '))) {
            notUnderstood.add(words.locale() + " " + name);
          }
        }
      }
    }
    assertThat(notUnderstood).isEmpty();
  }
}
