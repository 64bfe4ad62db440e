package fr.pretadepenser.scoring.dashboard.decisions;

import com.fasterxml.jackson.annotation.JsonProperty;
import fr.pretadepenser.scoring.events.Counterfactual;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.Reason;
import fr.pretadepenser.scoring.explain.PathToApprovalWords;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One decision as the dashboard keeps it: the scorer's decision and, once the explainer has sent
 * it, its explanation; or the explainer's rejection of it.
 *
 * @param features the exact vector the model decided on (NaN = missing)
 * @param explanation null until the explained decision arrives
 * @param decisionId the scorer's id of the decision, "" for a decision written before it had one
 * @param historyMissing the history sources announced but not complete when the scorer decided
 * @param partition partition of {@code loan-decisions} it was read from, -1 when only its explained
 *     form was read
 * @param offset offset it was read at, -1 likewise
 * @param rejection why the explainer dead-lettered it (its stage and reason), null when it did not
 * @param basis the history each source had reported and the model that decided
 * @param reviewLow lower edge of the review band the scorer applied ({@code review_low} in JSON),
 *     null when it applied none
 * @param reviewHigh upper edge of that band ({@code review_high}), null likewise
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
    Explanation explanation,
    String decisionId,
    List<String> historyMissing,
    int partition,
    long offset,
    String rejection,
    ScoringBasis basis,
    @JsonProperty("review_low") Double reviewLow,
    @JsonProperty("review_high") Double reviewHigh) {

  /** Explained: the explainer's contributions arrived, and so it checked the decision. */
  public static final String EXPLAINED = "EXPLAINED";

  /** Not yet checked by the explainer: its explanation has not arrived. */
  public static final String UNVERIFIED = "UNVERIFIED";

  /** The explainer dead-lettered it (a forged or corrupt decision): not to be acted upon. */
  public static final String REJECTED = "REJECTED";

  /**
   * The explainer's answer, as it came on {@code loan-decisions-explained}.
   *
   * @param counterfactual a refusal's path to approval, null for a grant (or when not searched)
   * @param asked the values the client asked for of the fields the path changes (from the
   *     application the refusal carried; only these, not the whole application: the view keeps many
   *     decisions); empty when there is no path
   */
  public record Explanation(
      double baseValue,
      double[] contributions,
      List<Reason> reasons,
      Counterfactual counterfactual,
      Map<String, Double> asked) {}

  static DecisionRecord of(Decision d, int partition, long offset) {
    return of(d, null, partition, offset);
  }

  static DecisionRecord of(ExplainedDecision e) {
    double[] contributions = new double[e.getContributions().size()];
    for (int i = 0; i < contributions.length; i++) {
      contributions[i] = e.getContributions().get(i);
    }
    return of(
        e.getDecision(),
        new Explanation(
            e.getBaseValue(),
            contributions,
            List.copyOf(e.getReasons()),
            e.getCounterfactual(),
            PathToApprovalWords.asked(e.getCounterfactual(), e.getDecision().getApplication())),
        -1,
        -1);
  }

  private static DecisionRecord of(
      Decision d, Explanation explanation, int partition, long offset) {
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
        explanation,
        d.getDecisionId() == null ? "" : d.getDecisionId(),
        d.getHistoryMissing() == null ? List.of() : List.copyOf(d.getHistoryMissing()),
        partition,
        offset,
        null,
        ScoringBasis.of(d),
        d.getReviewLow(),
        d.getReviewHigh());
  }

  /** This decision, as read at {@code partition}/{@code offset} of {@code loan-decisions}. */
  DecisionRecord at(int partition, long offset) {
    return new DecisionRecord(
        applicationId,
        clientId,
        probability,
        decision,
        threshold,
        modelVersion,
        features,
        receivedAt,
        decidedAt,
        explanation,
        decisionId,
        historyMissing,
        partition,
        offset,
        rejection,
        basis,
        reviewLow,
        reviewHigh);
  }

  /** This decision, rejected by the explainer for {@code why}. */
  DecisionRecord rejected(String why) {
    return new DecisionRecord(
        applicationId,
        clientId,
        probability,
        decision,
        threshold,
        modelVersion,
        features,
        receivedAt,
        decidedAt,
        null,
        decisionId,
        historyMissing,
        partition,
        offset,
        why,
        basis,
        reviewLow,
        reviewHigh);
  }

  /** Whether the scorer granted the loan. */
  public boolean granted() {
    return "GRANTED".equals(decision);
  }

  /** Whether the scorer sent it to an advisor (inside the review band). */
  public boolean inReview() {
    return "REVIEW".equals(decision);
  }

  /** {@link #EXPLAINED}, {@link #UNVERIFIED} or {@link #REJECTED}. */
  public String verification() {
    if (rejection != null) {
      return REJECTED;
    }
    return explanation != null ? EXPLAINED : UNVERIFIED;
  }

  /** Whether it was made on fewer history sources than announced. */
  public boolean incompleteHistory() {
    return !historyMissing.isEmpty();
  }

  /** What the live list and the client file show of it. */
  public DecisionSummary summary() {
    return new DecisionSummary(
        applicationId,
        Long.toString(clientId),
        DisplayNames.of(clientId),
        probability,
        decision,
        threshold,
        decidedAt,
        explanation != null,
        verification(),
        rejection,
        historyMissing,
        decisionId,
        modelVersion,
        basis.historyPresence(),
        basis.scoringModel(),
        basis.scoringModelReason(),
        reviewLow,
        reviewHigh);
  }

  /** "full" or "thin_file" ("" for an older decision, made by the full model). */
  public String scoringModel() {
    return basis.scoringModel();
  }
}
