package fr.pretadepenser.scoring.intake;

import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.schemas.ApplicationRules;
import fr.pretadepenser.scoring.schemas.HistorySources;
import fr.pretadepenser.scoring.schemas.Violation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a JSON body into a {@link LoanApplication}, or into the list of everything wrong with it.
 *
 * <p>Field names are the Avro field names (the Kaggle column names); types follow the schema,
 * strictly: a number where text is expected, text where a number is, or a fraction where a whole
 * number is, is an error rather than a guess. {@code application_id} is generated when absent and
 * {@code submitted_at} (ISO-8601 or epoch milliseconds) defaults to now. Then {@link
 * ApplicationRules} applies, the rules the scorer also applies, so that the intake never publishes
 * what the scorer would reject. The dashboard's what-if reads its merged application with it too.
 */
public final class ApplicationJson {

  private static final Schema SCHEMA = LoanApplication.getClassSchema();
  public static final String APPLICATION_ID = "application_id";
  public static final String SUBMITTED_AT = "submitted_at";
  public static final String BODY = "body";

  /** Rule code of a value of the wrong JSON type, or out of its Avro type's range. */
  public static final String TYPE = "TYPE";

  /** Rule code of a JSON field that is no field of a loan application. */
  public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";

  /** Rule code of a body that is empty, not JSON or not an object (the field is {@value #BODY}). */
  public static final String JSON_OBJECT = "JSON_OBJECT";

  /**
   * The result: an application, or the problems (never both).
   *
   * @param application the application, when there is no problem
   * @param errors at most one per field, in schema order, unknown fields last
   */
  public record Parsed(LoanApplication application, List<Violation> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  // Duplicate keys are refused: which of two values was meant cannot be known.
  private final JsonMapper mapper =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private final Clock clock;
  private final Supplier<String> ids;

  public ApplicationJson() {
    this(Clock.systemUTC(), () -> UUID.randomUUID().toString());
  }

  ApplicationJson(Clock clock, Supplier<String> ids) {
    this.clock = clock;
    this.ids = ids;
  }

  /** How far ahead of now a submission time may be: clocks drift, applications do not travel. */
  public static final Duration MAX_AHEAD = Duration.ofHours(1);

  /** {@link #parse(String, Locale)} in English. */
  public Parsed parse(String body) {
    return parse(body, Locale.ENGLISH);
  }

  /**
   * Reads {@code body}. The messages are in French for a French {@code locale} ({@link
   * ViolationWords}), in English otherwise; the field names are what a program reads, in neither.
   */
  public Parsed parse(String body, Locale locale) {
    Parsed parsed = read(body, locale != null && locale.getLanguage().equals("fr"));
    return parsed.ok()
        ? parsed
        : new Parsed(null, ViolationWords.intake().violations(parsed.errors(), locale));
  }

  /**
   * Reads an application already parsed as JSON: the dashboard's what-if, which merges changes into
   * a client's application, reads the merged tree with the same rules, without writing it out again
   * (an infinite number would come back as the string "Infinity" and be named a type error).
   */
  public Parsed parse(JsonNode root, Locale locale) {
    Parsed parsed = read(root, locale != null && locale.getLanguage().equals("fr"));
    return parsed.ok()
        ? parsed
        : new Parsed(null, ViolationWords.intake().violations(parsed.errors(), locale));
  }

  private Parsed read(String body, boolean french) {
    if (body == null || body.isBlank()) {
      return invalid("is empty: send the application as a JSON object");
    }
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JacksonException e) {
      return invalid("is not valid JSON: " + e.getOriginalMessage());
    }
    return read(root, french);
  }

  private Parsed read(JsonNode root, boolean french) {
    if (root == null || !root.isObject()) {
      return invalid("must be a JSON object whose fields are loan application fields");
    }
    Map<String, Violation> errors = new LinkedHashMap<>();
    LoanApplication application = new LoanApplication();
    for (Schema.Field field : SCHEMA.getFields()) {
      JsonNode node = root.get(field.name());
      if (node == null || node.isNull()) {
        Object fallback = defaultFor(field.name());
        if (fallback != null) {
          application.put(field.pos(), fallback);
        } else if (!field.schema().isNullable()) {
          errors.put(
              field.name(),
              new Violation(field.name(), "is required", ApplicationRules.Rule.REQUIRED));
        }
        continue;
      }
      try {
        Object value = convert(field, node);
        if (field.name().equals(SUBMITTED_AT)) {
          checkSubmittedAt((Instant) value, french);
        }
        application.put(field.pos(), value);
      } catch (BadValue e) {
        errors.put(field.name(), new Violation(field.name(), e.getMessage(), e.rule));
      }
    }
    // A field with a type error holds a placeholder: only its own error is reported.
    for (Violation v : ApplicationRules.violations(application)) {
      errors.putIfAbsent(v.field(), v);
    }
    for (String name : root.propertyNames()) {
      if (SCHEMA.getField(name) == null) {
        errors.put(
            name, new Violation(name, "is not a field of a loan application", UNKNOWN_FIELD));
      }
    }
    if (!errors.isEmpty()) {
      List<Violation> sorted = new ArrayList<>(errors.values());
      sorted.sort(Comparator.comparingInt(v -> position(v.field())));
      return new Parsed(null, List.copyOf(sorted));
    }
    return new Parsed(application, List.of());
  }

  private Object defaultFor(String field) {
    return switch (field) {
      case APPLICATION_ID -> ids.get();
      case SUBMITTED_AT -> clock.instant().truncatedTo(ChronoUnit.MILLIS);
      default -> null;
    };
  }

  /**
   * Kafka refuses a record timestamp before 1970 and the broker one more than an hour ahead of its
   * clock ({@code log.message.timestamp.after.max.ms}); the submission time is the record's
   * timestamp, so both are the caller's mistake, named here rather than failing in the producer.
   */
  private void checkSubmittedAt(Instant at, boolean french) {
    if (at.isBefore(Instant.EPOCH)) {
      throw new BadValue(
          french
              ? "doit être postérieure ou égale au 1970-01-01T00:00:00Z"
              : "must be on or after 1970-01-01T00:00:00Z",
          ApplicationRules.Rule.SUBMITTED_AT_WINDOW.name());
    }
    if (at.isAfter(clock.instant().plus(MAX_AHEAD))) {
      throw new BadValue(
          french
              ? "ne doit pas dépasser de plus d'une heure l'heure actuelle"
              : "must not be more than 1 hour in the future",
          ApplicationRules.Rule.SUBMITTED_AT_WINDOW.name());
    }
  }

  private static Object convert(Schema.Field field, JsonNode node) {
    Schema type = nonNull(field.schema());
    if (type.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
      return instant(node);
    }
    return switch (type.getType()) {
      case STRING -> {
        if (!node.isString()) {
          throw new BadValue("must be a string");
        }
        yield node.stringValue();
      }
      case INT -> {
        requireWholeNumber(node);
        if (!node.canConvertToInt()) {
          throw new BadValue("is out of range (a 32-bit whole number)");
        }
        yield node.intValue();
      }
      case LONG -> {
        requireWholeNumber(node);
        if (!node.canConvertToLong()) {
          throw new BadValue("is out of range (a 64-bit whole number)");
        }
        yield node.longValue();
      }
      case DOUBLE -> {
        requireNumber(node);
        yield node.doubleValue();
      }
      case MAP -> announced(node);
      default ->
          throw new IllegalStateException(
              "LoanApplication field " + field.name() + " has a type the intake cannot read");
    };
  }

  /**
   * history_announced: an object of history source to a count of events. The scorer bounds the
   * counts (a dead letter beyond its limit); here only the shape and the source names are checked.
   */
  private static Map<String, Integer> announced(JsonNode node) {
    if (!node.isObject()) {
      throw new BadValue(
          "must be a JSON object of history source ("
              + String.join(", ", HistorySources.NAMES)
              + ") to a number of events");
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (HistorySources.index(e.getKey()) < 0) {
        throw new BadValue(
            "has '"
                + (e.getKey().length() > 64 ? e.getKey().substring(0, 64) + "…" : e.getKey())
                + "', which is not a history source ("
                + String.join(", ", HistorySources.NAMES)
                + ")");
      }
      requireWholeNumber(e.getValue());
      if (!e.getValue().canConvertToInt() || e.getValue().intValue() < 0) {
        throw new BadValue("must count events of " + e.getKey() + " as a whole number >= 0");
      }
      out.put(e.getKey(), e.getValue().intValue());
    }
    return out;
  }

  private static Instant instant(JsonNode node) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return Instant.ofEpochMilli(node.longValue());
    }
    if (node.isString()) {
      try {
        return OffsetDateTime.parse(node.stringValue()).toInstant().truncatedTo(ChronoUnit.MILLIS);
      } catch (DateTimeParseException e) {
        // Falls through to the message below.
      }
    }
    throw new BadValue(
        "must be an ISO-8601 date-time with offset (2026-01-31T09:30:00Z) or epoch milliseconds");
  }

  private static void requireNumber(JsonNode node) {
    if (!node.isNumber()) {
      throw new BadValue(node.isString() ? "must be a number, not a string" : "must be a number");
    }
  }

  private static void requireWholeNumber(JsonNode node) {
    requireNumber(node);
    if (!node.isIntegralNumber()) {
      throw new BadValue("must be a whole number");
    }
  }

  private static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    return schema.getTypes().stream()
        .filter(s -> s.getType() != Schema.Type.NULL)
        .findFirst()
        .orElseThrow();
  }

  private static int position(String field) {
    Schema.Field f = SCHEMA.getField(field);
    return f == null ? Integer.MAX_VALUE : f.pos();
  }

  private static Parsed invalid(String message) {
    return new Parsed(null, List.of(new Violation(BODY, message, JSON_OBJECT)));
  }

  /** A value of the wrong type or out of range; the message completes "FIELD ...". */
  private static final class BadValue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The rule code: {@link #TYPE} unless said otherwise. */
    final String rule;

    BadValue(String message) {
      this(message, TYPE);
    }

    BadValue(String message, String rule) {
      super(message, null, false, false);
      this.rule = rule;
    }
  }
}
