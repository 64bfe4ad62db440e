package fr.pretadepenser.scoring.dashboard.oversight;

import fr.pretadepenser.scoring.dashboard.security.SignedIn;
import fr.pretadepenser.scoring.dashboard.web.Blocking;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The review queue, decisions by people and the trail. Thin: the rules are {@link Oversight}'s;
 * appends wait for Kafka, so they run on the bounded pool, never on an event loop.
 */
@RestController
class OversightController {

  private final Oversight oversight;
  private final Blocking blocking;

  OversightController(Oversight oversight, Blocking blocking) {
    this.oversight = oversight;
    this.blocking = blocking;
  }

  @Operation(
      summary = "A person decides a case in review, or a supervisor overrides a decision",
      description =
          "Body {\"decision\": \"GRANTED\"|\"REFUSED\", \"category\": one of OverrideCategory,"
              + " \"reason\": 1 to 2000 characters}. A case in REVIEW is decided by an advisor or"
              + " a supervisor (DECIDE_REVIEW); any other decision in force only by a supervisor"
              + " (OVERRIDE; 403 for an advisor). 201 with the recorded entry of the hash-chained"
              + " trail (decision-overrides); 400 naming the field in the Accept-Language; 404"
              + " unknown application; 409 when the decision in force is already the one asked;"
              + " 503 when Kafka cannot take it now (nothing recorded).")
  @PostMapping(
      path = "/api/decisions/{applicationId}/override",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<TrailEntry>> override(
      @PathVariable("applicationId") String applicationId,
      @RequestBody(required = false) String body) {
    return SignedIn.current()
        .flatMap(actor -> blocking.call(() -> oversight.override(applicationId, body, actor)))
        .map(entry -> ResponseEntity.status(HttpStatus.CREATED).body(entry));
  }

  @Operation(
      summary = "Take a case in review from the queue",
      description =
          "Records a TAKE entry: the case is the person's until someone else takes it. 201 with"
              + " the entry; 404 unknown application; 409 not in review, or already yours.")
  @PostMapping(
      path = "/api/decisions/{applicationId}/take",
      produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<TrailEntry>> take(@PathVariable("applicationId") String applicationId) {
    return SignedIn.current()
        .flatMap(actor -> blocking.call(() -> oversight.take(applicationId, actor)))
        .map(entry -> ResponseEntity.status(HttpStatus.CREATED).body(entry));
  }

  @Operation(
      summary = "The trail of an application",
      description =
          "The automatic decision, the decision in force, who took the case, and the trail's"
              + " latest entries, oldest first. 404 when neither a decision nor an entry is known.")
  @GetMapping(
      path = "/api/decisions/{applicationId}/trail",
      produces = MediaType.APPLICATION_JSON_VALUE)
  Oversight.Trail trail(@PathVariable("applicationId") String applicationId) {
    return oversight.trail(applicationId);
  }

  @Operation(
      summary = "The review queue",
      description =
          "Cases in REVIEW that nobody decided yet, oldest decision first. Filters: taken"
              + " (taken|untaken|all), mine (true: the ones I took), min_risk and max_risk"
              + " (probability of default); page from 0, size 1 to 100 (default 20).")
  @GetMapping(path = "/api/review-queue", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<Oversight.QueuePage> queue(
      @RequestParam(name = "taken", required = false) String taken,
      @RequestParam(name = "mine", required = false) String mine,
      @RequestParam(name = "min_risk", required = false) String minRisk,
      @RequestParam(name = "max_risk", required = false) String maxRisk,
      @RequestParam(name = "page", required = false) String page,
      @RequestParam(name = "size", required = false) String size) {
    return SignedIn.current()
        .flatMap(
            actor ->
                blocking.call(
                    () -> oversight.queue(taken, mine, minRisk, maxRisk, page, size, actor)));
  }
}
