package fr.pretadepenser.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.events.Counterfactual;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelBundle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 in the explainer: a decision of the thin-file model is explained with the thin-file
 * model's trees (SHAP adds up to its probability), and its path to approval is searched on that
 * model. Every sample applicant is scored as if no history had been reported.
 */
class ThinFileExplanationTest {

  private static List<Decision> thinFileDecisions(ModelBundle bundle) {
    HomeCreditData data = HomeCreditData.load(SampleBundle.SAMPLE, Instant.EPOCH);
    ApplicationScorer thin = ApplicationScorer.of(bundle).thinFileModel();
    assertThat(thin).as("the sample bundle's thin-file model").isNotNull();
    List<Decision> out = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      Applicant a = data.applicant(i);
      ApplicationScorer.Scored s = thin.score(a.application(), a.history());
      out.add(
          Decision.newBuilder(SampleBundle.decision(a, s, bundle.metadata().modelVersion()))
              .setScoringModel("thin_file")
              .setScoringModelReason("NO_HISTORY_REPORTED")
              .build());
    }
    return out;
  }

  @Test
  void thinFileDecisionsAreExplainedByTheThinFileTreesAndAddUp() {
    try (ModelBundle bundle = ModelBundle.load(SampleBundle.directory());
        DecisionExplainer explainer = DecisionExplainer.of(bundle);
        // Its own invariant watch: the wrong trees' errors must not mix with the right ones'.
        DecisionExplainer wrong = DecisionExplainer.of(bundle)) {
      List<Decision> decisions = thinFileDecisions(bundle);
      int wrongTrees = 0;
      for (Decision d : decisions) {
        ExplainedDecision e = explainer.explain(d); // throws if off by more than 1e-9
        assertThat(e.getReasons()).isNotEmpty();
        // The full model's trees do not add up to the thin-file model's probability.
        try {
          wrong.explain(Decision.newBuilder(d).setScoringModel("full").build());
        } catch (UnexplainableDecisionException ex) {
          assertThat(ex.kind()).isEqualTo(UnexplainableDecisionException.Kind.INVARIANT_VIOLATED);
          wrongTrees++;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "thin-file invariant over %d decisions: max error %.3g; the full trees failed %d%n",
          decisions.size(),
          explainer.invariant().maxError(),
          wrongTrees);
      assertThat(explainer.invariant().maxError()).isLessThanOrEqualTo(1e-9);
      assertThat(wrongTrees).isGreaterThan(decisions.size() / 2);
      assertThat(explainer.forModel("thin_file")).isNotSameAs(explainer);
      assertThat(explainer.forModel("thin_file").threshold())
          .isEqualTo(bundle.thinFile().orElseThrow().metadata().threshold());
    }
  }

  @Test
  void aThinFileRefusalsPathToApprovalIsAnApprovalOfTheThinFileModel() {
    try (ModelBundle bundle = ModelBundle.load(SampleBundle.directory())) {
      ApplicationScorer scorer = ApplicationScorer.of(bundle);
      ApplicationScorer thin = scorer.thinFileModel();
      PathToApproval path = new PathToApproval(scorer);
      List<Decision> refusals =
          thinFileDecisions(bundle).stream()
              .filter(d -> d.getDecision() == DecisionOutcome.REFUSED)
              .limit(60)
              .toList();
      assertThat(refusals).isNotEmpty();
      int found = 0;
      for (Decision d : refusals) {
        Counterfactual c = path.of(d);
        assertThat(c.getTarget()).isEqualTo(thin.threshold());
        if (!c.getFound()) {
          continue;
        }
        found++;
        LoanApplication changed = LoanApplication.newBuilder(d.getApplication()).build();
        for (Map.Entry<String, Double> e : c.getChanges().entrySet()) {
          changed.put(e.getKey(), e.getValue());
        }
        double p =
            thin.probability(
                thin.withApplication(DecisionExplainer.floats(d.getFeatures()), changed));
        assertThat(p).isEqualTo(c.getProbability()).isLessThan(thin.threshold());
      }
      assertThat(found).isPositive();
    }
  }

  @Test
  void aThinFileDecisionWithoutAThinFileModelIsNotExplainedWithTheWrongTrees() throws Exception {
    try (ModelBundle bundle = ModelBundle.load(SampleBundle.directory());
        DecisionExplainer full =
            DecisionExplainer.of(
                java.nio.file.Files.readString(
                    bundle
                        .directory()
                        .resolve(fr.pretadepenser.scoring.model.BundleFiles.MODEL_TXT)),
                bundle.metadata().featureNames(),
                bundle.metadata().modelVersion(),
                bundle.metadata().threshold(),
                new Double[bundle.metadata().featureNames().size()],
                Locale.ENGLISH)) {
      Decision d = thinFileDecisions(bundle).get(0);
      assertThatThrownBy(() -> full.explain(d))
          .isInstanceOf(UnexplainableDecisionException.class)
          .hasMessageContaining("thin-file");
    }
  }
}
