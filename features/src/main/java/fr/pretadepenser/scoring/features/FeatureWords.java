package fr.pretadepenser.scoring.features;

import java.text.NumberFormat;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one home of words for features and application fields, in English or French: a feature's
 * short label ("External score 3", "Average time since opening, credit bureau credits"), its
 * sentence, the unit its values are shown in ("43 years", "12,500", "8.1%", "yes"), and the labels
 * of application fields and of their coded values (CODE_GENDER F: "Female" / "Femme").
 *
 * <p>Words are composed from each feature's structure ({@link FeatureInfo}: source table and
 * column, aggregation, one-hot level, rows aggregated), never by reading the name back, with the
 * words themselves in resource bundles ({@code words/FeatureWords.properties}, English, and {@code
 * words/FeatureWords_fr.properties}). Short on purpose: the bundle's features.json keeps Home
 * Credit's long English sentences ({@link FeatureInfo#description()}); these are for a reason read
 * aloud to a client and for the dashboard.
 *
 * <p>A bare feature name is resolved through the features of every {@link FeatureDefinition} built
 * in this process (a model bundle builds its own on load) and, for names that do not depend on
 * categories, through the definition without categories. A name known to neither is shown as its
 * words in lower case. Immutable and thread-safe.
 */
public final class FeatureWords {

  /** How a feature's raw value is shown. */
  public enum Unit {
    /** DAYS_BIRTH: negative days, shown as an age in years. */
    AGE,
    /** Days before the application (negative), shown as a duration. */
    DURATION,
    /** Days relative to the application: past if negative, future if positive. */
    SIGNED_DAYS,
    /** Months before the application (negative), shown as a number of months. */
    MONTHS,
    MONEY,
    /** A ratio or share, shown as a percentage. */
    SHARE,
    DECIMAL,
    COUNT,
    YES_NO,
    PLAIN
  }

  /** A feature's words in one language and its unit. */
  private record Term(String label, String description, Unit unit) {}

  private static final String BUNDLE = "fr.pretadepenser.scoring.features.words.FeatureWords";

  /** Features by name, from every definition built: how a bare name finds its structure. */
  private static final Map<String, FeatureInfo> KNOWN = new ConcurrentHashMap<>();

  private static final FeatureWords ENGLISH = new FeatureWords(Locale.ENGLISH, Locale.UK);
  private static final FeatureWords FRENCH = new FeatureWords(Locale.FRENCH, Locale.FRANCE);

  private final ResourceBundle words;
  private final boolean french;
  private final Locale numbers;
  private final Map<String, Term> cache = new ConcurrentHashMap<>();

  private FeatureWords(Locale language, Locale numbers) {
    // The base bundle is English: no fallback to the JVM's default locale.
    this.words =
        ResourceBundle.getBundle(
            BUNDLE,
            language,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    this.french = language.getLanguage().equals("fr");
    this.numbers = numbers;
  }

  public static FeatureWords english() {
    return ENGLISH;
  }

  public static FeatureWords french() {
    return FRENCH;
  }

  /** French for a French locale, English otherwise. */
  public static FeatureWords of(Locale locale) {
    return "fr".equals(locale.getLanguage()) ? FRENCH : ENGLISH;
  }

  /** {@code en} or {@code fr}. */
  public String language() {
    return french ? "fr" : "en";
  }

  /** The locale numbers are written in (en-GB or fr-FR). */
  public Locale locale() {
    return numbers;
  }

  /** Called by every definition: its features become known by name. */
  static void remember(List<FeatureInfo> features) {
    for (FeatureInfo f : features) {
      KNOWN.putIfAbsent(f.name(), f);
    }
  }

  /** The structure of a feature known by name, or a bare one when no definition has it. */
  public static FeatureInfo feature(String name) {
    FeatureInfo known = KNOWN.get(name);
    if (known == null) {
      WithoutCategories.load();
      known = KNOWN.get(name);
    }
    return known != null ? known : new FeatureInfo(name, null, null);
  }

  /** The definition without categories: every feature whose name no level goes into. */
  private static final class WithoutCategories {
    static final FeatureDefinition DEFINITION =
        new FeatureDefinition(new CategoryVocabulary(new TreeMap<>()));

    static void load() {
      // Initialising the class built DEFINITION, which remembered its features.
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Features

  /** A short name for the feature, e.g. "External score 3" or "Average amount paid, past …". */
  public String label(String feature) {
    return term(feature).label();
  }

  public String label(FeatureInfo feature) {
    return term(feature).label();
  }

  /** What the feature means, in one plain sentence. */
  public String describe(String feature) {
    return term(feature).description();
  }

  public String describe(FeatureInfo feature) {
    return term(feature).description();
  }

  public Unit unit(String feature) {
    return term(feature).unit();
  }

  public Unit unit(FeatureInfo feature) {
    return term(feature).unit();
  }

  /** The value in human units ("43 years", "12,500", "8.1%", "yes"); NaN is "unknown". */
  public String formatValue(String feature, double value) {
    return format(unit(feature), value);
  }

  private Term term(String name) {
    Term cached = cache.get(name);
    if (cached != null) {
      return cached;
    }
    FeatureInfo info = feature(name);
    Term term = compose(info);
    if (info.table() != null) {
      // A name no definition knows yet may become known when a bundle loads: not cached.
      cache.put(name, term);
    }
    return term;
  }

  private Term term(FeatureInfo feature) {
    return feature.table() == null ? term(feature.name()) : compose(feature);
  }

  private Term compose(FeatureInfo f) {
    String own = word("label." + f.name());
    if (own != null) {
      String description = word("describe." + f.name());
      return new Term(own, description == null ? own : description, unitOf("unit." + f.name()));
    }
    if (f.table() == null || (f.aggregation() == null && !f.isDummy())) {
      String words = capitalize(humanize(f.name()));
      return new Term(words, words, Unit.PLAIN);
    }
    if (f.aggregation() == null) {
      String label =
          fill(
              word("dummy"),
              "column",
              capitalize(columnWords(f)),
              "level",
              levelWords(f),
              null,
              null);
      return same(label, Unit.YES_NO);
    }
    String rows = orHumanized(word("rows." + f.rows()), f.rows());
    Agg agg = f.aggregation();
    if (agg == Agg.SIZE) {
      return same(fill(word("aggregate.SIZE"), "rows", rows, null, null, null, null), Unit.COUNT);
    }
    boolean statusShare = f.isDummy() && CategoryVocabulary.BUREAU_BALANCE.equals(f.table());
    if (f.isDummy() && !statusShare) {
      String label =
          fill(
              word("indicator." + agg.name()),
              "rows",
              rows,
              "column",
              capitalize(columnWords(f)),
              "level",
              levelWords(f));
      Unit unit =
          switch (agg) {
            case MEAN -> Unit.SHARE;
            case SUM -> Unit.COUNT;
            case MIN, MAX -> Unit.YES_NO;
            default -> Unit.DECIMAL;
          };
      return same(label, unit);
    }
    String what;
    if (statusShare) {
      // bureau_balance status shares, averaged per bureau credit: BURO_STATUS_1_MEAN_MEAN.
      String level = word("level." + f.table() + "." + f.column() + "." + f.level());
      what =
          fill(columnWords(f), "level", level == null ? f.level() : level, null, null, null, null);
    } else {
      what = columnWords(f);
    }
    Unit unit = aggregateUnit(unitOf("unit." + f.table() + "." + f.column()), agg);
    String label =
        fill(word("aggregate." + agg.name()), "what", what, "What", capitalize(what), "rows", rows);
    return same(label, unit);
  }

  private String columnWords(FeatureInfo f) {
    return orHumanized(word("column." + f.table() + "." + f.column()), f.column());
  }

  /**
   * A category level in words: its own words in its table and column, else (application table) the
   * words of the coded value, else the level's words wherever it appears ("Approved" is a status in
   * previous applications as in POS loans), else the level as the data spells it.
   */
  private String levelWords(FeatureInfo f) {
    String level = f.level();
    if (FeatureInfo.MISSING_LEVEL.equals(level)) {
      return word("missingLevel");
    }
    String own = word("level." + f.table() + "." + f.column() + "." + level);
    if (own == null && CategoryVocabulary.APPLICATION.equals(f.table())) {
      own = word("value." + f.column() + "." + level);
    }
    if (own == null) {
      own = word("level." + level);
    }
    return own == null ? level : own;
  }

  private static Unit aggregateUnit(Unit unit, Agg agg) {
    return switch (agg) {
      case VAR -> Unit.DECIMAL;
      case NUNIQUE -> Unit.COUNT;
      case SUM ->
          unit == Unit.MONEY || unit == Unit.COUNT
              ? unit
              : unit == Unit.SHARE ? Unit.DECIMAL : Unit.PLAIN;
      default -> unit;
    };
  }

  private static Term same(String label, Unit unit) {
    return new Term(label, label, unit);
  }

  private Unit unitOf(String key) {
    String unit = word(key);
    return unit == null ? Unit.PLAIN : Unit.valueOf(unit);
  }

  // ---------------------------------------------------------------------------------------------
  // Reason families

  /** A reason family's short label ("External credit scores"); its code when it has no words. */
  public String familyLabel(ReasonFamily family) {
    String label = word("family." + family.code() + ".label");
    return label == null ? family.code() : label;
  }

  /**
   * The sentence read to a client for a reason family: {@code raisesRisk} when the family's
   * features together raise the estimated risk ("Your scores from external credit agencies raise
   * the estimated risk"), otherwise the one for lowering it.
   */
  public String familySentence(ReasonFamily family, boolean raisesRisk) {
    String sentence = word("family." + family.code() + (raisesRisk ? ".raises" : ".lowers"));
    return sentence == null ? familyLabel(family) : sentence;
  }

  /** Whether both of the family's sentences and its label exist in this language. */
  public boolean hasWords(ReasonFamily family) {
    return word("family." + family.code() + ".label") != null
        && word("family." + family.code() + ".raises") != null
        && word("family." + family.code() + ".lowers") != null;
  }

  /**
   * A feature's value in human units, with the typical (median) one when known: "0.21 (typical
   * 0.57)", "43 years (typical 39 years)".
   */
  public String valueWithTypical(String feature, double value, Double typical) {
    Unit unit = unit(feature);
    String shown = format(unit, value);
    if (typical == null || typical.isNaN()) {
      return shown;
    }
    return fill(
        word("format.typical"), "value", shown, "typical", format(unit, typical), null, null);
  }

  // ---------------------------------------------------------------------------------------------
  // Application fields and their coded values

  /** The label of an application field or history group (BUREAU, ...); the name when unknown. */
  public String fieldLabel(String column) {
    String label = word("field." + column);
    return label == null ? column : label;
  }

  /** A coded application value in words (Y: "Yes" / "Oui"); the value itself when not coded. */
  public String valueLabel(String column, String code) {
    String label = word("value." + column + "." + code);
    return label == null ? code : label;
  }

  /** Every field label, by column: what the front end shows. */
  public Map<String, String> fieldLabels() {
    Map<String, String> out = new TreeMap<>();
    for (String key : keys()) {
      if (key.startsWith("field.")) {
        out.put(key.substring("field.".length()), words.getString(key));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** Every coded value's words, by column then code. */
  public Map<String, Map<String, String>> valueLabels() {
    Map<String, Map<String, String>> out = new TreeMap<>();
    for (String key : keys()) {
      if (key.startsWith("value.")) {
        String rest = key.substring("value.".length());
        int dot = rest.indexOf('.');
        out.computeIfAbsent(rest.substring(0, dot), k -> new TreeMap<>())
            .put(rest.substring(dot + 1), words.getString(key));
      }
    }
    out.replaceAll((k, v) -> Collections.unmodifiableMap(v));
    return Collections.unmodifiableMap(out);
  }

  private TreeSet<String> keys() {
    return new TreeSet<>(words.keySet());
  }

  // ---------------------------------------------------------------------------------------------
  // Values

  /** {@code v} in {@code unit}'s human form, in this language. */
  public String format(Unit unit, double v) {
    if (Double.isNaN(v)) {
      return word("format.unknown");
    }
    if (Double.isInfinite(v)) {
      return (v > 0 ? "" : "-") + word("format.infinite");
    }
    return switch (unit) {
      case AGE -> fill(word("format.age"), "n", whole(-v / 365.25), null, null, null, null);
      case DURATION -> duration(Math.abs(v));
      case SIGNED_DAYS ->
          fill(
              word(v <= 0 ? "format.past" : "format.future"),
              "duration",
              duration(Math.abs(v)),
              null,
              null,
              null,
              null);
      case MONTHS -> fill(word("format.months"), "n", whole(Math.abs(v)), null, null, null, null);
      case MONEY -> grouped(v);
      case SHARE -> percent(v);
      case DECIMAL -> decimal(v);
      case COUNT -> v == Math.rint(v) ? grouped(v) : decimal(v);
      case YES_NO -> v == 1 ? word("format.yes") : v == 0 ? word("format.no") : decimal(v);
      case PLAIN -> Math.abs(v) >= 1000 ? grouped(v) : decimal(v);
    };
  }

  private String duration(double days) {
    if (days >= 730) {
      return fill(word("format.years"), "n", oneDecimal(days / 365.25), null, null, null, null);
    }
    long d = Math.round(days);
    // French counts 0 and 1 in the singular, English only 1.
    boolean singular = d == 1 || (french && d == 0);
    return fill(
        word(singular ? "format.day" : "format.days"),
        "n",
        Long.toString(d),
        null,
        null,
        null,
        null);
  }

  private static String whole(double v) {
    return Long.toString((long) Math.floor(v));
  }

  private String grouped(double v) {
    return NumberFormat.getIntegerInstance(numbers).format(Math.round(v));
  }

  private String oneDecimal(double v) {
    NumberFormat f = NumberFormat.getNumberInstance(numbers);
    f.setMinimumFractionDigits(1);
    f.setMaximumFractionDigits(1);
    return f.format(v);
  }

  private String decimal(double v) {
    NumberFormat f = NumberFormat.getNumberInstance(numbers);
    f.setGroupingUsed(Math.abs(v) >= 10_000);
    int digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 0.1 || v == 0 ? 2 : 3;
    f.setMinimumFractionDigits(v == Math.rint(v) ? 0 : Math.min(digits, 2));
    f.setMaximumFractionDigits(digits);
    return f.format(v);
  }

  private String percent(double v) {
    NumberFormat f = NumberFormat.getPercentInstance(numbers);
    f.setMaximumFractionDigits(Math.abs(v) < 0.1 ? 1 : 0);
    return f.format(v);
  }

  // ---------------------------------------------------------------------------------------------
  // The bundle

  private String word(String key) {
    try {
      return words.getString(key);
    } catch (MissingResourceException e) {
      return null;
    }
  }

  /** The template with up to three {name} placeholders filled (a null name is skipped). */
  private static String fill(
      String template, String a, String va, String b, String vb, String c, String vc) {
    String s = template.replace("{" + a + "}", va);
    if (b != null) {
      s = s.replace("{" + b + "}", vb);
    }
    if (c != null) {
      s = s.replace("{" + c + "}", vc);
    }
    return s;
  }

  private static String orHumanized(String words, String name) {
    return words != null ? words : humanize(name);
  }

  private static String humanize(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
