package fr.pretadepenser.scoring.model;

import java.util.Objects;

/**
 * One application could not be scored: the feature definition or the model failed for it, or the
 * model answered something that is not a probability. About this application only: the streaming
 * scorer turns it into a dead letter and goes on.
 *
 * <p>Without a stack trace of its own: it says which step failed, and its cause (when there is one)
 * carries the trace that matters; a stream of bad records must not pay for thousands of traces.
 */
public final class ScoringException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Which step of {@link ApplicationScorer} failed. */
  public enum Step {
    FEATURES,
    MODEL
  }

  private final Step step;

  public ScoringException(Step step, String message, Throwable cause) {
    super(message, cause, false, false);
    this.step = Objects.requireNonNull(step, "step");
  }

  public ScoringException(Step step, String message) {
    this(step, message, null);
  }

  public Step step() {
    return step;
  }
}
