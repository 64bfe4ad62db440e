package fr.pretadepenser.scoring.ingest;

/**
 * Ingest cannot go on for a reason the user can fix (Kafka unreachable, a topic missing, a bad
 * option); the message says what and how, without a stack trace being needed.
 */
public final class IngestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IngestException(String message) {
    super(message);
  }

  public IngestException(String message, Throwable cause) {
    super(message, cause);
  }
}
