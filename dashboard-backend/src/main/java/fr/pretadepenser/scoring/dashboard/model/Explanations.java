package fr.pretadepenser.scoring.dashboard.model;

import fr.pretadepenser.scoring.dashboard.decisions.DecisionRecord;
import fr.pretadepenser.scoring.explain.Explanation;
import fr.pretadepenser.scoring.explain.FeatureDescriptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns SHAP vectors into what the pages show: the largest contributions and the principal reasons,
 * in the advisor's language (the request's Accept-Language: French or English), worded by the
 * explain library's {@link FeatureDescriptions}.
 */
public final class Explanations {

  /** How many contributions a waterfall shows; the rest are summed into one bar. */
  static final int TOP = 12;

  /**
   * One feature's push on the log-odds (positive: towards refusal).
   *
   * @param description what the feature means, in the request's language
   * @param value the client's value, null when missing
   * @param typicalValue the reference population's median, null when unknown
   * @param label a short name of the feature, in the request's language
   * @param valueText the client's value in human units ("43 years", "8.1%"), "unknown" when missing
   * @param typicalText the median in human units, null when unknown
   */
  record Contribution(
      String feature,
      String description,
      Double value,
      Double typicalValue,
      double contribution,
      String label,
      String valueText,
      String typicalText) {}

  /**
   * A principal reason: a sentence an advisor can read to the client, and what it rests on. Public
   * for the letter, which prints the same reasons as the client file.
   */
  public record ReasonView(
      String feature,
      String description,
      Double value,
      Double typicalValue,
      double contribution,
      String text,
      String label) {}

  /**
   * @param source {@code explainer} when it came with the explained decision, {@code dashboard}
   *     when the dashboard computed it (the explanation had not arrived yet, or a what-if)
   * @param margin base value plus every contribution: the model's log-odds
   * @param others the sum of the contributions not in {@code top}
   * @param language the language of the texts: {@code en} or {@code fr}
   */
  public record ExplanationView(
      String source,
      double baseValue,
      double margin,
      List<Contribution> top,
      double others,
      List<ReasonView> reasons,
      String language) {}

  private final ModelService model;

  Explanations(ModelService model) {
    this.model = model;
  }

  /** French for a French Accept-Language, English otherwise (and when there is none). */
  public static FeatureDescriptions words(Locale locale) {
    return FeatureDescriptions.forLocale(locale == null ? Locale.ENGLISH : locale);
  }

  /** The language code of {@code words}: {@code fr} or {@code en}. */
  public static String language(FeatureDescriptions words) {
    return words.locale().getLanguage();
  }

  /** A what-if or a decision explained here: the explain library's explanation and reasons. */
  public ExplanationView of(
      float[] features, Explanation explanation, String source, FeatureDescriptions words) {
    List<ReasonView> reasons = new ArrayList<>();
    for (Explanation.Reason r : explanation.reasons()) {
      reasons.add(reason(r, words));
    }
    return view(
        features, explanation.baseValue(), explanation.contributions(), source, reasons, words);
  }

  /**
   * The latest decision's explanation: the explainer's contributions when they have arrived, the
   * reasons worded again in the request's language (the same reasons: the explainer chose them with
   * the same function); computed here when the explanation has not arrived yet. Null when it cannot
   * be explained here (see {@link #unexplainable}): a decision the explainer rejected, or one made
   * by another model version, whose vector this model would read wrongly.
   */
  public ExplanationView of(DecisionRecord d, FeatureDescriptions words) {
    if (unexplainable(d, words) != null) {
      return null;
    }
    boolean refused = !d.granted();
    if (d.explanation() == null) {
      return of(d.features(), model.explain(d.features(), refused, words), "dashboard", words);
    }
    double[] contributions = d.explanation().contributions();
    List<ReasonView> reasons = new ArrayList<>();
    for (Explanation.Reason r : model.reasons(d.features(), contributions, refused, words)) {
      reasons.add(reason(r, words));
    }
    return view(
        d.features(), d.explanation().baseValue(), contributions, "explainer", reasons, words);
  }

  /**
   * Why {@code d} is not explained here, in the language of {@code words}; null when it is. A
   * decision the explainer rejected is not to be acted upon; a decision of another model version is
   * not explained with this one (its features, order and trees may differ): the page says which
   * version made it.
   */
  public String unexplainable(DecisionRecord d, FeatureDescriptions words) {
    boolean french = language(words).equals("fr");
    if (d.rejection() != null) {
      return french
          ? "L'explicateur a rejeté cette décision ("
              + d.rejection()
              + ") : elle n'est pas expliquée et ne doit pas être suivie."
          : "The explainer rejected this decision ("
              + d.rejection()
              + "): it is not explained and must not be acted upon.";
    }
    if (!model.madeBy(d)) {
      return french
          ? "Cette décision a été prise par le modèle "
              + d.modelVersion()
              + ", qui n'est pas chargé ici (ce tableau de bord a le modèle "
              + model.version()
              + ") : elle ne peut pas être expliquée ici."
          : "This decision was made by model "
              + d.modelVersion()
              + ", which is not loaded here (this dashboard has model "
              + model.version()
              + "): it cannot be explained here.";
    }
    return null;
  }

  private ExplanationView view(
      float[] features,
      double baseValue,
      double[] contributions,
      String source,
      List<ReasonView> reasons,
      FeatureDescriptions words) {
    Integer[] order = new Integer[contributions.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -Math.abs(contributions[i])));
    double margin = new Explanation(baseValue, contributions, List.of()).logOdds();
    List<Contribution> top = new ArrayList<>();
    double shown = 0;
    for (int k = 0; k < Math.min(TOP, order.length); k++) {
      int i = order[k];
      if (contributions[i] == 0) {
        break;
      }
      top.add(contribution(i, features[i], contributions[i], words));
      shown += contributions[i];
    }
    return new ExplanationView(
        source, baseValue, margin, top, margin - baseValue - shown, reasons, language(words));
  }

  private Contribution contribution(
      int i, float value, double contribution, FeatureDescriptions words) {
    String name = model.features().get(i).name();
    Double typical = model.median(i);
    return new Contribution(
        name,
        words.describe(name),
        number(value),
        typical,
        contribution,
        words.label(name),
        words.formatValue(name, value),
        typical == null ? null : words.formatValue(name, typical));
  }

  private static ReasonView reason(Explanation.Reason r, FeatureDescriptions words) {
    return new ReasonView(
        r.feature(),
        r.description(),
        number(r.value()),
        r.typicalValue(),
        r.contribution(),
        r.text(),
        words.label(r.feature()));
  }

  /** JSON has no NaN nor infinity: such a value is null. */
  public static Double number(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
  }
}
