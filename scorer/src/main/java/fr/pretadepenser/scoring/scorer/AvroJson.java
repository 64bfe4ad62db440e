package fr.pretadepenser.scoring.scorer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro records as plain JSON for the query routes: field names as in the schema, unions written as
 * their value (not Avro's {@code {"double": 1.0}} wrapping, which every reader would have to
 * unwrap), timestamps as ISO-8601 strings, bytes in base64.
 *
 * <p>JSON has no NaN or infinity, and a feature vector is full of NaN (missing values). They are
 * written as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} (Jackson's
 * default), which keeps them apart from each other and from null: {@code Number("NaN")} in
 * JavaScript and Jackson's double coercion read them back exactly.
 */
final class AvroJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private AvroJson() {}

  static byte[] toJson(IndexedRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      write(json, record);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof IndexedRecord r) {
      json.writeStartObject();
      for (Schema.Field f : r.getSchema().getFields()) {
        json.writeFieldName(f.name());
        write(json, r.get(f.pos()));
      }
      json.writeEndObject();
    } else if (value instanceof Collection<?> c) {
      json.writeStartArray();
      for (Object item : c) {
        write(json, item);
      }
      json.writeEndArray();
    } else if (value instanceof Map<?, ?> m) {
      json.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        json.writeFieldName(String.valueOf(e.getKey()));
        write(json, e.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof Float f) {
      json.writeNumber(f);
    } else if (value instanceof Double d) {
      json.writeNumber(d);
    } else if (value instanceof Integer i) {
      json.writeNumber(i);
    } else if (value instanceof Long l) {
      json.writeNumber(l);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof ByteBuffer b) {
      byte[] bytes = new byte[b.remaining()];
      b.duplicate().get(bytes);
      json.writeString(Base64.getEncoder().encodeToString(bytes));
    } else if (value instanceof Instant
        || value instanceof CharSequence
        || value instanceof Enum<?>
        || value instanceof GenericEnumSymbol<?>) {
      json.writeString(value.toString());
    } else {
      throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
  }
}
