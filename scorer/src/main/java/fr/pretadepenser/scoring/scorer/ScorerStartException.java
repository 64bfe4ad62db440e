package fr.pretadepenser.scoring.scorer;

/** The scorer cannot start, for a reason an operator can fix; the message says what to do. */
public class ScorerStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ScorerStartException(String message) {
    super(message);
  }

  public ScorerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
