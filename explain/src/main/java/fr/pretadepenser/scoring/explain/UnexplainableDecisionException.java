package fr.pretadepenser.scoring.explain;

/**
 * A decision this explainer must not explain, with the reason for a person to read: it was made by
 * another model version, its feature vector has the wrong width, or the explanation does not add up
 * to the decision's probability. The Kafka service sends such decisions to the dead-letter topic.
 */
public final class UnexplainableDecisionException extends RuntimeException {

  /** Why, for metrics and tests. */
  public enum Kind {
    OTHER_MODEL_VERSION,
    WRONG_FEATURE_COUNT,
    INVARIANT_VIOLATED
  }

  private final Kind kind;

  public UnexplainableDecisionException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
