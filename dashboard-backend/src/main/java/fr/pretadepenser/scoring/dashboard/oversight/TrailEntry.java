package fr.pretadepenser.scoring.dashboard.oversight;

import com.fasterxml.jackson.annotation.JsonProperty;
import fr.pretadepenser.scoring.events.DecisionOverride;
import java.time.Instant;

/**
 * One entry of the oversight trail as the API shows it: the fields of {@code DecisionOverride} in
 * snake case, the client id as a string (ids above 2^53 must survive a browser).
 */
public record TrailEntry(
    @JsonProperty("sequence") long sequence,
    @JsonProperty("override_id") String overrideId,
    @JsonProperty("action") String action,
    @JsonProperty("application_id") String applicationId,
    @JsonProperty("client_id") String clientId,
    @JsonProperty("decision_id") String decisionId,
    @JsonProperty("from_decision") String fromDecision,
    @JsonProperty("to_decision") String toDecision,
    @JsonProperty("category") String category,
    @JsonProperty("reason") String reason,
    @JsonProperty("actor") String actor,
    @JsonProperty("actor_role") String actorRole,
    @JsonProperty("at") Instant at,
    @JsonProperty("model_version") String modelVersion,
    @JsonProperty("probability") double probability,
    @JsonProperty("threshold") double threshold,
    @JsonProperty("previous_hash") String previousHash,
    @JsonProperty("hash") String hash) {

  /** The API's view of a recorded entry. */
  public static TrailEntry of(DecisionOverride e) {
    return new TrailEntry(
        e.getSequence(),
        e.getOverrideId().toString(),
        e.getAction().name(),
        e.getApplicationId().toString(),
        Long.toString(e.getSKIDCURR()),
        e.getDecisionId().toString(),
        e.getFromDecision().name(),
        e.getToDecision().name(),
        e.getCategory().name(),
        e.getReason().toString(),
        e.getActor().toString(),
        e.getActorRole().toString(),
        e.getAt(),
        e.getModelVersion().toString(),
        e.getProbability(),
        e.getThreshold(),
        e.getPreviousHash().toString(),
        e.getHash().toString());
  }
}
