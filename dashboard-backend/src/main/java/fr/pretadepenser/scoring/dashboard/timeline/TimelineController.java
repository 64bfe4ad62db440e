package fr.pretadepenser.scoring.dashboard.timeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import fr.pretadepenser.scoring.dashboard.decisions.DisplayNames;
import fr.pretadepenser.scoring.dashboard.model.Explanations;
import fr.pretadepenser.scoring.dashboard.web.ApiErrors;
import fr.pretadepenser.scoring.explain.FeatureDescriptions;
import fr.pretadepenser.scoring.features.ReasonFamily;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The client's timeline: {@code GET /api/clients/{id}/timeline}. */
@RestController
class TimelineController {

  /**
   * A reason of an explanation, worded in the request's language.
   *
   * @param label the reason family's label (a feature's label for a reason of one feature)
   * @param contribution to the log-odds: positive raised the risk
   */
  record TimelineReason(String code, String feature, String label, double contribution) {}

  /**
   * One event of the timeline; only the facts of its {@code kind} are set, the others are null.
   *
   * @param kind APPLICATION, DECISION, EXPLANATION, OVERRIDE or OUTCOME
   * @param at when it happened (ISO-8601): submitted, decided, explained, recorded, outcome known
   * @param application what was asked for (Kaggle field names), for an APPLICATION
   * @param decision the scorer's decision, for a DECISION
   * @param reasons the explanation's principal reasons (at most four), for an EXPLANATION
   * @param override the oversight entry (who, why, from what to what), for an OVERRIDE
   * @param defaulted for an OUTCOME: true when the client had payment difficulties
   */
  record TimelineEntry(
      String kind,
      Instant at,
      @JsonProperty("application_id") String applicationId,
      Timelines.TimelineApplication application,
      Timelines.TimelineDecision decision,
      List<TimelineReason> reasons,
      Timelines.TimelineOverride override,
      Boolean defaulted) {}

  /**
   * One point of the score's trend: a decision's probability of default against its threshold.
   *
   * @param decision the automatic decision (GRANTED, REFUSED or REVIEW)
   */
  record TimelineTrendPoint(
      Instant at,
      @JsonProperty("application_id") String applicationId,
      double probability,
      double threshold,
      @JsonProperty("review_low") Double reviewLow,
      @JsonProperty("review_high") Double reviewHigh,
      String decision) {}

  /**
   * A client's timeline.
   *
   * @param clientId the client id, as a string (ids above 2^53 survive a browser)
   * @param events oldest first
   * @param trend the decisions' probabilities, oldest first (decisions the explainer rejected left
   *     out)
   * @param dropped older events of this client that are no longer kept
   * @param eventsKept the most events kept per client
   */
  record Timeline(
      @JsonProperty("client_id") String clientId,
      @JsonProperty("display_name") String displayName,
      List<TimelineEntry> events,
      List<TimelineTrendPoint> trend,
      long dropped,
      @JsonProperty("events_kept") int eventsKept) {}

  private final Timelines timelines;

  TimelineController(Timelines timelines) {
    this.timelines = timelines;
  }

  @Operation(
      summary = "The client's timeline",
      description =
          "Every application, decision, explanation (its principal reasons, in the"
              + " Accept-Language: fr or en), oversight entry and loan outcome of the client that"
              + " the dashboard keeps, oldest first, with the trend of the score. 404 for a client"
              + " it does not know or no longer keeps.")
  @GetMapping(path = "/api/clients/{id}/timeline", produces = MediaType.APPLICATION_JSON_VALUE)
  Timeline timeline(@PathVariable("id") String id, Locale locale) {
    long clientId = ApiErrors.clientId(id);
    boolean french = locale != null && locale.getLanguage().equals("fr");
    Timelines.Snapshot s =
        timelines
            .timeline(clientId)
            .orElseThrow(
                () ->
                    new ApiErrors.NotFound(
                        french
                            ? "le client "
                                + clientId
                                + " n'a pas d'historique ici : le tableau de bord garde celui"
                                + " des "
                                + timelines.clientCapacity()
                                + " clients les plus récemment actifs"
                            : "no client "
                                + clientId
                                + " has a timeline here: the dashboard keeps that of the "
                                + timelines.clientCapacity()
                                + " most recently active clients"));
    FeatureDescriptions words = Explanations.words(locale);
    List<TimelineEntry> entries = new ArrayList<>(s.events().size());
    List<TimelineTrendPoint> trend = new ArrayList<>();
    for (Timelines.Event e : s.events()) {
      List<TimelineReason> reasons = null;
      if (e.reasons() != null) {
        reasons = new ArrayList<>(e.reasons().size());
        for (Timelines.ReasonCode r : e.reasons()) {
          reasons.add(new TimelineReason(r.code(), r.feature(), label(r, words), r.contribution()));
        }
      }
      entries.add(
          new TimelineEntry(
              e.kind().name(),
              e.at(),
              e.applicationId(),
              e.application(),
              e.decision(),
              reasons,
              e.override(),
              e.defaulted()));
      Timelines.TimelineDecision d = e.decision();
      if (d != null && d.rejection() == null) {
        trend.add(
            new TimelineTrendPoint(
                e.at(),
                e.applicationId(),
                d.probability(),
                d.threshold(),
                d.reviewLow(),
                d.reviewHigh(),
                d.decision()));
      }
    }
    return new Timeline(
        Long.toString(clientId),
        DisplayNames.of(clientId),
        entries,
        trend,
        s.dropped(),
        timelines.perClient());
  }

  private static String label(Timelines.ReasonCode r, FeatureDescriptions words) {
    Optional<ReasonFamily> family = ReasonFamily.ofCode(r.code());
    if (family.isPresent()) {
      return words.familyLabel(family.get());
    }
    try {
      return words.label(r.feature());
    } catch (RuntimeException unknown) {
      // A feature this model does not know (another version's): its name is its label.
      return r.feature();
    }
  }
}
