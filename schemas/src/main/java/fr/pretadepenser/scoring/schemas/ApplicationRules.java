package fr.pretadepenser.scoring.schemas;

import fr.pretadepenser.scoring.events.LoanApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * The domain rules a {@link LoanApplication} must meet to be scored, in one place: the HTTP intake
 * rejects a request that breaks them (400) and the scorer sends such an application to the
 * dead-letter topic with {@link #describe} as the reason.
 *
 * <p>The Avro schema already guarantees types and, once decoded, required fields; these rules add
 * what the data means, as the Kaggle tables use it: amounts are positive, {@code DAYS_*} count days
 * before the application (so are negative or zero, and {@code DAYS_EMPLOYED} uses 365243 for "not
 * employed"), flags are 0 or 1, normalised scores lie in [0, 1], and the few categories the model
 * codes by hand take their known values. Every applicant of the Kaggle sample meets them. Other
 * categories (income type, organisation, ...) are not restricted: an unseen level is handled by the
 * feature definition ("none of the known categories"), not refused.
 *
 * <p>A record built in Java may hold nulls where the schema forbids them; they are reported as
 * {@code "is required"} instead of failing later in the serializer.
 */
public final class ApplicationRules {

  /** The {@code DAYS_EMPLOYED} value the Kaggle data uses for "not employed" (pensioners). */
  public static final int NOT_EMPLOYED = 365_243;

  private record Check(Predicate<Object> ok, String message) {}

  private static final Schema SCHEMA = LoanApplication.getClassSchema();
  private static final Map<String, Check> CHECKS = checks();

  private ApplicationRules() {}

  /**
   * Every rule {@code application} breaks, at most one per field, in schema field order; empty when
   * it may be scored.
   */
  public static List<Violation> violations(LoanApplication application) {
    Objects.requireNonNull(application, "application");
    List<Violation> out = new ArrayList<>();
    for (Schema.Field field : SCHEMA.getFields()) {
      Object value = application.get(field.pos());
      String problem = problem(field, value);
      if (problem != null) {
        out.add(new Violation(field.name(), problem));
      }
    }
    return out;
  }

  /**
   * What is wrong with {@code value} as the value of {@code field}, or null when it is fine. Public
   * for callers that check one field at a time (a form, a JSON mapper).
   *
   * @throws IllegalArgumentException when {@code field} is not a field of {@link LoanApplication}
   */
  public static String problem(String field, Object value) {
    Schema.Field f = SCHEMA.getField(field);
    if (f == null) {
      throw new IllegalArgumentException(field + " is not a field of LoanApplication");
    }
    return problem(f, value);
  }

  private static String problem(Schema.Field field, Object value) {
    if (value == null) {
      return nullable(field.schema()) ? null : "is required";
    }
    if (value instanceof Double d && !Double.isFinite(d)) {
      return "must be a finite number";
    }
    if (value instanceof CharSequence s && s.toString().isBlank()) {
      return "must not be blank";
    }
    Check check = CHECKS.get(field.name());
    return check == null || check.ok().test(value) ? null : check.message();
  }

  /** One line for a dead letter's reason: {@code "AMT_CREDIT must be > 0; DAYS_BIRTH ..."}. */
  public static String describe(List<Violation> violations) {
    return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }

  /** The field names ruled on by something beyond type and presence, for tests and docs. */
  static Set<String> ruledFields() {
    return CHECKS.keySet();
  }

  private static Map<String, Check> checks() {
    Map<String, Check> c = new LinkedHashMap<>();
    Check positive = new Check(v -> number(v) > 0, "must be > 0");
    Check nonNegative = new Check(v -> number(v) >= 0, "must be >= 0");
    Check daysBefore = new Check(v -> number(v) <= 0, "must be <= 0 (days before the application)");
    Check zeroOrOne = new Check(v -> number(v) == 0 || number(v) == 1, "must be 0 or 1");
    Check unit = new Check(v -> number(v) >= 0 && number(v) <= 1, "must be between 0 and 1");

    c.put("SK_ID_CURR", positive);
    c.put("history_events", nonNegative);
    c.put("NAME_CONTRACT_TYPE", oneOf("Cash loans", "Revolving loans"));
    c.put("CODE_GENDER", oneOf("M", "F", "XNA"));
    c.put("FLAG_OWN_CAR", oneOf("Y", "N"));
    c.put("FLAG_OWN_REALTY", oneOf("Y", "N"));
    c.put("CNT_CHILDREN", nonNegative);
    c.put("AMT_INCOME_TOTAL", positive);
    c.put("AMT_CREDIT", positive);
    c.put("AMT_ANNUITY", positive);
    c.put("AMT_GOODS_PRICE", positive);
    c.put(
        "REGION_POPULATION_RELATIVE",
        new Check(v -> number(v) > 0 && number(v) <= 1, "must be > 0 and <= 1"));
    c.put("DAYS_BIRTH", new Check(v -> number(v) < 0, "must be < 0 (days before the application)"));
    c.put(
        "DAYS_EMPLOYED",
        new Check(
            v -> number(v) <= 0 || number(v) == NOT_EMPLOYED,
            "must be <= 0 (days before the application) or " + NOT_EMPLOYED + " (not employed)"));
    c.put("DAYS_REGISTRATION", daysBefore);
    c.put("DAYS_ID_PUBLISH", daysBefore);
    c.put("DAYS_LAST_PHONE_CHANGE", daysBefore);
    c.put("OWN_CAR_AGE", nonNegative);
    c.put("CNT_FAM_MEMBERS", new Check(v -> number(v) >= 1, "must be >= 1"));
    c.put(
        "HOUR_APPR_PROCESS_START",
        new Check(v -> number(v) >= 0 && number(v) <= 23, "must be between 0 and 23"));
    c.put(
        "WEEKDAY_APPR_PROCESS_START",
        oneOf("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"));
    // Families of columns, by the Kaggle naming: flags, normalised housing scores, counts.
    for (Schema.Field f : SCHEMA.getFields()) {
      String name = f.name();
      Schema.Type type = nonNull(f.schema()).getType();
      if (type == Schema.Type.INT
          && (name.startsWith("FLAG_") || name.matches("(REG|LIVE)_(REGION|CITY)_NOT_.*"))) {
        c.put(name, zeroOrOne);
      } else if (type == Schema.Type.DOUBLE
          && (name.startsWith("EXT_SOURCE_") || name.matches(".*_(AVG|MODE|MEDI)"))) {
        c.put(name, unit);
      } else if (name.startsWith("AMT_REQ_CREDIT_BUREAU_") || name.endsWith("_CNT_SOCIAL_CIRCLE")) {
        c.put(name, nonNegative);
      }
    }
    for (String name : c.keySet()) {
      if (SCHEMA.getField(name) == null) {
        throw new IllegalStateException("rule on " + name + ", which LoanApplication lacks");
      }
    }
    return Map.copyOf(c);
  }

  private static Check oneOf(String... values) {
    Set<String> allowed = Set.of(values);
    return new Check(
        v -> allowed.contains(v.toString()), "must be one of " + String.join(", ", values));
  }

  private static double number(Object value) {
    return ((Number) value).doubleValue();
  }

  private static boolean nullable(Schema schema) {
    return schema.isNullable();
  }

  private static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    return schema.getTypes().stream()
        .filter(s -> s.getType() != Schema.Type.NULL)
        .findFirst()
        .orElse(schema);
  }
}
