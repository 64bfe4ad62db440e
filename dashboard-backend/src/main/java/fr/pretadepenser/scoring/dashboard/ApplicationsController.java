package fr.pretadepenser.scoring.dashboard;

import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.ingest.intake.ApplicationJson;
import fr.pretadepenser.scoring.ingest.intake.ApplicationPublisher;
import fr.pretadepenser.scoring.ingest.intake.KafkaUnavailableException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.LinkedHashMap;
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
 * {@code POST /api/applications}: the new-application form. The body is read exactly as the HTTP
 * intake reads it (same field names, types and rules, same 400 messages), then published to {@code
 * loan-applications} by the intake's publisher; its decision comes back on the live stream like any
 * other.
 */
@RestController
class ApplicationsController {

  private static final Logger LOG = LoggerFactory.getLogger(ApplicationsController.class);

  private final ApplicationJson json = new ApplicationJson();
  private final ApplicationPublisher publisher;

  ApplicationsController(ApplicationPublisher publisher) {
    this.publisher = publisher;
  }

  @Operation(
      summary = "Submit a new loan application",
      description =
          "JSON with the Kaggle column names (application_id and submitted_at optional). 202 when"
              + " Kafka has it, 400 naming every bad field, 503 when Kafka is unavailable.")
  @PostMapping(path = "/api/applications", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Object>> submit(@RequestBody(required = false) String body) {
    ApplicationJson.Parsed parsed = json.parse(body);
    if (!parsed.ok()) {
      return Mono.just(ResponseEntity.badRequest().body(new ApiErrors.Errors(parsed.errors())));
    }
    LoanApplication application = parsed.application();
    return publisher
        .publish(application)
        .map(
            metadata -> {
              Map<String, Object> accepted = new LinkedHashMap<>();
              accepted.put(ApplicationJson.APPLICATION_ID, application.getApplicationId());
              accepted.put("SK_ID_CURR", application.getSKIDCURR());
              return ResponseEntity.accepted().body((Object) accepted);
            })
        .onErrorResume(
            KafkaUnavailableException.class,
            e -> {
              // The reason, not the application: no personal data in logs.
              LOG.warn("an application was not published: {}", e.toString());
              return Mono.just(
                  ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                      .header(HttpHeaders.RETRY_AFTER, "5")
                      .body(
                          new ApiErrors.Failure(
                              "Kafka did not take the application; send it again later")));
            });
  }
}
