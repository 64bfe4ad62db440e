package fr.pretadepenser.scoring.schemas;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * BACKWARD compatibility as Avro defines it: a consumer on the new schema (reader) can read every
 * event written with an older one (writer). This is the order that matters here because consumers
 * (scorer, explainer, dashboard) may be upgraded before the producers, and topics and state stores
 * keep old events.
 */
final class BackwardCompatibility {

  private BackwardCompatibility() {}

  /** Why {@code reader} cannot read data written with {@code writer}; empty when it can. */
  static List<String> problems(Schema reader, Schema writer) {
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
        .getResult()
        .getIncompatibilities()
        .stream()
        .map(BackwardCompatibility::describe)
        .toList();
  }

  private static String describe(Incompatibility incompatibility) {
    return incompatibility.getType()
        + " at "
        + incompatibility.getLocation()
        + ": "
        + incompatibility.getMessage();
  }
}
