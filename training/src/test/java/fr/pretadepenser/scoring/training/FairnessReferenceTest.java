package fr.pretadepenser.scoring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.pretadepenser.scoring.model.fairness.FairnessGroup;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The disparate-impact reference through training's path ({@link Trainer#fairness}): a tiny group
 * all granted must not be the bar, as in the monitor.
 */
class FairnessReferenceTest {

  @Test
  void aTinyGroupAllGrantedIsNotTheReference() {
    List<Trainer.Attributes> attributes = new ArrayList<>();
    List<Double> oof = new ArrayList<>();
    // Married: 200 applicants, 150 granted (75%); Single: 200, 130 granted (65%); Unknown: 2, both
    // granted (100%). Threshold 0.5: a probability at or above it refuses.
    add(attributes, oof, "Married", 200, 150);
    add(attributes, oof, "Single / not married", 200, 130);
    add(attributes, oof, "Unknown", 2, 2);
    double[] p = oof.stream().mapToDouble(Double::doubleValue).toArray();
    int[] labels = new int[p.length];

    List<FairnessGroup> groups = Trainer.fairness(attributes, p, labels, 0.5);

    FairnessGroup single = group(groups, "Single / not married");
    // Against Married's 0.75 (the best group of at least 100): 0.65 / 0.75 = 0.867, not flagged;
    // against Unknown's 1.0 it would be 0.65 and flagged.
    assertThat(single.disparateImpact()).isCloseTo(0.65 / 0.75, within(1e-12));
    assertThat(single.fourFifthsFlag()).isFalse();
    assertThat(group(groups, "Married").disparateImpact()).isEqualTo(1.0);
    assertThat(group(groups, "Unknown").disparateImpact()).isCloseTo(1 / 0.75, within(1e-12));
  }

  private static void add(
      List<Trainer.Attributes> attributes, List<Double> oof, String status, int n, int granted) {
    for (int i = 0; i < n; i++) {
      attributes.add(new Trainer.Attributes("F", 40, status));
      oof.add(i < granted ? 0.1 : 0.9);
    }
  }

  private static FairnessGroup group(List<FairnessGroup> groups, String status) {
    return groups.stream()
        .filter(g -> g.attribute().equals("family_status") && g.group().equals(status))
        .findFirst()
        .orElseThrow();
  }
}
