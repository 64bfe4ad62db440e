package fr.pretadepenser.scoring.dashboard.decisions;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.Reason;
import java.time.Instant;
import java.util.List;

/**
 * One decision as the dashboard keeps it: the scorer's decision and, once the explainer has sent
 * it, its explanation.
 *
 * @param features the exact vector the model decided on (NaN = missing)
 * @param explanation null until the explained decision arrives
 */
public record DecisionRecord(
    String applicationId,
    long clientId,
    double probability,
    String decision,
    double threshold,
    String modelVersion,
    float[] features,
    Instant receivedAt,
    Instant decidedAt,
    Explanation explanation) {

  /** The explainer's answer, as it came on {@code loan-decisions-explained}. */
  public record Explanation(double baseValue, double[] contributions, List<Reason> reasons) {}

  static DecisionRecord of(Decision d) {
    return of(d, null);
  }

  static DecisionRecord of(ExplainedDecision e) {
    double[] contributions = new double[e.getContributions().size()];
    for (int i = 0; i < contributions.length; i++) {
      contributions[i] = e.getContributions().get(i);
    }
    return of(
        e.getDecision(),
        new Explanation(e.getBaseValue(), contributions, List.copyOf(e.getReasons())));
  }

  private static DecisionRecord of(Decision d, Explanation explanation) {
    List<Float> f = d.getFeatures();
    float[] features = new float[f.size()];
    for (int i = 0; i < features.length; i++) {
      features[i] = f.get(i);
    }
    return new DecisionRecord(
        d.getApplicationId(),
        d.getSKIDCURR(),
        d.getProbability(),
        d.getDecision().name(),
        d.getThreshold(),
        d.getModelVersion(),
        features,
        d.getReceivedAt(),
        d.getDecidedAt(),
        explanation);
  }

  /** Whether the scorer granted the loan. */
  public boolean granted() {
    return "GRANTED".equals(decision);
  }

  /** What the live list and the client file show of it. */
  public DecisionSummary summary() {
    return new DecisionSummary(
        applicationId,
        clientId,
        DisplayNames.of(clientId),
        probability,
        decision,
        threshold,
        decidedAt,
        explanation != null);
  }
}
