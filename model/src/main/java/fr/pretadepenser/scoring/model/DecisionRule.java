package fr.pretadepenser.scoring.model;

/**
 * The grant/refuse rule shared by training (when it chooses the threshold) and the scorer: an
 * applicant whose probability of default reaches the threshold is refused.
 */
public final class DecisionRule {

  private DecisionRule() {}

  /** True when the loan is refused. */
  public static boolean refuses(double probability, double threshold) {
    return probability >= threshold;
  }
}
