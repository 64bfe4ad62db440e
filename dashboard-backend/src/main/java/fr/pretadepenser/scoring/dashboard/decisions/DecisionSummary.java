package fr.pretadepenser.scoring.dashboard.decisions;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One line of the live stream and of {@code GET /api/decisions}.
 *
 * @param displayName pseudonym derived from the client id (never a real name)
 * @param probability probability of default
 * @param decision GRANTED, REVIEW (inside the review band: an advisor decides) or REFUSED
 * @param decidedAt when the scorer decided
 * @param explained whether the explainer's contributions have arrived
 * @param verification EXPLAINED (the explainer checked and explained it), UNVERIFIED (not yet), or
 *     REJECTED (the explainer dead-lettered it: not to be acted upon)
 * @param rejection the explainer's stage and reason when REJECTED, else null
 * @param historyMissing history sources announced but not complete when the scorer decided (empty:
 *     decided on all the announced history)
 * @param decisionId the scorer's id of the decision ("" before decisions had one)
 * @param modelVersion the model version that made the decision
 * @param reviewLow lower edge of the review band the scorer applied ({@code review_low} in JSON),
 *     null when none
 * @param reviewHigh its upper edge ({@code review_high}), null when none
 */
public record DecisionSummary(
    String applicationId,
    long clientId,
    String displayName,
    double probability,
    String decision,
    double threshold,
    Instant decidedAt,
    boolean explained,
    String verification,
    String rejection,
    List<String> historyMissing,
    String decisionId,
    String modelVersion,
    @JsonProperty("review_low") Double reviewLow,
    @JsonProperty("review_high") Double reviewHigh) {

  /** A line without a review band. */
  public DecisionSummary(
      String applicationId,
      long clientId,
      String displayName,
      double probability,
      String decision,
      double threshold,
      Instant decidedAt,
      boolean explained,
      String verification,
      String rejection,
      List<String> historyMissing,
      String decisionId,
      String modelVersion) {
    this(
        applicationId,
        clientId,
        displayName,
        probability,
        decision,
        threshold,
        decidedAt,
        explained,
        verification,
        rejection,
        historyMissing,
        decisionId,
        modelVersion,
        null,
        null);
  }
}
