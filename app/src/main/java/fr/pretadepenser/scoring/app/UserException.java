package fr.pretadepenser.scoring.app;

/**
 * A mistake the user can fix (a bad option value, a folder that is not a bundle), told in one line
 * without a stack trace.
 */
final class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UserException(String message) {
    super(message);
  }

  UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
