package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.events.DecisionOutcome;

/**
 * The one grant/review/refuse rule, shared by training (when it chooses the threshold and the
 * review band), the scorer, {@code scoring score}, the explainer's path to approval and the
 * dashboard's what-if: an applicant whose probability of default reaches the threshold is refused;
 * with a review band, a probability inside the band goes to an advisor instead.
 *
 * <p>The band contains the threshold ({@code low ≤ threshold ≤ high}), so it only ever turns an
 * automatic decision into a review, never a grant into a refusal or back: below {@code low} both
 * rules grant, at or above {@code high} both refuse.
 */
public final class DecisionRule {

  private DecisionRule() {}

  /** True when the threshold alone refuses the loan (no review band). */
  public static boolean refuses(double probability, double threshold) {
    return probability >= threshold;
  }

  /**
   * The outcome of a probability: {@code p < low} GRANTED, {@code low ≤ p < high} REVIEW, {@code p
   * ≥ high} REFUSED; with no band (both edges null) the threshold alone decides.
   *
   * @param low the band's lower edge, null for no band
   * @param high the band's upper edge, null for no band
   * @throws IllegalArgumentException when only one edge is given, or the band is not a range of
   *     probabilities that contains the threshold (a band beside the threshold would grant
   *     applicants the threshold refuses, or the reverse)
   */
  public static DecisionOutcome outcome(
      double probability, double threshold, Double low, Double high) {
    if (low == null && high == null) {
      return refuses(probability, threshold) ? DecisionOutcome.REFUSED : DecisionOutcome.GRANTED;
    }
    if (low == null || high == null || !(low <= threshold && threshold <= high)) {
      throw new IllegalArgumentException(
          "a review band needs both edges around the threshold "
              + threshold
              + ", got ["
              + low
              + ", "
              + high
              + ")");
    }
    if (probability < low) {
      return DecisionOutcome.GRANTED;
    }
    return probability < high ? DecisionOutcome.REVIEW : DecisionOutcome.REFUSED;
  }

  /** The same with a band object; {@code band} null: the threshold alone. */
  public static DecisionOutcome outcome(double probability, double threshold, ReviewBand band) {
    return band == null
        ? outcome(probability, threshold, null, null)
        : outcome(probability, threshold, band.low(), band.high());
  }
}
