package fr.pretadepenser.scoring.ingest.intake;

import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.schemas.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/applications}: 202 once Kafka has the application, 400 with every problem, 503
 * when Kafka cannot take it now.
 */
@RestController
class ApplicationController {

  private static final Logger LOG = LoggerFactory.getLogger(ApplicationController.class);

  /** Seconds a client is asked to wait before sending again after a 503. */
  static final String RETRY_AFTER_SECONDS = "5";

  private final ApplicationJson json;
  private final ApplicationPublisher publisher;

  ApplicationController(ApplicationJson json, ApplicationPublisher publisher) {
    this.json = json;
    this.publisher = publisher;
  }

  /** Problems with the request, one per field; the body's JSON is {@code {"errors": [...]}}. */
  record Errors(List<Violation> errors) {}

  /** Why the application was not accepted although it was valid. */
  record Failure(String error) {}

  // The body is read as text and parsed here, so that malformed JSON gets the same 400 format as
  // any other problem instead of the framework's own error page.
  @PostMapping(path = "/api/applications", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> submit(@RequestBody(required = false) String body) {
    ApplicationJson.Parsed parsed = json.parse(body);
    if (!parsed.ok()) {
      return Mono.just(ResponseEntity.badRequest().body(new Errors(parsed.errors())));
    }
    LoanApplication application = parsed.application();
    return publisher
        .publish(application)
        .map(metadata -> ResponseEntity.accepted().body(accepted(application)))
        .onErrorResume(KafkaUnavailableException.class, e -> unavailable(application, e));
  }

  private static Object accepted(LoanApplication application) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(ApplicationJson.APPLICATION_ID, application.getApplicationId());
    body.put("SK_ID_CURR", application.getSKIDCURR());
    return body;
  }

  private static Mono<ResponseEntity<Object>> unavailable(
      LoanApplication application, KafkaUnavailableException e) {
    LOG.warn("application {} not accepted: {}", application.getApplicationId(), e.getMessage());
    return Mono.just(
        ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
            .body(
                new Failure(
                    "Kafka is unavailable, the application was not accepted; send it again"
                        + " later ("
                        + e.getMessage()
                        + ")")));
  }
}
