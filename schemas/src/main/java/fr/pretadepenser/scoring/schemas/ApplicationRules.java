package fr.pretadepenser.scoring.schemas;

import fr.pretadepenser.scoring.events.LoanApplication;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * The one set of rules a {@link LoanApplication} must meet to be scored: the HTTP intake and the
 * dashboard's new-application form reject a request that breaks them (400), the dashboard's what-if
 * refuses a change that breaks them (400), and the scorer sends such an application to the
 * dead-letter topic with {@link #describe} as the reason. Each rule has a stable code ({@link
 * Rule}), carried by every {@link Violation}.
 *
 * <p>The Avro schema already guarantees types and, once decoded, required fields; these rules add
 * what the data means, as the Kaggle tables use it: amounts are positive, {@code DAYS_*} count days
 * before the application (so are negative or zero, and {@code DAYS_EMPLOYED} uses 365243 for "not
 * employed"), flags are 0 or 1, normalised scores lie in [0, 1], and the few categories the model
 * codes by hand take their known values. Other categories (income type, organisation, ...) are not
 * restricted: an unseen level is handled by the feature definition ("none of the known
 * categories"), not refused.
 *
 * <p>Then plausibility (issue 18): what cannot be true of a real applicant is refused, what is
 * merely risky is not. An age outside 18–100, more years in employment than the age minus 14, an
 * annuity above the credit it repays, a family smaller than the applicant and the children, a date
 * before the birth or more than 100 years back: impossible, refused. Amounts, counts and texts get
 * bounds far above anything in the Kaggle data (see each constant), because without one a single
 * value (an income of 1e308, 2^31−1 children, a 240 KB name) passes every other rule and turns the
 * model's float features into infinities. An annuity above the income is <em>not</em> refused: it
 * is unaffordable on the declared income, not impossible (savings, an income not declared, a
 * co-borrower), so it is the model's to weigh and an advisor's to question; the sample's highest
 * annuity/income is 0.96. Every applicant of the Kaggle sample meets every rule (tested in {@code
 * intake}'s {@code ApplicationJsonTest}).
 *
 * <p>A rule between two fields names the field to change: years employed against the age names
 * {@code DAYS_EMPLOYED}, the annuity against the credit names {@code AMT_ANNUITY}. It is checked
 * only once the other field meets its own rules (an age of 12 is reported on {@code DAYS_BIRTH},
 * not also as an employment longer than the age). At most one violation per field: its own rules
 * first, in the order listed, then the rules between fields.
 *
 * <p>A record built in Java may hold nulls where the schema forbids them; they are reported as
 * {@code "is required"} instead of failing later in the serializer.
 */
public final class ApplicationRules {

  /** The {@code DAYS_EMPLOYED} value the Kaggle data uses for "not employed" (pensioners). */
  public static final int NOT_EMPLOYED = 365_243;

  /** Days in a year, as the Kaggle day counts are turned into years. */
  public static final double DAYS_PER_YEAR = 365.25;

  /** Youngest applicant, in years: the age of majority, below which no credit contract binds. */
  public static final int MIN_AGE_YEARS = 18;

  /** Oldest applicant, in years (the Kaggle data's oldest is 69). */
  public static final int MAX_AGE_YEARS = 100;

  /** Years of a life before employment can start: the usual lowest legal working age. */
  public static final int WORKING_AGE_YEARS = 14;

  /** Furthest back any {@code DAYS_*} may go, in days: 100 years, the oldest applicant's life. */
  public static final int MAX_DAYS_BACK = (int) Math.ceil(MAX_AGE_YEARS * DAYS_PER_YEAR);

  /**
   * Highest declared income: 1,000,000,000. The Kaggle data's highest is one outlier of 117
   * million; the sample's is 2.25 million. Far above both, low enough that the model's float
   * features and ratios stay finite and ordinary.
   */
  public static final double MAX_INCOME = 1e9;

  /**
   * Highest credit, annuity and goods price: 100,000,000, 25 times the Kaggle data's largest credit
   * and goods price (4,050,000) and 380 times its largest annuity (258,025.5, in the sample too).
   */
  public static final double MAX_AMOUNT = 1e8;

  /** Most children: 30 (the Kaggle data's most is 19, the sample's 6). */
  public static final int MAX_CHILDREN = 30;

  /** Most family members: 40 (the Kaggle data's most is 20, the sample's 8). */
  public static final int MAX_FAMILY_MEMBERS = 40;

  /**
   * Most enquiries to the credit bureau in any of its windows, and most people in a social-circle
   * count: 1,000 (the Kaggle data's most are 261 enquiries in a quarter and 348 people observed).
   */
  public static final int MAX_COUNT = 1_000;

  /** Oldest car, in years: 100 (the Kaggle data's oldest is 91, the sample's 65). */
  public static final int MAX_CAR_AGE = 100;

  /**
   * Longest text, in characters: 100. The sample's longest category is 29 characters ("Secondary /
   * secondary special"); a text goes into every decision, explanation and store that keeps the
   * application.
   */
  public static final int MAX_TEXT = 100;

  /**
   * Longest {@code application_id}: 128 characters, the scorer's bound on the idempotency key it
   * keeps forever.
   */
  public static final int MAX_APPLICATION_ID = 128;

  /**
   * The rules, by stable code: what a program reads in a 400's {@code rule} (the field names the
   * field, the message says it in words).
   */
  public enum Rule {
    /** A field the schema requires is missing. */
    REQUIRED,
    /** A number is NaN or infinite. */
    FINITE,
    /** A text is empty or blank. */
    NOT_BLANK,
    /** A text is longer than {@link #MAX_TEXT} ({@link #MAX_APPLICATION_ID} for the id). */
    TEXT_LENGTH,
    /** An id or amount is zero or negative. */
    POSITIVE,
    /** A count is negative. */
    NON_NEGATIVE,
    /** A category the model codes by hand has an unknown value. */
    KNOWN_VALUE,
    /** A {@code FLAG_*} or region/city flag is neither 0 nor 1. */
    FLAG,
    /** A normalised score ({@code EXT_SOURCE_*}, housing averages) is outside [0, 1]. */
    UNIT_INTERVAL,
    /** {@code REGION_POPULATION_RELATIVE} is outside (0, 1]. */
    POPULATION_SHARE,
    /** {@code HOUR_APPR_PROCESS_START} is not an hour of the day. */
    HOUR_OF_DAY,
    /** A {@code DAYS_*} count is after the application. */
    DAYS_BEFORE_APPLICATION,
    /** {@code DAYS_EMPLOYED} is after the application and not the "not employed" code. */
    EMPLOYMENT_DAYS,
    /** A {@code DAYS_*} count goes back more than {@link #MAX_DAYS_BACK} days (100 years). */
    DATE_WINDOW,
    /** {@code DAYS_BIRTH} gives an age outside 18–100 years. */
    AGE_RANGE,
    /** Years employed exceed the age minus {@link #WORKING_AGE_YEARS}; names DAYS_EMPLOYED. */
    EMPLOYMENT_WITHIN_WORKING_LIFE,
    /** A registration, ID or phone change dated before the birth; names that field. */
    NOT_BEFORE_BIRTH,
    /** An amount above its bound ({@link #MAX_INCOME}, {@link #MAX_AMOUNT}). */
    AMOUNT_BOUND,
    /** The annuity is above the credit it repays; names AMT_ANNUITY. */
    ANNUITY_AT_MOST_CREDIT,
    /** A count above its bound (children, family, enquiries, social circle). */
    COUNT_BOUND,
    /** The car is older than {@link #MAX_CAR_AGE} years. */
    CAR_AGE_BOUND,
    /** {@code CNT_FAM_MEMBERS} is below 1: the applicant is one. */
    FAMILY_INCLUDES_APPLICANT,
    /** {@code CNT_FAM_MEMBERS} is below the children plus the applicant; names CNT_FAM_MEMBERS. */
    FAMILY_INCLUDES_CHILDREN,
    /**
     * {@code submitted_at} is before 1970 or more than an hour ahead of the clock: checked by the
     * intake, which knows "now" (Kafka refuses both as a record's timestamp).
     */
    SUBMITTED_AT_WINDOW
  }

  /** One rule on one field's value. */
  private record Check(Rule rule, Predicate<Object> ok, String message) {}

  /**
   * One rule between {@code field} (the one to change) and the application's other fields, which it
   * reads only once {@code needs} meet their own rules.
   */
  private record CrossCheck(
      String field,
      Rule rule,
      List<String> needs,
      Predicate<LoanApplication> ok,
      Function<LoanApplication, String> message) {}

  private static final Schema SCHEMA = LoanApplication.getClassSchema();
  private static final Map<String, List<Check>> CHECKS = checks();
  private static final List<CrossCheck> CROSS_CHECKS = crossChecks();

  // The same rules by field position, read once per application on the scorer's hot path: a
  // profile of the scorer's throughput run (docs/BENCHMARKS.md, issue 20) put 15% of its stream
  // threads' CPU in this class, half of it looking rules up by field name and asking Avro again
  // whether each null field's schema is nullable.
  private static final Schema.Field[] FIELDS = SCHEMA.getFields().toArray(Schema.Field[]::new);
  private static final boolean[] NULLABLE = nullable();
  private static final int[] MAX_LENGTH = maxLengths();

  @SuppressWarnings("unchecked")
  private static final List<Check>[] CHECKS_BY_POS =
      Arrays.stream(FIELDS).map(f -> CHECKS.getOrDefault(f.name(), List.of())).toArray(List[]::new);

  private ApplicationRules() {}

  /**
   * Every rule {@code application} breaks, at most one per field, in schema field order; empty when
   * it may be scored.
   */
  public static List<Violation> violations(LoanApplication application) {
    Objects.requireNonNull(application, "application");
    Map<String, Violation> byField = new LinkedHashMap<>();
    for (int pos = 0; pos < FIELDS.length; pos++) {
      Violation v = violation(pos, application.get(pos));
      if (v != null) {
        byField.put(FIELDS[pos].name(), v);
      }
    }
    for (CrossCheck c : CROSS_CHECKS) {
      boolean readable =
          !byField.containsKey(c.field())
              && application.get(c.field()) != null
              && c.needs().stream()
                  .allMatch(n -> !byField.containsKey(n) && application.get(n) != null);
      if (readable && !c.ok().test(application)) {
        byField.put(c.field(), new Violation(c.field(), c.message().apply(application), c.rule()));
      }
    }
    List<Violation> out = new ArrayList<>(byField.values());
    if (out.isEmpty()) {
      return List.of();
    }
    out.sort(
        (a, b) ->
            Integer.compare(SCHEMA.getField(a.field()).pos(), SCHEMA.getField(b.field()).pos()));
    return List.copyOf(out);
  }

  /**
   * What is wrong with {@code value} as the value of {@code field} on its own (the rules between
   * fields left out), or null when it is fine. Public for callers that check one field at a time (a
   * form, a JSON mapper).
   *
   * @throws IllegalArgumentException when {@code field} is not a field of {@link LoanApplication}
   */
  public static String problem(String field, Object value) {
    Schema.Field f = SCHEMA.getField(field);
    if (f == null) {
      throw new IllegalArgumentException(field + " is not a field of LoanApplication");
    }
    Violation v = violation(f.pos(), value);
    return v == null ? null : v.message();
  }

  private static Violation violation(int pos, Object value) {
    String name = FIELDS[pos].name();
    if (value == null) {
      return NULLABLE[pos] ? null : new Violation(name, "is required", Rule.REQUIRED);
    }
    if (value instanceof Double d && !Double.isFinite(d)) {
      return new Violation(name, "must be a finite number", Rule.FINITE);
    }
    if (value instanceof CharSequence s) {
      if (s.toString().isBlank()) {
        return new Violation(name, "must not be blank", Rule.NOT_BLANK);
      }
      int max = MAX_LENGTH[pos];
      if (s.length() > max) {
        return new Violation(
            name,
            "must be at most " + max + " characters long (not " + s.length() + ")",
            Rule.TEXT_LENGTH);
      }
    }
    for (Check check : CHECKS_BY_POS[pos]) {
      if (!check.ok().test(value)) {
        return new Violation(name, check.message(), check.rule());
      }
    }
    return null;
  }

  /** One line for a dead letter's reason: {@code "AMT_CREDIT must be > 0; DAYS_BIRTH ..."}. */
  public static String describe(List<Violation> violations) {
    return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }

  /** The field names ruled on by something beyond type and presence, for tests and docs. */
  static Set<String> ruledFields() {
    return CHECKS.keySet();
  }

  private static boolean[] nullable() {
    boolean[] n = new boolean[FIELDS.length];
    for (int i = 0; i < n.length; i++) {
      n[i] = FIELDS[i].schema().isNullable();
    }
    return n;
  }

  private static int[] maxLengths() {
    int[] m = new int[FIELDS.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = FIELDS[i].name().equals("application_id") ? MAX_APPLICATION_ID : MAX_TEXT;
    }
    return m;
  }

  private static Map<String, List<Check>> checks() {
    Map<String, List<Check>> c = new LinkedHashMap<>();
    Check positive = new Check(Rule.POSITIVE, v -> number(v) > 0, "must be > 0");
    Check nonNegative = new Check(Rule.NON_NEGATIVE, v -> number(v) >= 0, "must be >= 0");
    Check daysBefore =
        new Check(
            Rule.DAYS_BEFORE_APPLICATION,
            v -> number(v) <= 0,
            "must be <= 0 (days before the application)");
    Check window =
        new Check(
            Rule.DATE_WINDOW,
            v -> number(v) >= -MAX_DAYS_BACK || number(v) == NOT_EMPLOYED,
            "must be >= -" + MAX_DAYS_BACK + " (at most " + MAX_AGE_YEARS + " years back)");
    Check zeroOrOne = new Check(Rule.FLAG, v -> number(v) == 0 || number(v) == 1, "must be 0 or 1");
    Check unit =
        new Check(
            Rule.UNIT_INTERVAL, v -> number(v) >= 0 && number(v) <= 1, "must be between 0 and 1");
    Check count = atMost(Rule.COUNT_BOUND, MAX_COUNT);

    c.put("SK_ID_CURR", List.of(positive));
    c.put("history_events", List.of(nonNegative));
    c.put("NAME_CONTRACT_TYPE", List.of(oneOf("Cash loans", "Revolving loans")));
    c.put("CODE_GENDER", List.of(oneOf("M", "F", "XNA")));
    c.put("FLAG_OWN_CAR", List.of(oneOf("Y", "N")));
    c.put("FLAG_OWN_REALTY", List.of(oneOf("Y", "N")));
    c.put("CNT_CHILDREN", List.of(nonNegative, atMost(Rule.COUNT_BOUND, MAX_CHILDREN)));
    c.put("AMT_INCOME_TOTAL", List.of(positive, atMost(Rule.AMOUNT_BOUND, MAX_INCOME)));
    c.put("AMT_CREDIT", List.of(positive, atMost(Rule.AMOUNT_BOUND, MAX_AMOUNT)));
    c.put("AMT_ANNUITY", List.of(positive, atMost(Rule.AMOUNT_BOUND, MAX_AMOUNT)));
    c.put("AMT_GOODS_PRICE", List.of(positive, atMost(Rule.AMOUNT_BOUND, MAX_AMOUNT)));
    c.put(
        "REGION_POPULATION_RELATIVE",
        List.of(
            new Check(
                Rule.POPULATION_SHARE,
                v -> number(v) > 0 && number(v) <= 1,
                "must be > 0 and <= 1")));
    int youngest = (int) Math.ceil(MIN_AGE_YEARS * DAYS_PER_YEAR);
    c.put(
        "DAYS_BIRTH",
        List.of(
            new Check(
                Rule.DAYS_BEFORE_APPLICATION,
                v -> number(v) < 0,
                "must be < 0 (days before the application)"),
            new Check(
                Rule.AGE_RANGE,
                v -> number(v) <= -youngest && number(v) >= -MAX_DAYS_BACK,
                "must give an age of "
                    + MIN_AGE_YEARS
                    + " to "
                    + MAX_AGE_YEARS
                    + " years (between -"
                    + MAX_DAYS_BACK
                    + " and -"
                    + youngest
                    + " days)")));
    c.put(
        "DAYS_EMPLOYED",
        List.of(
            new Check(
                Rule.EMPLOYMENT_DAYS,
                v -> number(v) <= 0 || number(v) == NOT_EMPLOYED,
                "must be <= 0 (days before the application) or "
                    + NOT_EMPLOYED
                    + " (not employed)"),
            window));
    c.put("DAYS_REGISTRATION", List.of(daysBefore, window));
    c.put("DAYS_ID_PUBLISH", List.of(daysBefore, window));
    c.put("DAYS_LAST_PHONE_CHANGE", List.of(daysBefore, window));
    c.put("OWN_CAR_AGE", List.of(nonNegative, atMost(Rule.CAR_AGE_BOUND, MAX_CAR_AGE)));
    c.put(
        "CNT_FAM_MEMBERS",
        List.of(
            new Check(Rule.FAMILY_INCLUDES_APPLICANT, v -> number(v) >= 1, "must be >= 1"),
            atMost(Rule.COUNT_BOUND, MAX_FAMILY_MEMBERS)));
    c.put(
        "HOUR_APPR_PROCESS_START",
        List.of(
            new Check(
                Rule.HOUR_OF_DAY,
                v -> number(v) >= 0 && number(v) <= 23,
                "must be between 0 and 23")));
    c.put(
        "WEEKDAY_APPR_PROCESS_START",
        List.of(
            oneOf("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")));
    // Families of columns, by the Kaggle naming: flags, normalised housing scores, counts.
    for (Schema.Field f : SCHEMA.getFields()) {
      String name = f.name();
      Schema.Type type = nonNull(f.schema()).getType();
      if (type == Schema.Type.INT
          && (name.startsWith("FLAG_") || name.matches("(REG|LIVE)_(REGION|CITY)_NOT_.*"))) {
        c.put(name, List.of(zeroOrOne));
      } else if (type == Schema.Type.DOUBLE
          && (name.startsWith("EXT_SOURCE_") || name.matches(".*_(AVG|MODE|MEDI)"))) {
        c.put(name, List.of(unit));
      } else if (name.startsWith("AMT_REQ_CREDIT_BUREAU_") || name.endsWith("_CNT_SOCIAL_CIRCLE")) {
        c.put(name, List.of(nonNegative, count));
      }
    }
    for (String name : c.keySet()) {
      if (SCHEMA.getField(name) == null) {
        throw new IllegalStateException("rule on " + name + ", which LoanApplication lacks");
      }
    }
    return Map.copyOf(c);
  }

  private static List<CrossCheck> crossChecks() {
    int working = (int) Math.ceil(WORKING_AGE_YEARS * DAYS_PER_YEAR);
    List<CrossCheck> c = new ArrayList<>();
    c.add(
        new CrossCheck(
            "DAYS_EMPLOYED",
            Rule.EMPLOYMENT_WITHIN_WORKING_LIFE,
            List.of("DAYS_BIRTH"),
            a ->
                a.getDAYSEMPLOYED() == NOT_EMPLOYED
                    || a.getDAYSEMPLOYED() >= a.getDAYSBIRTH() + working,
            a -> {
              int least = a.getDAYSBIRTH() + working;
              return "must not exceed the age minus "
                  + WORKING_AGE_YEARS
                  + " years: at most "
                  + years(-least)
                  + " years here (>= "
                  + least
                  + " days)";
            }));
    for (String field : List.of("DAYS_REGISTRATION", "DAYS_ID_PUBLISH", "DAYS_LAST_PHONE_CHANGE")) {
      c.add(
          new CrossCheck(
              field,
              Rule.NOT_BEFORE_BIRTH,
              List.of("DAYS_BIRTH"),
              a -> number(a.get(field)) >= a.getDAYSBIRTH(),
              a -> "must not be before the birth (>= DAYS_BIRTH, " + a.getDAYSBIRTH() + ")"));
    }
    c.add(
        new CrossCheck(
            "AMT_ANNUITY",
            Rule.ANNUITY_AT_MOST_CREDIT,
            List.of("AMT_CREDIT"),
            a -> a.getAMTANNUITY() <= a.getAMTCREDIT(),
            a -> "must not exceed the credit (AMT_CREDIT, " + plain(a.getAMTCREDIT()) + ")"));
    c.add(
        new CrossCheck(
            "CNT_FAM_MEMBERS",
            Rule.FAMILY_INCLUDES_CHILDREN,
            List.of("CNT_CHILDREN"),
            a -> a.getCNTFAMMEMBERS() >= a.getCNTCHILDREN() + 1,
            a ->
                "must count the applicant and the children: at least "
                    + (a.getCNTCHILDREN() + 1)
                    + " (CNT_CHILDREN + 1)"));
    for (CrossCheck check : c) {
      if (SCHEMA.getField(check.field()) == null
          || check.needs().stream().anyMatch(n -> SCHEMA.getField(n) == null)) {
        throw new IllegalStateException(
            "rule " + check.rule() + " on fields LoanApplication lacks");
      }
    }
    return List.copyOf(c);
  }

  private static Check atMost(Rule rule, double max) {
    return new Check(rule, v -> number(v) <= max, "must be at most " + plain(max));
  }

  private static Check oneOf(String... values) {
    Set<String> allowed = Set.of(values);
    return new Check(
        Rule.KNOWN_VALUE,
        v -> allowed.contains(v.toString()),
        "must be one of " + String.join(", ", values));
  }

  /** A number as digits, without exponent or trailing zeros: 1e9 is "1000000000". */
  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** Days as years, one decimal, a dot whatever the default locale. */
  private static String years(int days) {
    return String.format(Locale.ROOT, "%.1f", days / DAYS_PER_YEAR);
  }

  private static double number(Object value) {
    return ((Number) value).doubleValue();
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
