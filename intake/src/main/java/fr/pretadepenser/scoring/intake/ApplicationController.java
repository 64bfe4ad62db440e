package fr.pretadepenser.scoring.intake;

import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.schemas.Violation;
import io.swagger.v3.oas.annotations.Operation;
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
 *
 * <p>The one intake route: the HTTP intake service and the dashboard's new-application form both
 * mount this class ({@code @Import(ApplicationController.class)} beside an {@link
 * ApplicationPublisher} bean), so both answer with the same messages. Who may call it is the
 * mounting service's business: the dashboard puts it behind its login and CSRF check, the intake
 * leaves it open to origination systems.
 */
@RestController
public class ApplicationController {

  private static final Logger LOG = LoggerFactory.getLogger(ApplicationController.class);

  /** Seconds a client is asked to wait before sending again after a 503. */
  static final String RETRY_AFTER_SECONDS = "5";

  private final ApplicationJson json = new ApplicationJson();
  private final ApplicationPublisher publisher;

  // One constructor: Spring builds the imported controller with it.
  public ApplicationController(ApplicationPublisher publisher) {
    this.publisher = publisher;
  }

  /** Problems with the request, one per field; the body's JSON is {@code {"errors": [...]}}. */
  record Errors(List<Violation> errors) {}

  /** Why the application was not accepted although it was valid. */
  record Failure(String error) {}

  // The body is read as text and parsed here, so that malformed JSON gets the same 400 format as
  // any other problem instead of the framework's own error page.
  @Operation(
      summary = "Submit a new loan application",
      description =
          "JSON with the Kaggle column names (application_id and submitted_at optional). 202 when"
              + " Kafka has it, 400 naming every bad field, 503 when Kafka is unavailable.")
  @PostMapping(path = "/api/applications", produces = MediaType.APPLICATION_JSON_VALUE)
  public Mono<ResponseEntity<Object>> submit(@RequestBody(required = false) String body) {
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
    // The application's id and the reason, never its fields: no personal data in logs.
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
