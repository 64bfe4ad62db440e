package fr.pretadepenser.scoring.schemas;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds records with every field set from the schema alone, so that a field added later is covered
 * by the round-trip tests without touching them. Each value is distinct (a running counter) so that
 * two swapped fields would not compare equal.
 */
final class SampleRecords {

  private final SpecificData model;
  private final boolean nullsWherePossible;
  private final int unionBranch;
  private int counter = 1;

  private SampleRecords(SpecificData model, boolean nullsWherePossible, int unionBranch) {
    this.model = model;
    this.nullsWherePossible = nullsWherePossible;
    this.unionBranch = unionBranch;
  }

  /** Every optional field set to a value, every array with two elements. */
  static <T extends SpecificRecord> T full(Class<T> type) {
    return full(type, 0);
  }

  /** As {@link #full(Class)}, choosing branch {@code unionBranch} of non-null unions. */
  static <T extends SpecificRecord> T full(Class<T> type, int unionBranch) {
    return build(type, false, unionBranch);
  }

  /** Every nullable field null, every array empty. */
  static <T extends SpecificRecord> T sparse(Class<T> type) {
    return build(type, true, 0);
  }

  private static <T extends SpecificRecord> T build(Class<T> type, boolean nulls, int unionBranch) {
    TrustedEventClasses.install();
    SpecificData model = SpecificData.getForClass(type);
    return type.cast(new SampleRecords(model, nulls, unionBranch).value(model.getSchema(type)));
  }

  private Object value(Schema schema) {
    int n = counter++;
    if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
      return Instant.ofEpochMilli(1_700_000_000_000L + n);
    }
    return switch (schema.getType()) {
      case RECORD -> record(schema);
      case UNION -> union(schema);
      case ARRAY ->
          nullsWherePossible
              ? List.of()
              : List.of(value(schema.getElementType()), value(schema.getElementType()));
      case MAP ->
          nullsWherePossible
              ? java.util.Map.of()
              : java.util.Map.of(
                  "key-" + n,
                  value(schema.getValueType()),
                  "key-" + (n + 1),
                  value(schema.getValueType()));
      case ENUM ->
          model.createEnum(schema.getEnumSymbols().get(n % schema.getEnumSymbols().size()), schema);
      case STRING -> "text-" + n;
      case BYTES -> ByteBuffer.wrap(new byte[] {(byte) n, 0, (byte) 0xC3});
      case INT -> n;
      case LONG -> 1_000_000L + n;
      case FLOAT -> n + 0.25f;
      case DOUBLE -> n + 0.125;
      case BOOLEAN -> n % 2 == 0;
      case NULL -> null;
      default -> throw new IllegalArgumentException("No sample for " + schema);
    };
  }

  private Object record(Schema schema) {
    SpecificRecord record = (SpecificRecord) model.newRecord(null, schema);
    for (Schema.Field field : schema.getFields()) {
      record.put(field.pos(), value(field.schema()));
    }
    return record;
  }

  private Object union(Schema schema) {
    List<Schema> branches =
        schema.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
    if (nullsWherePossible && branches.size() < schema.getTypes().size()) {
      return null;
    }
    return value(branches.get(unionBranch % branches.size()));
  }
}
