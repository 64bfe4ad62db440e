package fr.pretadepenser.scoring.features;

import java.util.List;
import org.apache.avro.Schema;

/** Reading Avro fields as the kernel's pandas columns see them. */
final class AvroValues {

  private AvroValues() {}

  /** A numeric field as a double; null (a gap in the data) is NaN. */
  static double number(Object value) {
    return value == null ? Double.NaN : ((Number) value).doubleValue();
  }

  /** A string field as a Java String, whatever Avro string representation it was read with. */
  static String string(Object value) {
    return value == null ? null : value.toString();
  }

  /** A history list, empty when absent: no rows and a missing table mean the same here. */
  static <T> List<T> rows(List<T> list) {
    return list == null ? List.of() : list;
  }

  /** Position of {@code column} in {@code schema}, or a clear error if the schema lacks it. */
  static int position(Schema schema, String column) {
    Schema.Field field = schema.getField(column);
    if (field == null) {
      throw new IllegalStateException(schema.getName() + " has no field " + column);
    }
    return field.pos();
  }
}
