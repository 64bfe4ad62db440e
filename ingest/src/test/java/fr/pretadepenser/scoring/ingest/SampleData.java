package fr.pretadepenser.scoring.ingest;

import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/** The real 1% Kaggle sample shipped with the repository, loaded once per test JVM. */
public final class SampleData {

  public static final Path SAMPLE = Path.of("..", "data", "home-credit-sample");
  public static final int APPLICANTS = 3_076;

  /** Bureau credits + previous applications + POS/cash + instalments + card months. */
  public static final long HISTORY_EVENTS = 14_840L + 14_089 + 84_591 + 112_566 + 28_876;

  private static HomeCreditData data;

  private SampleData() {}

  public static synchronized HomeCreditData data() {
    if (data == null) {
      data = HomeCreditData.load(SAMPLE, Instant.parse("2026-01-02T03:04:05Z"));
    }
    return data;
  }

  /** The application as a JSON object's fields: what an origination system would send. */
  public static Map<String, Object> asJson(LoanApplication application) {
    Map<String, Object> json = new LinkedHashMap<>();
    for (Schema.Field f : LoanApplication.getClassSchema().getFields()) {
      Object value = application.get(f.pos());
      json.put(f.name(), value instanceof Instant i ? i.toString() : value);
    }
    return json;
  }
}
