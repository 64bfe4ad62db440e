package fr.pretadepenser.scoring.dashboard.decisions;

import java.time.Instant;
import java.util.List;

/**
 * One line of the live stream and of {@code GET /api/decisions}.
 *
 * @param clientId the client's id (SK_ID_CURR) as text: ids above 2^53 must reach a browser whole,
 *     and JavaScript reads every JSON number as a double
 * @param displayName pseudonym derived from the client id (never a real name)
 * @param probability probability of default
 * @param decision GRANTED or REFUSED
 * @param decidedAt when the scorer decided
 * @param explained whether the explainer's contributions have arrived
 * @param verification EXPLAINED (the explainer checked and explained it), UNVERIFIED (not yet), or
 *     REJECTED (the explainer dead-lettered it: not to be acted upon)
 * @param rejection the explainer's stage and reason when REJECTED, else null
 * @param historyMissing history sources announced but not complete when the scorer decided (empty:
 *     decided on all the announced history)
 * @param decisionId the scorer's id of the decision ("" before decisions had one)
 * @param modelVersion the model version that made the decision
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
    String modelVersion) {}
