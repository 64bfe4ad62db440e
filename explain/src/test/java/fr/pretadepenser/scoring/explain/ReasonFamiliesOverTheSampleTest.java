package fr.pretadepenser.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.Reason;
import fr.pretadepenser.scoring.events.ReasonFeature;
import fr.pretadepenser.scoring.features.FeatureInfo;
import fr.pretadepenser.scoring.features.FeatureWords;
import fr.pretadepenser.scoring.features.ReasonFamily;
import fr.pretadepenser.scoring.model.ModelBundle;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Reasons as families over every decision of the sample-trained bundle: at most four, each a family
 * with words in English and French, its contribution the exact sum over every feature of the family
 * the model has, its drivers features of the model in that family pushing the decision's way, and
 * never a protected attribute the model does not read. Prints ten refusals' reasons in both
 * languages, as a client would hear them.
 */
class ReasonFamiliesOverTheSampleTest {

  @Test
  void everyDecisionGetsAtMostFourFamiliesThatAddUp() {
    List<Decision> decisions = SampleBundle.decisions();
    try (ModelBundle bundle = ModelBundle.load(SampleBundle.directory());
        DecisionExplainer explainer = DecisionExplainer.of(bundle)) {
      List<String> names = bundle.metadata().featureNames();
      Set<String> modelFeatures = new HashSet<>(names);
      assertThat(bundle.definition().exclusion().columns())
          .contains("CODE_GENDER", "NAME_FAMILY_STATUS");
      // The features the exclusion took out, named as the full definition names them.
      Set<String> excluded = new HashSet<>();
      bundle.definition().excludedFeatures().forEach(f -> excluded.add(f.name()));
      assertThat(excluded).isNotEmpty();
      // Which families the model reads at all; a protected one only if its column is in the vector.
      Set<ReasonFamily> inModel = EnumSet.noneOf(ReasonFamily.class);
      for (String n : names) {
        ReasonFamily.ofFeature(n).ifPresent(inModel::add);
      }
      Map<ReasonFamily, Integer> leading = new EnumMap<>(ReasonFamily.class);
      int printed = 0;
      int refusals = 0;
      int largestNotShownBeatsFirst = 0;
      for (Decision d : decisions) {
        ExplainedDecision e = explainer.explain(d);
        boolean refused = d.getDecision() == DecisionOutcome.REFUSED;
        double sign = refused ? 1 : -1;
        List<Double> c = e.getContributions();
        Map<ReasonFamily, Double> sums = new EnumMap<>(ReasonFamily.class);
        for (int i = 0; i < names.size(); i++) {
          ReasonFamily f = ReasonFamily.ofFeature(names.get(i)).orElseThrow();
          sums.merge(f, c.get(i), Double::sum);
        }
        List<Reason> reasons = e.getReasons();
        assertThat(reasons).hasSizeBetween(1, DecisionExplainer.MAX_REASONS);
        double previous = Double.POSITIVE_INFINITY;
        Set<ReasonFamily> shown = EnumSet.noneOf(ReasonFamily.class);
        for (Reason r : reasons) {
          ReasonFamily family = ReasonFamily.ofCode(r.getCode()).orElseThrow();
          assertThat(shown.add(family)).as("one reason per family").isTrue();
          assertThat(inModel).contains(family);
          // The bundle leaves gender and family status out of the model (training's default), so
          // no reason may speak of them.
          assertThat(family.protectedAttribute())
              .as("a reason about a protected attribute: %s", family)
              .isFalse();
          assertThat(r.getContribution()).isCloseTo(sums.get(family), within(1e-9));
          assertThat(sign * r.getContribution()).isPositive().isLessThanOrEqualTo(previous);
          previous = sign * r.getContribution();
          assertThat(r.getFeatures()).hasSizeBetween(1, DecisionExplainer.MAX_FEATURES_PER_REASON);
          ReasonFeature first = r.getFeatures().get(0);
          assertThat(r.getFeature()).isEqualTo(first.getFeature());
          for (ReasonFeature f : r.getFeatures()) {
            assertThat(modelFeatures).contains(f.getFeature());
            assertThat(excluded)
                .as("a feature taken out of the model")
                .doesNotContain(f.getFeature());
            assertThat(ReasonFamily.ofFeature(f.getFeature())).contains(family);
            assertThat(sign * f.getContribution()).isPositive();
            assertThat(f.getContribution()).isEqualTo(c.get(names.indexOf(f.getFeature())));
          }
          assertThat(FeatureWords.english().hasWords(family)).isTrue();
          assertThat(FeatureWords.french().hasWords(family)).isTrue();
          assertThat(r.getText())
              .startsWith(FeatureWords.english().familySentence(family, refused));
        }
        if (refused) {
          refusals++;
          leading.merge(
              ReasonFamily.ofCode(reasons.get(0).getCode()).orElseThrow(), 1, Integer::sum);
          // The waterfall's "all other families" bar: can a family not shown outweigh the first?
          double first = sign * reasons.get(0).getContribution();
          for (Map.Entry<ReasonFamily, Double> s : sums.entrySet()) {
            if (!shown.contains(s.getKey()) && sign * s.getValue() > first) {
              largestNotShownBeatsFirst++;
            }
          }
          if (printed < 10) {
            printed++;
            float[] x = DecisionExplainer.floats(d.getFeatures());
            double[] contributions = c.stream().mapToDouble(Double::doubleValue).toArray();
            System.out.printf(
                Locale.ROOT, "refusal %d (p = %.3f)%n", d.getSKIDCURR(), d.getProbability());
            for (FeatureDescriptions words :
                List.of(FeatureDescriptions.english(), FeatureDescriptions.french())) {
              for (Explanation.Reason r : explainer.reasons(x, contributions, true, words)) {
                System.out.println("  [" + words.locale().getLanguage() + "] " + r.text());
              }
            }
          }
        }
      }
      // A family not shown never outweighs the first shown: they are ranked by their sums.
      assertThat(largestNotShownBeatsFirst).isZero();
      System.out.println("leading family over " + refusals + " refusals: " + leading);
    }
  }

  @Test
  void frenchReasonsAreTheSameFamiliesInFrenchWords() {
    List<Decision> decisions = SampleBundle.decisions();
    try (ModelBundle bundle = ModelBundle.load(SampleBundle.directory());
        DecisionExplainer explainer = DecisionExplainer.of(bundle)) {
      for (Decision d : decisions.subList(0, 300)) {
        boolean refused = d.getDecision() == DecisionOutcome.REFUSED;
        float[] x = DecisionExplainer.floats(d.getFeatures());
        Explanation en = explainer.explain(x, refused, FeatureDescriptions.english());
        Explanation fr = explainer.explain(x, refused, FeatureDescriptions.french());
        assertThat(fr.reasons())
            .extracting(Explanation.Reason::code)
            .isEqualTo(en.reasons().stream().map(Explanation.Reason::code).toList());
        for (Explanation.Reason r : fr.reasons()) {
          ReasonFamily family = ReasonFamily.ofCode(r.code()).orElseThrow();
          assertThat(r.text()).startsWith(FeatureWords.french().familySentence(family, refused));
          assertThat(r.label()).isEqualTo(FeatureWords.french().familyLabel(family));
        }
      }
    }
  }

  @Test
  void everyFeatureOfTheModelHasAFamily() {
    try (ModelBundle bundle = ModelBundle.load(SampleBundle.directory())) {
      for (FeatureInfo f : bundle.definition().features()) {
        assertThat(ReasonFamily.of(f)).as(f.name()).isPresent();
      }
    }
  }
}
