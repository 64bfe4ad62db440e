package fr.pretadepenser.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.Counterfactual;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelBundle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The path to approval over every refusal of the sample, on a real sample-trained bundle (ONNX):
 * every path found is an approval when its changes are applied to the application and scored again
 * through the one scoring path, as {@code POST /api/what-if} does (the dashboard's test sends them
 * through the real controller); it prints the share of refusals with a path, the median change, and
 * the search's cost per refusal (docs/BENCHMARKS.md).
 */
class SamplePathToApprovalTest {

  @Test
  void everyPathFoundOverTheSampleIsAnApproval() {
    List<Decision> refusals =
        SampleBundle.decisions().stream()
            .filter(d -> d.getDecision() == DecisionOutcome.REFUSED)
            .toList();
    assertThat(refusals).isNotEmpty();
    try (ModelBundle bundle = ModelBundle.load(SampleBundle.directory())) {
      ApplicationScorer scorer = ApplicationScorer.of(bundle);
      PathToApproval path = new PathToApproval(scorer);
      // Warm-up (JIT, ONNX session), then the timed pass.
      for (int i = 0; i < Math.min(50, refusals.size()); i++) {
        path.of(refusals.get(i));
      }
      List<Counterfactual> paths = new ArrayList<>();
      long start = System.nanoTime();
      for (Decision d : refusals) {
        paths.add(path.of(d));
      }
      long nanos = System.nanoTime() - start;

      int found = 0;
      int amountOnly = 0;
      int termOnly = 0;
      List<Double> amountCuts = new ArrayList<>();
      List<Double> paymentCuts = new ArrayList<>();
      for (int i = 0; i < refusals.size(); i++) {
        Decision d = refusals.get(i);
        Counterfactual c = paths.get(i);
        assertThat(c).isNotNull();
        assertThat(c.getTarget()).isEqualTo(d.getThreshold());
        assertThat(c.getModelVersion()).isEqualTo(d.getModelVersion());
        if (!c.getFound()) {
          assertThat(c.getChanges()).isEmpty();
          assertThat(c.getProbability()).isGreaterThanOrEqualTo(d.getThreshold());
          continue;
        }
        found++;
        LoanApplication asked = d.getApplication();
        LoanApplication changed = LoanApplication.newBuilder(asked).build();
        for (Map.Entry<String, Double> e : c.getChanges().entrySet()) {
          assertThat(e.getKey())
              .isIn(PathToApproval.CREDIT, PathToApproval.ANNUITY, PathToApproval.GOODS_PRICE);
          changed.put(e.getKey(), e.getValue());
        }
        double p =
            scorer.probability(
                scorer.withApplication(DecisionExplainer.floats(d.getFeatures()), changed));
        assertThat(p).isEqualTo(c.getProbability()).isLessThan(d.getThreshold());
        double credit = changed.getAMTCREDIT() / asked.getAMTCREDIT();
        double payment = changed.getAMTANNUITY() / asked.getAMTANNUITY();
        amountCuts.add(1 - credit);
        paymentCuts.add(1 - payment);
        termOnly += credit == 1 ? 1 : 0;
        amountOnly += credit < 1 ? 1 : 0;
      }
      System.out.printf(
          Locale.ROOT,
          "path to approval over %d sample refusals: %d found (%.1f%%), %d by a longer term alone,"
              + " %d with a lower amount; median cut of the amount %.1f%%, of the payment %.1f%%;"
              + " %.0f us per refusal (at most %d candidates)%n",
          refusals.size(),
          found,
          100.0 * found / refusals.size(),
          termOnly,
          amountOnly,
          100 * median(amountCuts),
          100 * median(paymentCuts),
          nanos / 1e3 / refusals.size(),
          PathToApproval.MAX_EVALUATIONS);
      assertThat(found).isPositive();
    }
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
