package fr.pretadepenser.scoring.schemas;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOverride;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.events.LoanOutcome;
import fr.pretadepenser.scoring.events.ModelAlert;
import fr.pretadepenser.scoring.events.MonitoringSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The committed versions of each top-level schema, read from the classpath at {@code
 * schemas/history/<SimpleName>/v<N>.avsc}.
 *
 * <p>Versions are numbered from 1 without gaps: lookup stops at the first missing number, which
 * works the same from a directory and from inside a jar (a jar cannot be listed portably).
 */
final class SchemaHistory {

  static final String ROOT = "schemas/history";

  /** The types that travel on a topic or live in a state store: each one's history is guarded. */
  static final List<Class<? extends SpecificRecord>> TOP_LEVEL_TYPES =
      List.of(
          ClientHistory.class,
          ClientHistoryEvent.class,
          LoanApplication.class,
          Decision.class,
          ExplainedDecision.class,
          DeadLetter.class,
          LoanOutcome.class,
          MonitoringSnapshot.class,
          ModelAlert.class,
          DecisionOverride.class);

  /** One committed schema version. */
  record Version(String typeName, int number, Schema schema) {
    long fingerprint() {
      return SchemaHistory.fingerprint(schema);
    }

    @Override
    public String toString() {
      return typeName + " v" + number;
    }
  }

  private SchemaHistory() {}

  /** The schema the generated class was built from. */
  static Schema current(Class<? extends SpecificRecord> type) {
    return SpecificData.getForClass(type).getSchema(type);
  }

  /** CRC-64-AVRO of the parsing canonical form: what single-object encoding writes on the wire. */
  static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  static String resourcePath(String typeName, int version) {
    return ROOT + "/" + typeName + "/v" + version + ".avsc";
  }

  /** Every committed version of this type, oldest first; empty when none is committed. */
  static List<Version> committed(Class<? extends SpecificRecord> type) {
    Schema current = current(type);
    String typeName = current.getName();
    ClassLoader loader = SchemaHistory.class.getClassLoader();
    List<Version> versions = new ArrayList<>();
    for (int number = 1; ; number++) {
      String path = resourcePath(typeName, number);
      try (InputStream in = loader.getResourceAsStream(path)) {
        if (in == null) {
          return List.copyOf(versions);
        }
        Schema schema = new Schema.Parser().parse(in);
        // A version filed under the wrong name would never resolve against the reader: say so now.
        if (!schema.getFullName().equals(current.getFullName())) {
          throw new IllegalStateException(
              path + " holds " + schema.getFullName() + ", expected " + current.getFullName());
        }
        versions.add(new Version(typeName, number, schema));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + path, e);
      }
    }
  }
}
