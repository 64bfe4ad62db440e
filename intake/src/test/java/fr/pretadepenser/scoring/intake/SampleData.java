package fr.pretadepenser.scoring.intake;

import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The real 1% Kaggle sample shipped with the repository, loaded once per test JVM (the part of
 * ingest's test helper of the same name that the intake's tests use).
 */
final class SampleData {

  static final Path SAMPLE = Path.of("..", "data", "home-credit-sample");

  private static HomeCreditData data;

  private SampleData() {}

  static synchronized HomeCreditData data() {
    if (data == null) {
      data = HomeCreditData.load(SAMPLE, Instant.parse("2026-01-02T03:04:05Z"));
    }
    return data;
  }

  /** The application as a JSON object's fields: what an origination system would send. */
  static Map<String, Object> asJson(LoanApplication application) {
    Map<String, Object> json = new LinkedHashMap<>();
    for (Schema.Field f : LoanApplication.getClassSchema().getFields()) {
      Object value = application.get(f.pos());
      json.put(f.name(), value instanceof Instant i ? i.toString() : value);
    }
    return json;
  }
}
