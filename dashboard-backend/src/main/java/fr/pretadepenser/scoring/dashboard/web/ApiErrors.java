package fr.pretadepenser.scoring.dashboard.web;

import fr.pretadepenser.scoring.schemas.Violation;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The API's error bodies: 400 {@code {"errors": [{"field", "message"}, ...]}} naming every bad
 * field, 404 and 409 {@code {"error": "..."}}, 503 when the compute pool is full.
 */
@RestControllerAdvice
public class ApiErrors {

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

  /** The request conflicts with what is known (409): e.g. a what-if on a rejected decision. */
  public static final class Conflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@code message} is the body's {@code error}. */
    public Conflict(String message) {
      super(message, null, false, false);
    }
  }

  @ExceptionHandler(Conflict.class)
  ResponseEntity<Failure> conflict(Conflict e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(new Failure(e.getMessage()));
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
  ResponseEntity<Errors> badRequest(BadRequest e) {
    return ResponseEntity.badRequest().body(new Errors(e.errors()));
  }

  @ExceptionHandler(NotFound.class)
  ResponseEntity<Failure> notFound(NotFound e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Failure(e.getMessage()));
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
