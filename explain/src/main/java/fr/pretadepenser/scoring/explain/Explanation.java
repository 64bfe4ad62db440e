package fr.pretadepenser.scoring.explain;

import java.util.List;

/**
 * One feature vector explained: LightGBM's TreeSHAP base value and each feature's contribution to
 * the log-odds of default, which add up to the model's log-odds, and the principal reasons in
 * words.
 *
 * @param baseValue the expected log-odds over the training data (SHAP's bias term)
 * @param contributions each feature's contribution, in the order of the model's features; the array
 *     is owned by this record and must not be changed
 * @param reasons the principal reasons, largest effect first
 */
public record Explanation(double baseValue, double[] contributions, List<Reason> reasons) {

  public Explanation {
    reasons = List.copyOf(reasons);
  }

  /**
   * One principal reason: a family of features ({@code code}, a {@link
   * fr.pretadepenser.scoring.features.ReasonFamily} name) whose summed contributions weigh in the
   * decision's direction, with the features that drive it. A feature no family holds (one built
   * without a definition) is a reason of its own, with code "".
   *
   * @param index the first driving feature's position in the vector
   * @param feature the first driving feature's name
   * @param description what the first driving feature means, in plain words
   * @param value the first driving feature's raw value (NaN when missing)
   * @param typicalValue the population's median of the first driving feature, null when unknown
   * @param contribution the family's summed contribution to the log-odds (every feature of the
   *     family, not only the drivers listed)
   * @param text the reason as a sentence an advisor can read to the client, with the client's
   *     values
   * @param code the family's code, "" for a feature of no family
   * @param label the family's short label (the feature's for code "")
   * @param features the family's driving features, largest contribution first (at most {@link
   *     DecisionExplainer#MAX_FEATURES_PER_REASON})
   */
  public record Reason(
      int index,
      String feature,
      String description,
      double value,
      Double typicalValue,
      double contribution,
      String text,
      String code,
      String label,
      List<ReasonFeature> features) {

    public Reason {
      features = List.copyOf(features);
    }
  }

  /**
   * One feature that drives a reason.
   *
   * @param index its position in the vector
   * @param value the client's raw value (NaN when missing)
   * @param typicalValue the population's median raw value, null when unknown
   * @param contribution its contribution to the log-odds
   */
  public record ReasonFeature(
      int index, String feature, double value, Double typicalValue, double contribution) {}

  /** Base value plus every contribution: the model's log-odds of default for this vector. */
  public double logOdds() {
    double sum = baseValue;
    for (double c : contributions) {
      sum += c;
    }
    return sum;
  }

  /** The probability of default these contributions stand for: sigmoid of {@link #logOdds()}. */
  public double probability() {
    return 1 / (1 + Math.exp(-logOdds()));
  }

  /**
   * How far base + Σ contributions is from logit(probability): the explanation's exactness against
   * a decision's probability (0 when exact).
   */
  public double invariantError(double probability) {
    return Math.abs(logOdds() - logit(probability));
  }

  /** log(p / (1 - p)), computed without losing digits near 0 and 1. */
  public static double logit(double p) {
    return Math.log(p) - Math.log1p(-p);
  }
}
