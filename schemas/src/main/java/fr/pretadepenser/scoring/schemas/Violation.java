package fr.pretadepenser.scoring.schemas;

import java.util.Objects;

/**
 * Why one field of an event is not acceptable, in words a caller can act on, and the rule it breaks
 * as a stable code a program can act on.
 *
 * @param field the Avro field name (the Kaggle column name for applications): for a rule between
 *     two fields, the one to change
 * @param message what is wrong, e.g. {@code "must be > 0"}; English (the intake translates it)
 * @param rule the rule's code: an {@link ApplicationRules.Rule} name for the application rules, or
 *     {@link #INVALID} for a problem that no named rule covers (a request parameter, say)
 */
public record Violation(String field, String message, String rule) {

  /** The rule code of a violation that names no rule. */
  public static final String INVALID = "INVALID";

  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(rule, "rule");
  }

  /** A violation of no named rule ({@link #INVALID}). */
  public Violation(String field, String message) {
    this(field, message, INVALID);
  }

  /** A violation of one of the application rules. */
  public Violation(String field, String message, ApplicationRules.Rule rule) {
    this(field, message, rule.name());
  }

  /** This violation with its message in other words (a translation), field and rule kept. */
  public Violation withMessage(String otherWords) {
    return new Violation(field, otherWords, rule);
  }

  /** {@code "FIELD message"}: the words of a dead letter's reason (the rule code left out). */
  @Override
  public String toString() {
    return field + " " + message;
  }
}
