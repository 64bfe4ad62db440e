package fr.pretadepenser.scoring.intake;

import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.schemas.Violation;
import io.swagger.v3.oas.annotations.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /api/applications}: 202 once Kafka has the application (or when this application id
 * was already received with the same values: {@code "already_received": true}, not published
 * again), 409 when it was received with other values, 400 with every problem, 503 when Kafka cannot
 * take it now.
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

  /** The answer's field saying whether the application id had already been received here. */
  public static final String ALREADY_RECEIVED = "already_received";

  /** The answer's field with the decision's id, when the application is known to be decided. */
  public static final String DECISION_ID = "decision_id";

  private final ApplicationJson json = new ApplicationJson();
  private final ApplicationPublisher publisher;
  private final ReceivedApplications received;
  private final DecisionIds decisions;

  /** A route that remembers the last {@value ReceivedApplications#DEFAULT_CAPACITY} ids. */
  public ApplicationController(ApplicationPublisher publisher) {
    this(publisher, Optional.empty(), Optional.empty());
  }

  /**
   * Spring builds the imported controller with this one: a mounting application may declare a
   * {@link ReceivedApplications} bean (its own bound) and a {@link DecisionIds} bean (where decided
   * applications are known).
   */
  @Autowired
  public ApplicationController(
      ApplicationPublisher publisher,
      Optional<ReceivedApplications> received,
      Optional<DecisionIds> decisions) {
    this.publisher = publisher;
    this.received =
        received.orElseGet(() -> new ReceivedApplications(ReceivedApplications.DEFAULT_CAPACITY));
    this.decisions = decisions.orElse(applicationId -> Optional.empty());
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
          "JSON with the Kaggle column names (application_id and submitted_at optional; send an"
              + " application_id so that a re-send is recognised). 202 when Kafka has it, with"
              + " already_received true (and decision_id once decided) for an application id"
              + " this intake has already received with the same values: it is not published"
              + " again; 409 for that id with other values. 400 naming every"
              + " bad field (the submission time's messages in the Accept-Language, fr or en), 503"
              + " when Kafka is unavailable.")
  @PostMapping(path = "/api/applications", produces = MediaType.APPLICATION_JSON_VALUE)
  public Mono<ResponseEntity<Object>> submit(
      @RequestBody(required = false) String body, Locale locale) {
    ApplicationJson.Parsed parsed = json.parse(body, locale);
    if (!parsed.ok()) {
      return Mono.just(ResponseEntity.badRequest().body(new Errors(parsed.errors())));
    }
    LoanApplication application = parsed.application();
    String id = application.getApplicationId();
    switch (received.claim(application)) {
      case SAME -> {
        // Published once already (or being published): the scorer decides an application once.
        return Mono.fromCallable(() -> ResponseEntity.accepted().body(answer(application, true)))
            .subscribeOn(Schedulers.boundedElastic());
      }
      case DIFFERENT -> {
        return Mono.just(
            ResponseEntity.status(HttpStatus.CONFLICT).body(new Failure(conflict(id, locale))));
      }
      case NEW -> {
        // Published below.
      }
    }
    return publisher
        .publish(application)
        .map(metadata -> ResponseEntity.accepted().body(answer(application, false)))
        .onErrorResume(
            e -> {
              // Not published: a re-send must be.
              received.release(id);
              return e instanceof KafkaUnavailableException unavailable
                  ? unavailable(application, unavailable, locale)
                  : Mono.error(e);
            });
  }

  /**
   * The 409's words: the id is the idempotency key, so a changed application under the same id is
   * not a re-send; it would be decided on the first values (the scorer dead-letters the second).
   */
  static String conflict(String applicationId, Locale locale) {
    String id = applicationId.length() > 64 ? applicationId.substring(0, 64) + "…" : applicationId;
    return locale != null && locale.getLanguage().equals("fr")
        ? "l’identifiant de demande "
            + id
            + " a déjà été reçu avec d’autres valeurs : une demande est décidée une fois, sur ses"
            + " premières valeurs ; envoyez la demande modifiée avec un nouvel application_id"
        : "application id "
            + id
            + " was already received with other values: an application is decided once, on its"
            + " first values; send the changed application with a new application_id";
  }

  private Object answer(LoanApplication application, boolean alreadyReceived) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(ApplicationJson.APPLICATION_ID, application.getApplicationId());
    // As text, as every client id the dashboard writes: a browser reads a JSON number as a double
    // and would round an id above 2^53.
    body.put("SK_ID_CURR", Long.toString(application.getSKIDCURR()));
    body.put(ALREADY_RECEIVED, alreadyReceived);
    if (alreadyReceived) {
      decisions.of(application.getApplicationId()).ifPresent(d -> body.put(DECISION_ID, d));
    }
    return body;
  }

  private static Mono<ResponseEntity<Object>> unavailable(
      LoanApplication application, KafkaUnavailableException e, Locale locale) {
    boolean french = locale != null && locale.getLanguage().equals("fr");
    // The application's id and the reason, never its fields: no personal data in logs.
    LOG.warn("application {} not accepted: {}", application.getApplicationId(), e.getMessage());
    return Mono.just(
        ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
            .body(
                new Failure(
                    (french
                            ? "Kafka est indisponible, la demande n'a pas été acceptée ; renvoyez-la"
                                + " plus tard ("
                            : "Kafka is unavailable, the application was not accepted; send it"
                                + " again later (")
                        + e.getMessage()
                        + ")")));
  }
}
