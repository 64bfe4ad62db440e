package fr.pretadepenser.scoring.dashboard.decisions;

import java.time.Instant;

/**
 * One line of the live stream and of {@code GET /api/decisions}.
 *
 * @param displayName pseudonym derived from the client id (never a real name)
 * @param probability probability of default
 * @param decision GRANTED or REFUSED
 * @param decidedAt when the scorer decided
 * @param explained whether the explainer's contributions have arrived
 */
public record DecisionSummary(
    String applicationId,
    long clientId,
    String displayName,
    double probability,
    String decision,
    double threshold,
    Instant decidedAt,
    boolean explained) {}
