package fr.pretadepenser.scoring.dashboard.web;

import fr.pretadepenser.scoring.intake.ViolationWords;
import fr.pretadepenser.scoring.schemas.Violation;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/**
 * The API's error bodies: 400 {@code {"errors": [{"field", "message"}, ...]}} naming every bad
 * field, 404 and 409 {@code {"error": "..."}}, 503 when the compute pool is full.
 *
 * <p>Messages are written in English where they arise and put in the request's language here (the
 * Accept-Language: French, else English), field names unchanged: the intake's {@link
 * ViolationWords} (the application rules, the JSON reading) and the dashboard's own below. A
 * message already written in the request's language passes through unchanged.
 */
@RestControllerAdvice
public class ApiErrors {

  /** The French of the dashboard's own English messages (regular expressions, whole message). */
  static final ViolationWords WORDS =
      ViolationWords.intake()
          .with(
              Map.ofEntries(
                  Map.entry(
                      "must be a client id \\(a whole number, SK_ID_CURR\\)",
                      "doit être un identifiant client (un nombre entier, SK_ID_CURR)"),
                  Map.entry(
                      "is required: the client id \\(a whole number\\)",
                      "est obligatoire : l’identifiant client (un nombre entier)"),
                  Map.entry(
                      "is required: an object of field names and new values",
                      "est obligatoire : un objet associant des noms de champs à de nouvelles"
                          + " valeurs"),
                  Map.entry(
                      "cannot be changed in a what-if",
                      "ne peut pas être modifié dans une simulation"),
                  Map.entry(
                      "is not a what-if field \\(clientId, changes\\)",
                      "n’est pas un champ de simulation (clientId, changes)"),
                  Map.entry(
                      "must be 1 to 19 digits \\(the start of a client id\\)",
                      "doit compter de 1 à 19 chiffres (le début d’un identifiant client)"),
                  Map.entry(
                      "must be the name of one of the model's features",
                      "doit être le nom de l’une des variables du modèle"),
                  Map.entry(
                      "must be an event id \\(a whole number >= 0\\)",
                      "doit être un numéro d’événement (un nombre entier >= 0)"),
                  Map.entry(
                      "must be one or more of (.+), separated by commas",
                      "doit valoir une ou plusieurs de ces valeurs, séparées par des virgules :"
                          + " {1}"),
                  Map.entry("is empty: send a JSON object", "est vide : envoyez un objet JSON"),
                  Map.entry("must be a JSON object", "doit être un objet JSON"),
                  Map.entry("must be pdf or html", "doit valoir pdf ou html"),
                  Map.entry("must be fr or en", "doit valoir fr ou en"),
                  Map.entry("no client (\\d+) is known here", "le client {1} n’est pas connu ici"),
                  Map.entry(
                      "client (\\d+) has no application and decision on record here to change",
                      "le client {1} n’a ici ni demande ni décision à modifier"),
                  Map.entry(
                      "this model bundle has no training report",
                      "ce modèle n’a pas de rapport d’entraînement"),
                  // The oversight trail (package oversight).
                  Map.entry(
                      "is required: say why, in 1 to 2000 characters",
                      "est obligatoire : dites pourquoi, en 1 à 2000 caractères"),
                  Map.entry(
                      "must be at most 2000 characters \\(it has (\\d+)\\)",
                      "doit compter au plus 2000 caractères (il en a {1})"),
                  Map.entry(
                      "must be GRANTED or REFUSED",
                      "doit valoir GRANTED (accordé) ou REFUSED (refusé)"),
                  Map.entry(
                      "no decision on application (\\S+) is known here",
                      "aucune décision sur la demande {1} n’est connue ici"),
                  Map.entry(
                      "only a supervisor may override an automatic decision \\((\\w+)\\): an"
                          + " advisor decides the cases in review",
                      "seul un superviseur peut modifier une décision automatique ({1}) : un"
                          + " conseiller décide les dossiers en revue"),
                  Map.entry(
                      "the decision in force is already (\\w+)",
                      "la décision en vigueur est déjà {1}"),
                  Map.entry(
                      "application (\\S+) is not in review: only a case in review is taken",
                      "la demande {1} n’est pas en revue : seul un dossier en revue se prend"),
                  Map.entry(
                      "application (\\S+) is already yours", "la demande {1} est déjà la vôtre"),
                  Map.entry(
                      "the explainer rejected this decision: it cannot be acted upon",
                      "l’explicateur a rejeté cette décision : on ne peut pas y donner suite"),
                  Map.entry(
                      "the oversight trail cannot be written now \\(Kafka\\): send it again in a"
                          + " moment",
                      "la piste de supervision ne peut pas être écrite maintenant (Kafka) :"
                          + " renvoyez la demande dans un instant"),
                  Map.entry("must be taken, untaken or all", "doit valoir taken, untaken ou all"),
                  Map.entry(
                      "must be a probability between 0 and 1",
                      "doit être une probabilité entre 0 et 1"),
                  Map.entry("must be true or false", "doit valoir true ou false"),
                  Map.entry(
                      "is not an override field \\(decision, category, reason\\)",
                      "n’est pas un champ de décision (decision, category, reason)"),
                  Map.entry(
                      "must be an application id of 1 to 128 characters",
                      "doit être un identifiant de demande de 1 à 128 caractères")));

  record Errors(List<Violation> errors) {}

  record Failure(String error) {}

  /** Bad input (400); the message of each violation completes "FIELD ...". */
  public static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Violation> errors;

    /** Every bad field at once. */
    public BadRequest(List<Violation> errors) {
      super(errors.toString(), null, false, false);
      this.errors = List.copyOf(errors);
    }

    /** One bad field. */
    public BadRequest(String field, String message) {
      this(List.of(new Violation(field, message)));
    }

    List<Violation> errors() {
      return errors;
    }
  }

  /** Nothing known under that id (404). */
  public static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@code message} is the body's {@code error}. */
    public NotFound(String message) {
      super(message, null, false, false);
    }
  }

  /** The user's role does not allow it (403): e.g. an advisor overriding an automatic decision. */
  public static final class Forbidden extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@code message} is the body's {@code error}. */
    public Forbidden(String message) {
      super(message, null, false, false);
    }
  }

  /** What the request needs is out of reach for now (503, to be sent again): e.g. Kafka. */
  public static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@code message} is the body's {@code error}. */
    public Unavailable(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }

  /** The request conflicts with what is known (409): e.g. a what-if on a rejected decision. */
  public static final class Conflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@code message} is the body's {@code error}. */
    public Conflict(String message) {
      super(message, null, false, false);
    }
  }

  @ExceptionHandler(Forbidden.class)
  ResponseEntity<Failure> forbidden(Forbidden e, ServerWebExchange exchange) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .body(new Failure(WORDS.message(e.getMessage(), locale(exchange))));
  }

  @ExceptionHandler(Unavailable.class)
  ResponseEntity<Failure> unavailable(Unavailable e, ServerWebExchange exchange) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "5")
        .body(new Failure(WORDS.message(e.getMessage(), locale(exchange))));
  }

  @ExceptionHandler(Conflict.class)
  ResponseEntity<Failure> conflict(Conflict e, ServerWebExchange exchange) {
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .body(new Failure(WORDS.message(e.getMessage(), locale(exchange))));
  }

  /** The compute pool is full ({@link Blocking}): 503, to be sent again shortly. */
  @ExceptionHandler(RejectedExecutionException.class)
  ResponseEntity<Failure> busy(RejectedExecutionException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "2")
        .body(
            new Failure(
                "The dashboard is busy, send the request again in a moment / Le tableau de bord"
                    + " est occupé, renvoyez la demande dans un instant"));
  }

  @ExceptionHandler(BadRequest.class)
  ResponseEntity<Errors> badRequest(BadRequest e, ServerWebExchange exchange) {
    return ResponseEntity.badRequest()
        .body(new Errors(WORDS.violations(e.errors(), locale(exchange))));
  }

  @ExceptionHandler(NotFound.class)
  ResponseEntity<Failure> notFound(NotFound e, ServerWebExchange exchange) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(new Failure(WORDS.message(e.getMessage(), locale(exchange))));
  }

  /** The request's Accept-Language, as the controllers' {@code Locale} parameter reads it. */
  private static Locale locale(ServerWebExchange exchange) {
    return exchange.getLocaleContext().getLocale();
  }

  /** Throws {@link BadRequest} when {@code errors} is not empty. */
  public static void check(List<Violation> errors) {
    if (!errors.isEmpty()) {
      throw new BadRequest(errors);
    }
  }

  /** A whole number parameter in [min, max], {@code fallback} when absent. */
  public static int intParam(
      String name, String raw, int fallback, int min, int max, List<Violation> errors) {
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v < min || v > max) {
        errors.add(new Violation(name, "must be between " + min + " and " + max));
        return fallback;
      }
      return v;
    } catch (NumberFormatException e) {
      errors.add(new Violation(name, "must be a whole number"));
      return fallback;
    }
  }

  /** A client id path segment. */
  public static long clientId(String raw) {
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new BadRequest("id", "must be a client id (a whole number, SK_ID_CURR)");
    }
  }
}
