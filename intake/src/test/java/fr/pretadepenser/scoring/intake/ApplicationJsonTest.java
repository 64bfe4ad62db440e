package fr.pretadepenser.scoring.intake;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.schemas.ApplicationRules;
import fr.pretadepenser.scoring.schemas.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ApplicationJsonTest {

  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.089Z");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ApplicationJson json =
      new ApplicationJson(Clock.fixed(NOW, ZoneOffset.UTC), () -> "generated-id");

  private static LoanApplication sample(int index) {
    return SampleData.data().applicant(index).application();
  }

  private static String body(Map<String, Object> fields) {
    return JSON.writeValueAsString(fields);
  }

  @Test
  void everySampleApplicationSurvivesJsonUnchangedAndMeetsTheRules() {
    HomeCreditData data = SampleData.data();
    for (int i = 0; i < data.size(); i++) {
      LoanApplication expected = data.applicant(i).application();
      assertThat(ApplicationRules.violations(expected)).as("applicant %d", i).isEmpty();

      ApplicationJson.Parsed parsed = json.parse(body(SampleData.asJson(expected)));

      assertThat(parsed.errors()).as("applicant %d", i).isEmpty();
      assertThat(parsed.application()).isEqualTo(expected);
    }
  }

  @Test
  void theSubmissionTimeIsFrom1970ToAnHourAheadAndItsMessageInTheRequestsLanguage() {
    Map<String, Object> fields = SampleData.asJson(sample(0));
    fields.put("submitted_at", 0L);
    assertThat(json.parse(body(fields)).errors()).isEmpty();
    fields.put("submitted_at", NOW.plus(ApplicationJson.MAX_AHEAD).toString());
    assertThat(json.parse(body(fields)).errors()).isEmpty();

    fields.put("submitted_at", -1L);
    assertThat(json.parse(body(fields)).errors())
        .containsExactly(
            new Violation(
                "submitted_at", "must be on or after 1970-01-01T00:00:00Z", "SUBMITTED_AT_WINDOW"));
    fields.put("submitted_at", NOW.plus(ApplicationJson.MAX_AHEAD).plusMillis(1).toString());
    assertThat(json.parse(body(fields), java.util.Locale.FRENCH).errors())
        .containsExactly(
            new Violation(
                "submitted_at",
                "ne doit pas dépasser de plus d'une heure l'heure actuelle",
                "SUBMITTED_AT_WINDOW"));
  }

  @Test
  void anAbsentIdIsGeneratedAndAnAbsentSubmissionTimeIsNow() {
    Map<String, Object> fields = SampleData.asJson(sample(0));
    fields.remove("application_id");
    fields.put("submitted_at", null);
    fields.put("AMT_ANNUITY", null);

    LoanApplication app = json.parse(body(fields)).application();

    assertThat(app.getApplicationId()).isEqualTo("generated-id");
    assertThat(app.getSubmittedAt()).isEqualTo(NOW);
    assertThat(app.getAMTANNUITY()).isNull();
  }

  @Test
  void theSubmissionTimeIsIso8601WithOffsetOrEpochMillis() {
    Map<String, Object> fields = SampleData.asJson(sample(0));
    fields.put("submitted_at", "2026-01-31T10:30:00.123+01:00");
    assertThat(json.parse(body(fields)).application().getSubmittedAt())
        .isEqualTo(Instant.parse("2026-01-31T09:30:00.123Z"));
    fields.put("submitted_at", 1_700_000_000_123L);
    assertThat(json.parse(body(fields)).application().getSubmittedAt())
        .isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
  }

  @Test
  void everyProblemIsListedOncePerFieldInSchemaOrderUnknownFieldsLast() {
    Map<String, Object> fields = new LinkedHashMap<>(SampleData.asJson(sample(0)));
    fields.put("TARGET", 1);
    fields.remove("SK_ID_CURR");
    fields.put("AMT_CREDIT", -5);
    fields.put("AMT_INCOME_TOTAL", "135000");
    fields.put("CNT_CHILDREN", 1.5);
    fields.put("CODE_GENDER", "W");
    fields.put("DAYS_BIRTH", 9000);
    fields.put("DAYS_EMPLOYED", 12);
    fields.put("FLAG_MOBIL", 3_000_000_000L);
    fields.put("NAME_INCOME_TYPE", 7);
    fields.put("submitted_at", "yesterday");
    fields.put("colour", "blue");

    ApplicationJson.Parsed parsed = json.parse(body(fields));

    assertThat(parsed.application()).isNull();
    assertThat(parsed.errors())
        .containsExactly(
            new Violation("SK_ID_CURR", "is required", "REQUIRED"),
            new Violation(
                "submitted_at",
                "must be an ISO-8601 date-time with offset (2026-01-31T09:30:00Z) or epoch"
                    + " milliseconds",
                "TYPE"),
            new Violation("CODE_GENDER", "must be one of M, F, XNA", "KNOWN_VALUE"),
            new Violation("CNT_CHILDREN", "must be a whole number", "TYPE"),
            new Violation("AMT_INCOME_TOTAL", "must be a number, not a string", "TYPE"),
            new Violation("AMT_CREDIT", "must be > 0", "POSITIVE"),
            new Violation("NAME_INCOME_TYPE", "must be a string", "TYPE"),
            new Violation(
                "DAYS_BIRTH",
                "must be < 0 (days before the application)",
                "DAYS_BEFORE_APPLICATION"),
            new Violation(
                "DAYS_EMPLOYED",
                "must be <= 0 (days before the application) or 365243 (not employed)",
                "EMPLOYMENT_DAYS"),
            new Violation("FLAG_MOBIL", "is out of range (a 32-bit whole number)", "TYPE"),
            new Violation("TARGET", "is not a field of a loan application", "UNKNOWN_FIELD"),
            new Violation("colour", "is not a field of a loan application", "UNKNOWN_FIELD"));
  }

  @Test
  void aBodyThatIsNotAJsonObjectIsOneProblem() {
    assertThat(json.parse(null).errors())
        .containsExactly(
            new Violation(
                "body", "is empty: send the application as a JSON object", "JSON_OBJECT"));
    assertThat(json.parse("[1, 2]").errors())
        .containsExactly(
            new Violation(
                "body",
                "must be a JSON object whose fields are loan application fields",
                "JSON_OBJECT"));
    assertThat(json.parse("{\"SK_ID_CURR\": 1,").errors())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("body");
              assertThat(v.message()).startsWith("is not valid JSON: ");
            });
    assertThat(json.parse("{\"SK_ID_CURR\": 1, \"SK_ID_CURR\": 2}").errors())
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("Duplicate"));
  }

  @Test
  void theAnnouncedHistoryIsAnObjectOfSourceToCountAndAnythingElseIsNamed() {
    Map<String, Object> fields = new LinkedHashMap<>(SampleData.asJson(sample(0)));
    fields.put("history_announced", Map.of("bureau", 3, "credit_card_balance", 0));
    assertThat(json.parse(body(fields)).application().getHistoryAnnounced())
        .containsExactlyInAnyOrderEntriesOf(Map.of("bureau", 3, "credit_card_balance", 0));

    fields.put("history_announced", Map.of("bureau_balance", 3));
    assertThat(json.parse(body(fields)).errors())
        .extracting(Violation::field)
        .containsExactly("history_announced");
    fields.put("history_announced", Map.of("bureau", -1));
    assertThat(json.parse(body(fields)).errors())
        .extracting(Violation::field)
        .containsExactly("history_announced");
    fields.put("history_announced", 12);
    assertThat(json.parse(body(fields)).errors())
        .extracting(Violation::field)
        .containsExactly("history_announced");
  }
}
