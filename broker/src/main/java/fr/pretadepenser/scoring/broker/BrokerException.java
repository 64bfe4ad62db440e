package fr.pretadepenser.scoring.broker;

/** The broker could not start, or topics could not be set up; the message says why. */
public final class BrokerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BrokerException(String message) {
    super(message);
  }

  public BrokerException(String message, Throwable cause) {
    super(message, cause);
  }
}
