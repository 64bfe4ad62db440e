package fr.pretadepenser.scoring.dashboard;

import fr.pretadepenser.scoring.events.Reason;
import fr.pretadepenser.scoring.features.FeatureInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns SHAP vectors into what the pages show: the largest contributions, in plain words. */
final class Explanations {

  /** How many contributions a waterfall shows; the rest are summed into one bar. */
  static final int TOP = 12;

  /**
   * One feature's push on the log-odds (positive: towards refusal).
   *
   * @param value the client's value, null when missing
   * @param typicalValue the reference population's median, null when unknown
   */
  record Contribution(
      String feature, String description, Double value, Double typicalValue, double contribution) {}

  /** A reason as the explainer wrote it. */
  record ReasonView(
      String feature,
      String description,
      Double value,
      Double typicalValue,
      double contribution,
      String text) {}

  /**
   * @param source {@code explainer} when it came with the explained decision, {@code dashboard}
   *     when the dashboard computed it (the explanation had not arrived yet, or a what-if)
   * @param margin base value plus every contribution: the model's log-odds
   * @param others the sum of the contributions not in {@code top}
   */
  record ExplanationView(
      String source,
      double baseValue,
      double margin,
      List<Contribution> top,
      double others,
      List<ReasonView> reasons) {}

  private final ModelService model;

  Explanations(ModelService model) {
    this.model = model;
  }

  ExplanationView of(
      float[] features,
      double baseValue,
      double[] contributions,
      String source,
      List<Reason> reasons) {
    List<FeatureInfo> infos = model.features();
    Integer[] order = new Integer[contributions.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(
        order, Comparator.comparingDouble((Integer i) -> -Math.abs(contributions[i])));
    List<Contribution> top = new ArrayList<>();
    double margin = baseValue;
    for (double c : contributions) {
      margin += c;
    }
    double shown = 0;
    for (int k = 0; k < Math.min(TOP, order.length); k++) {
      int i = order[k];
      if (contributions[i] == 0) {
        break;
      }
      FeatureInfo info = infos.get(i);
      top.add(
          new Contribution(
              info.name(),
              info.description(),
              number(features[i]),
              model.median(i),
              contributions[i]));
      shown += contributions[i];
    }
    List<ReasonView> reasonViews = new ArrayList<>();
    if (reasons != null) {
      for (Reason r : reasons) {
        reasonViews.add(
            new ReasonView(
                r.getFeature(),
                r.getDescription(),
                r.getValue(),
                r.getTypicalValue(),
                r.getContribution(),
                r.getText()));
      }
    }
    return new ExplanationView(
        source, baseValue, margin, top, margin - baseValue - shown, reasonViews);
  }

  ExplanationView of(DecisionRecord d) {
    if (d.explanation() != null) {
      return of(
          d.features(),
          d.explanation().baseValue(),
          d.explanation().contributions(),
          "explainer",
          d.explanation().reasons());
    }
    ShapExplainer.Shap shap = model.explain(d.features());
    return of(d.features(), shap.baseValue(), shap.contributions(), "dashboard", List.of());
  }

  static Double number(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
  }
}
