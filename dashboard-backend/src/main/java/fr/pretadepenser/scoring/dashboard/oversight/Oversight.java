package fr.pretadepenser.scoring.dashboard.oversight;

import com.fasterxml.jackson.annotation.JsonProperty;
import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.dashboard.decisions.DecisionRecord;
import fr.pretadepenser.scoring.dashboard.decisions.DisplayNames;
import fr.pretadepenser.scoring.dashboard.security.SignedIn;
import fr.pretadepenser.scoring.dashboard.web.ApiErrors;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.DecisionOverride;
import fr.pretadepenser.scoring.events.OverrideCategory;
import fr.pretadepenser.scoring.events.OversightAction;
import fr.pretadepenser.scoring.schemas.Violation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.KafkaException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules of human oversight, on the decisions the {@link DashboardView} keeps and the trail the
 * {@link OversightState} keeps:
 *
 * <ul>
 *   <li>a case in REVIEW (the automatic decision, nobody decided yet) is decided GRANTED or REFUSED
 *       by an advisor or a supervisor: a DECIDE_REVIEW entry;
 *   <li>any other decision in force (automatic, or decided earlier) is changed only by a
 *       supervisor: an OVERRIDE entry; an advisor gets 403;
 *   <li>each needs a category from the documented list and a reason of 1 to {@value #MAX_REASON}
 *       characters (400 naming the field otherwise);
 *   <li>a case in REVIEW is taken from the queue by anyone (a TAKE entry, the case's owner until
 *       someone else takes it).
 * </ul>
 *
 * <p>The checks and the append run under the writer's lock, so two requests on one case cannot both
 * see it undecided.
 */
public final class Oversight {

  /** The longest reason. */
  public static final int MAX_REASON = 2000;

  /** The longest application id in a path (the scorer's own bound). */
  public static final int MAX_APPLICATION_ID = 128;

  /** The largest page of the queue. */
  public static final int MAX_PAGE_SIZE = 100;

  static final String REVIEW = DecisionOutcome.REVIEW.name();

  /** The reason written on a TAKE entry (the person only takes the case: no reason is asked). */
  static final String TAKE_REASON = "Taken from the review queue";

  /**
   * A page of the review queue.
   *
   * @param total cases matching the filters, over every page
   */
  public record QueuePage(
      @JsonProperty("items") List<QueueItem> items,
      @JsonProperty("total") int total,
      @JsonProperty("page") int page,
      @JsonProperty("size") int size) {}

  /**
   * A case in review, not decided yet.
   *
   * @param takenBy who took it, null when nobody did
   */
  public record QueueItem(
      @JsonProperty("application_id") String applicationId,
      @JsonProperty("client_id") String clientId,
      @JsonProperty("display_name") String displayName,
      @JsonProperty("probability") double probability,
      @JsonProperty("threshold") double threshold,
      @JsonProperty("decided_at") Instant decidedAt,
      @JsonProperty("model_version") String modelVersion,
      @JsonProperty("taken_by") String takenBy,
      @JsonProperty("taken_at") Instant takenAt) {}

  /**
   * An application's trail.
   *
   * @param automaticDecision what the scorer decided, null when the view no longer keeps it
   * @param finalDecision the decision in force (the automatic one until someone decides)
   * @param entries the latest entries, oldest first
   * @param entriesTotal every entry about it since the dashboard started reading
   */
  public record Trail(
      @JsonProperty("application_id") String applicationId,
      @JsonProperty("client_id") String clientId,
      @JsonProperty("automatic_decision") String automaticDecision,
      @JsonProperty("final_decision") String finalDecision,
      @JsonProperty("taken_by") String takenBy,
      @JsonProperty("entries") List<TrailEntry> entries,
      @JsonProperty("entries_total") long entriesTotal) {}

  private final DashboardView view;
  private final OversightState state;
  private final TrailWriter writer;
  private final Clock clock;
  private final JsonMapper mapper = JsonMapper.builder().build();

  Oversight(DashboardView view, OversightState state, TrailWriter writer, Clock clock) {
    this.view = view;
    this.state = state;
    this.writer = writer;
    this.clock = clock;
  }

  /** {@code POST /api/decisions/{applicationId}/override}: decides or overrides (see the class). */
  TrailEntry override(String applicationId, String body, SignedIn actor) {
    checkId(applicationId);
    JsonNode root = parse(body);
    List<Violation> errors = new ArrayList<>();
    DecisionOutcome target = null;
    JsonNode d = root.get("decision");
    if (d != null && d.isString()) {
      String v = d.stringValue();
      if (v.equals("GRANTED") || v.equals("REFUSED")) {
        target = DecisionOutcome.valueOf(v);
      }
    }
    if (target == null) {
      errors.add(new Violation("decision", "must be GRANTED or REFUSED"));
    }
    OverrideCategory category = null;
    JsonNode c = root.get("category");
    if (c != null && c.isString()) {
      category =
          Arrays.stream(OverrideCategory.values())
              .filter(k -> k.name().equals(c.stringValue()))
              .findFirst()
              .orElse(null);
    }
    if (category == null) {
      errors.add(
          new Violation(
              "category",
              "must be one of "
                  + Arrays.stream(OverrideCategory.values())
                      .map(Enum::name)
                      .collect(Collectors.joining(", "))));
    }
    JsonNode r = root.get("reason");
    String reason = r != null && r.isString() ? r.stringValue().strip() : "";
    if (reason.isEmpty()) {
      errors.add(new Violation("reason", "is required: say why, in 1 to 2000 characters"));
    } else if (reason.length() > MAX_REASON) {
      errors.add(
          new Violation(
              "reason", "must be at most 2000 characters (it has " + reason.length() + ")"));
    }
    for (String name : root.propertyNames()) {
      if (!name.equals("decision") && !name.equals("category") && !name.equals("reason")) {
        errors.add(new Violation(name, "is not an override field (decision, category, reason)"));
      }
    }
    ApiErrors.check(errors);
    DecisionRecord decision = decision(applicationId);
    synchronized (writer) {
      String inForce = inForce(decision);
      OversightAction action;
      if (inForce.equals(REVIEW)) {
        action = OversightAction.DECIDE_REVIEW;
      } else {
        if (!actor.supervisor()) {
          throw new ApiErrors.Forbidden(
              "only a supervisor may override an automatic decision ("
                  + inForce
                  + "): an advisor decides the cases in review");
        }
        action = OversightAction.OVERRIDE;
      }
      if (inForce.equals(target.name())) {
        throw new ApiErrors.Conflict("the decision in force is already " + inForce);
      }
      return append(decision, action, inForce, target, category, reason, actor);
    }
  }

  /** {@code POST /api/decisions/{applicationId}/take}: the person takes a case in review. */
  TrailEntry take(String applicationId, SignedIn actor) {
    checkId(applicationId);
    DecisionRecord decision = decision(applicationId);
    synchronized (writer) {
      if (!inForce(decision).equals(REVIEW)) {
        throw new ApiErrors.Conflict(
            "application " + applicationId + " is not in review: only a case in review is taken");
      }
      Optional<OversightState.Case> c = state.of(applicationId);
      if (c.isPresent() && actor.name().equals(c.get().takenBy())) {
        throw new ApiErrors.Conflict("application " + applicationId + " is already yours");
      }
      return append(
          decision,
          OversightAction.TAKE,
          REVIEW,
          DecisionOutcome.REVIEW,
          OverrideCategory.OTHER,
          TAKE_REASON,
          actor);
    }
  }

  /** {@code GET /api/decisions/{applicationId}/trail}. */
  Trail trail(String applicationId) {
    checkId(applicationId);
    Optional<DecisionRecord> d = view.decision(applicationId);
    Optional<OversightState.Case> c = state.of(applicationId);
    if (d.isEmpty() && c.isEmpty()) {
      throw new ApiErrors.NotFound(
          "no decision on application " + applicationId + " is known here");
    }
    List<TrailEntry> entries =
        c.map(k -> k.entries().stream().map(TrailEntry::of).toList()).orElse(List.of());
    String clientId =
        d.map(k -> Long.toString(k.clientId()))
            .orElseGet(() -> entries.isEmpty() ? null : entries.get(0).clientId());
    String automatic = d.map(DecisionRecord::decision).orElse(null);
    String finalDecision = c.map(OversightState.Case::finalDecision).orElse(automatic);
    return new Trail(
        applicationId,
        clientId,
        automatic,
        finalDecision,
        c.map(OversightState.Case::takenBy).orElse(null),
        entries,
        c.map(OversightState.Case::total).orElse(0L));
  }

  /** The decision in force on {@code d}: the last one a person made, else the automatic one. */
  public String finalDecision(DecisionRecord d) {
    return inForce(d);
  }

  /** The kept trail entries of an application, oldest first (empty when none). */
  public List<TrailEntry> entries(String applicationId) {
    return state
        .of(applicationId)
        .map(c -> c.entries().stream().map(TrailEntry::of).toList())
        .orElse(List.of());
  }

  /**
   * {@code GET /api/review-queue}: the cases in review nobody decided yet, oldest decision first.
   *
   * @param taken {@code taken}, {@code untaken} or {@code all} (default)
   * @param mine {@code true}: only the cases the person took
   * @param minRisk lowest probability of default shown (inclusive)
   * @param maxRisk highest (inclusive)
   */
  QueuePage queue(
      String taken,
      String mine,
      String minRisk,
      String maxRisk,
      String page,
      String size,
      SignedIn actor) {
    List<Violation> errors = new ArrayList<>();
    String takenFilter = taken == null || taken.isBlank() ? "all" : taken.strip();
    if (!List.of("all", "taken", "untaken").contains(takenFilter)) {
      errors.add(new Violation("taken", "must be taken, untaken or all"));
    }
    boolean onlyMine = false;
    if (mine != null && !mine.isBlank()) {
      if (mine.equals("true") || mine.equals("false")) {
        onlyMine = mine.equals("true");
      } else {
        errors.add(new Violation("mine", "must be true or false"));
      }
    }
    double low = probability("min_risk", minRisk, 0, errors);
    double high = probability("max_risk", maxRisk, 1, errors);
    int p = ApiErrors.intParam("page", page, 0, 0, 1_000_000, errors);
    int n = ApiErrors.intParam("size", size, 20, 1, MAX_PAGE_SIZE, errors);
    ApiErrors.check(errors);
    List<QueueItem> all = new ArrayList<>();
    for (DecisionRecord d : view.decisionsWith(REVIEW)) {
      Optional<OversightState.Case> c = state.of(d.applicationId());
      if (c.isPresent() && c.get().finalDecision() != null) {
        continue;
      }
      String takenBy = c.map(OversightState.Case::takenBy).orElse(null);
      boolean isTaken = takenBy != null;
      if ((takenFilter.equals("taken") && !isTaken)
          || (takenFilter.equals("untaken") && isTaken)
          || (onlyMine && !actor.name().equals(takenBy))
          || d.probability() < low
          || d.probability() > high) {
        continue;
      }
      all.add(
          new QueueItem(
              d.applicationId(),
              Long.toString(d.clientId()),
              DisplayNames.of(d.clientId()),
              d.probability(),
              d.threshold(),
              d.decidedAt(),
              d.modelVersion(),
              takenBy,
              c.map(OversightState.Case::takenAt).orElse(null)));
    }
    all.sort(Comparator.comparing(QueueItem::decidedAt).thenComparing(QueueItem::applicationId));
    int from = (int) Math.min((long) p * n, all.size());
    int to = Math.min(from + n, all.size());
    return new QueuePage(List.copyOf(all.subList(from, to)), all.size(), p, n);
  }

  private static double probability(
      String name, String raw, double fallback, List<Violation> errors) {
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      double v = Double.parseDouble(raw.strip());
      if (v >= 0 && v <= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // told below
    }
    errors.add(new Violation(name, "must be a probability between 0 and 1"));
    return fallback;
  }

  private String inForce(DecisionRecord d) {
    String decided =
        state.of(d.applicationId()).map(OversightState.Case::finalDecision).orElse(null);
    return decided != null ? decided : d.decision();
  }

  private DecisionRecord decision(String applicationId) {
    DecisionRecord d =
        view.decision(applicationId)
            .orElseThrow(
                () ->
                    new ApiErrors.NotFound(
                        "no decision on application " + applicationId + " is known here"));
    if (d.rejection() != null) {
      throw new ApiErrors.Conflict("the explainer rejected this decision: it cannot be acted upon");
    }
    return d;
  }

  private TrailEntry append(
      DecisionRecord d,
      OversightAction action,
      String from,
      DecisionOutcome to,
      OverrideCategory category,
      String reason,
      SignedIn actor) {
    DecisionOverride.Builder entry =
        DecisionOverride.newBuilder()
            .setOverrideId(UUID.randomUUID().toString())
            .setAction(action)
            .setApplicationId(d.applicationId())
            .setSKIDCURR(d.clientId())
            .setDecisionId(d.decisionId())
            .setFromDecision(DecisionOutcome.valueOf(from))
            .setToDecision(to)
            .setCategory(category)
            .setReason(reason)
            .setActor(actor.name())
            .setActorRole(actor.role())
            .setAt(clock.instant())
            .setModelVersion(d.modelVersion())
            .setProbability(d.probability())
            .setThreshold(d.threshold());
    DecisionOverride recorded;
    try {
      recorded = writer.append(entry);
    } catch (KafkaException e) {
      throw new ApiErrors.Unavailable(
          "the oversight trail cannot be written now (Kafka): send it again in a moment", e);
    }
    state.accept(recorded);
    return TrailEntry.of(recorded);
  }

  private static void checkId(String applicationId) {
    if (applicationId == null
        || applicationId.isBlank()
        || applicationId.length() > MAX_APPLICATION_ID) {
      throw new ApiErrors.BadRequest(
          "applicationId", "must be an application id of 1 to 128 characters");
    }
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      throw new ApiErrors.BadRequest("body", "is empty: send a JSON object");
    }
    try {
      JsonNode root = mapper.readTree(body);
      if (root == null || !root.isObject()) {
        throw new ApiErrors.BadRequest("body", "must be a JSON object");
      }
      return root;
    } catch (JacksonException e) {
      throw new ApiErrors.BadRequest("body", "is not valid JSON: " + e.getOriginalMessage());
    }
  }
}
