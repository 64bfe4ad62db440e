package fr.pretadepenser.scoring.dashboard.decisions;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One line of the live stream and of {@code GET /api/decisions}.
 *
 * @param clientId the client's id (SK_ID_CURR) as text: ids above 2^53 must reach a browser whole,
 *     and JavaScript reads every JSON number as a double
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
 * @param historyPresence per history source: REPORTED, REPORTED_NONE (the client has none there),
 *     PARTIAL, NOT_RECEIVED (announced, not arrived) or UNKNOWN, with its records; empty for an
 *     older decision
 * @param scoringModel the model that decided: "full" or "thin_file" ("" older: full)
 * @param scoringModelReason why that model: HISTORY_PRESENT, NO_HISTORY_REPORTED,
 *     HISTORY_NOT_RECEIVED, THIN_FILE_DISABLED ("" older)
 * @param reviewLow lower edge of the review band the scorer applied ({@code review_low} in JSON),
 *     null when none
 * @param reviewHigh its upper edge ({@code review_high}), null when none
 */
public record DecisionSummary(
    String applicationId,
    String clientId,
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
    @JsonProperty("history_presence") List<ScoringBasis.Presence> historyPresence,
    @JsonProperty("scoring_model") String scoringModel,
    @JsonProperty("scoring_model_reason") String scoringModelReason,
    @JsonProperty("review_low") Double reviewLow,
    @JsonProperty("review_high") Double reviewHigh) {}
