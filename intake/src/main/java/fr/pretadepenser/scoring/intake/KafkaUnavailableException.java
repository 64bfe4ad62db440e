package fr.pretadepenser.scoring.intake;

/** Kafka did not take the application in time; the client may send it again later. */
public final class KafkaUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KafkaUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
