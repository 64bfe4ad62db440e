package fr.pretadepenser.scoring.schemas;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Names any top-level event schema by its fingerprint, so that a record sent to the wrong topic is
 * reported as "this is a Decision", not just "unknown fingerprint".
 */
final class KnownEventSchemas {

  private KnownEventSchemas() {}

  /** e.g. "fr.pretadepenser.scoring.events.Decision (current)", or null when unknown. */
  static String describe(long fingerprint) {
    return Holder.BY_FINGERPRINT.get(fingerprint);
  }

  // Built on first use only: a serde that never meets a foreign record never reads the history.
  private static final class Holder {
    static final Map<Long, String> BY_FINGERPRINT = build();

    private static Map<Long, String> build() {
      Map<Long, String> names = new HashMap<>();
      for (Class<? extends SpecificRecord> type : SchemaHistory.TOP_LEVEL_TYPES) {
        String fullName = SchemaHistory.current(type).getFullName();
        for (SchemaHistory.Version version : SchemaHistory.committed(type)) {
          names.put(version.fingerprint(), fullName + " (v" + version.number() + ")");
        }
        names.put(SchemaHistory.fingerprint(SchemaHistory.current(type)), fullName + " (current)");
      }
      return Map.copyOf(names);
    }
  }
}
