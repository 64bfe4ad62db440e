package fr.pretadepenser.scoring.dashboard.security;

import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;

/**
 * A login attempt refused before its password was checked: its address or user name is locked after
 * failed attempts (429), or the pool that checks passwords is full (503). Either way the client is
 * told when to try again.
 */
final class LoginRefused extends AuthenticationException {

  private static final long serialVersionUID = 1L;

  private final transient HttpStatus status;
  private final transient Duration retryAfter;

  private LoginRefused(String message, HttpStatus status, Duration retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  static LoginRefused locked(Duration retryAfter) {
    return new LoginRefused(
        "too many failed logins: locked", HttpStatus.TOO_MANY_REQUESTS, retryAfter);
  }

  static LoginRefused busy() {
    return new LoginRefused(
        "the password checks are all busy", HttpStatus.SERVICE_UNAVAILABLE, Duration.ofSeconds(1));
  }

  HttpStatus status() {
    return status;
  }

  /** Whole seconds to wait, at least one (the {@code Retry-After} header's unit). */
  long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }

  boolean locked() {
    return status == HttpStatus.TOO_MANY_REQUESTS;
  }
}
