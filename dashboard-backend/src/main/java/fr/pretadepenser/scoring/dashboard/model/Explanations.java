package fr.pretadepenser.scoring.dashboard.model;

import fr.pretadepenser.scoring.dashboard.decisions.DecisionRecord;
import fr.pretadepenser.scoring.explain.Explanation;
import fr.pretadepenser.scoring.explain.FeatureDescriptions;
import fr.pretadepenser.scoring.features.ReasonFamily;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns SHAP vectors into what the pages show: the principal reasons (reason families, at most
 * four, each with the client's values that drive it), the waterfall by reason family (each family
 * with its features, the families not shown summed into one bar) and the largest single
 * contributions, in the advisor's language (the request's Accept-Language: French or English),
 * worded by the explain library's {@link FeatureDescriptions}.
 */
public final class Explanations {

  /** How many contributions a waterfall shows; the rest are summed into one bar. */
  static final int TOP = 12;

  /**
   * How many reason families the family waterfall shows at least; the others are summed into one
   * bar. With families rather than features that bar stays small: of 28 families a decision moves
   * about 20, and the first eight carry most of the log-odds.
   */
  static final int TOP_FAMILIES = 8;

  /**
   * At most this many: past {@link #TOP_FAMILIES}, families are added while the remainder would
   * still outweigh the last family shown (many small pushes the same way), so that "all other
   * families" is not the bar that explains the decision.
   */
  static final int MAX_FAMILIES = 14;

  /** How many of a family's features its expanded bar lists; the rest are summed per family. */
  static final int FEATURES_PER_FAMILY = 6;

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
   * A principal reason: a reason family, the sentence an advisor can read to the client, and the
   * client's values it rests on. Public for the letter, which prints the same reasons as the client
   * file.
   *
   * @param feature the first driving feature (as {@code features[0].feature})
   * @param description what the first driving feature means
   * @param value the first driving feature's value, null when missing
   * @param typicalValue the first driving feature's median, null when unknown
   * @param contribution the family's summed contribution to the log-odds
   * @param text the sentence, with the client's values, in the request's language
   * @param label the family's short label (a feature's label for code "")
   * @param code the family's code ({@code ReasonFamily}); "" for a reason of one feature of no
   *     family
   * @param features the family's driving features, largest first
   */
  public record ReasonView(
      String feature,
      String description,
      Double value,
      Double typicalValue,
      double contribution,
      String text,
      String label,
      String code,
      List<ReasonFeatureView> features) {}

  /**
   * One feature driving a reason, with the client's value in units.
   *
   * @param valueText the client's value in human units ("0.21", "43 years"), "unknown" when missing
   * @param typicalText the median in human units, null when unknown
   */
  public record ReasonFeatureView(
      String feature,
      String label,
      Double value,
      String valueText,
      Double typicalValue,
      String typicalText,
      double contribution) {}

  /**
   * A reason family's bar on the waterfall: the sum of its features' contributions, with the
   * client's value of its largest feature, and its features for when the bar is expanded.
   *
   * @param code the family's code; "" for a feature of no family (then its only feature)
   * @param label the family's short label in the request's language
   * @param contribution the sum of every contribution of the family
   * @param valueText the largest feature's label and value: "External score 2: 0.21 (typical 0.57)"
   * @param features the family's largest contributions (at most {@value #FEATURES_PER_FAMILY}),
   *     largest magnitude first
   * @param otherFeatures the sum of the family's contributions not in {@code features}
   */
  record FamilyContribution(
      String code,
      String label,
      double contribution,
      String valueText,
      List<Contribution> features,
      double otherFeatures) {}

  /**
   * @param source {@code explainer} when it came with the explained decision, {@code dashboard}
   *     when the dashboard computed it (the explanation had not arrived yet, or a what-if)
   * @param margin base value plus every contribution: the model's log-odds
   * @param others the sum of the contributions not in {@code top}
   * @param language the language of the texts: {@code en} or {@code fr}
   * @param families the waterfall by reason family: the families of largest summed contribution (in
   *     magnitude), largest first, {@value #TOP_FAMILIES} or more (see {@link #MAX_FAMILIES})
   * @param familyOthers the sum of the contributions of the families not in {@code families}: with
   *     base value and families, it adds up to {@code margin}
   * @param familyOthersCount how many families with a contribution are in {@code familyOthers}
   */
  public record ExplanationView(
      String source,
      double baseValue,
      double margin,
      List<Contribution> top,
      double others,
      List<ReasonView> reasons,
      String language,
      List<FamilyContribution> families,
      double familyOthers,
      int familyOthersCount) {}

  private final ModelService model;

  /** Each feature's reason family, empty for a feature of none: resolved once per model. */
  private final List<Optional<ReasonFamily>> families;

  Explanations(ModelService model) {
    this.model = model;
    this.families = model.features().stream().map(f -> ReasonFamily.ofFeature(f.name())).toList();
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
      return of(
          d.features(),
          model.explain(d.scoringModel(), d.features(), refused, words),
          "dashboard",
          words);
    }
    double[] contributions = d.explanation().contributions();
    List<ReasonView> reasons = new ArrayList<>();
    for (Explanation.Reason r :
        model.reasons(d.scoringModel(), d.features(), contributions, refused, words)) {
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
    // Families, each summing its features; a feature of no family is a group of its own.
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < contributions.length; i++) {
      if (contributions[i] != 0) {
        String key = family(i).map(ReasonFamily::code).orElse("#" + i);
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
      }
    }
    List<FamilyContribution> all = new ArrayList<>();
    for (List<Integer> members : groups.values()) {
      all.add(familyBar(members, features, contributions, words));
    }
    all.sort(
        Comparator.comparingDouble((FamilyContribution f) -> -Math.abs(f.contribution()))
            .thenComparing(FamilyContribution::code));
    double familiesShown = 0;
    int shownCount = 0;
    for (FamilyContribution f : all) {
      double remainder = margin - baseValue - familiesShown;
      if (shownCount == MAX_FAMILIES
          || (shownCount >= TOP_FAMILIES
              && Math.abs(remainder) < Math.abs(all.get(shownCount - 1).contribution()))) {
        break;
      }
      familiesShown += f.contribution();
      shownCount++;
    }
    List<FamilyContribution> families = List.copyOf(all.subList(0, shownCount));
    return new ExplanationView(
        source,
        baseValue,
        margin,
        top,
        margin - baseValue - shown,
        reasons,
        language(words),
        families,
        margin - baseValue - familiesShown,
        all.size() - families.size());
  }

  private Optional<ReasonFamily> family(int i) {
    return families.get(i);
  }

  private FamilyContribution familyBar(
      List<Integer> members, float[] features, double[] contributions, FeatureDescriptions words) {
    List<Integer> order = new ArrayList<>(members);
    order.sort(
        Comparator.comparingDouble((Integer i) -> -Math.abs(contributions[i]))
            .thenComparing(i -> i));
    double sum = 0;
    for (int i : members) {
      sum += contributions[i];
    }
    List<Contribution> listed = new ArrayList<>();
    double shown = 0;
    for (int k = 0; k < Math.min(FEATURES_PER_FAMILY, order.size()); k++) {
      int i = order.get(k);
      listed.add(contribution(i, features[i], contributions[i], words));
      shown += contributions[i];
    }
    int first = order.get(0);
    String name = model.features().get(first).name();
    Optional<ReasonFamily> family = family(first);
    String valueText =
        words.valueText(
            new Explanation.ReasonFeature(
                first, name, features[first], model.median(first), contributions[first]));
    return new FamilyContribution(
        family.map(ReasonFamily::code).orElse(""),
        family.map(words::familyLabel).orElse(words.label(name)),
        sum,
        valueText,
        listed,
        sum - shown);
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
    List<ReasonFeatureView> drivers = new ArrayList<>();
    for (Explanation.ReasonFeature f : r.features()) {
      drivers.add(
          new ReasonFeatureView(
              f.feature(),
              words.label(f.feature()),
              number(f.value()),
              words.formatValue(f.feature(), f.value()),
              f.typicalValue(),
              f.typicalValue() == null ? null : words.formatValue(f.feature(), f.typicalValue()),
              f.contribution()));
    }
    return new ReasonView(
        r.feature(),
        r.description(),
        number(r.value()),
        r.typicalValue(),
        r.contribution(),
        r.text(),
        r.label(),
        r.code(),
        drivers);
  }

  /** JSON has no NaN nor infinity: such a value is null. */
  public static Double number(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
  }
}
