package fr.pretadepenser.scoring.schemas;

import java.util.Objects;

/**
 * Why one field of an event is not acceptable, in words a caller can act on.
 *
 * @param field the Avro field name (the Kaggle column name for applications)
 * @param message what is wrong, e.g. {@code "must be > 0"}
 */
public record Violation(String field, String message) {

  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + " " + message;
  }
}
