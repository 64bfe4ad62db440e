package fr.pretadepenser.scoring.explain;

import java.text.NumberFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plain-language names of the model's features, in English or French, and their values in human
 * units, for reasons an advisor can read to a client ("External score 3 is low (0.12, typical
 * 0.51): raises risk") and for the dashboard.
 *
 * <p>Names follow the Kaggle kernel's naming (../shared/KERNEL_FEATURES.md): about forty important
 * application columns have hand-written labels; every other name is composed from its parts, the
 * history prefix (BURO_, ACTIVE_, CLOSED_, PREV_, APPROVED_, REFUSED_, POS_, INSTAL_, CC_), the
 * source column and the aggregation suffix (_MIN, _MAX, _MEAN, _SUM, _VAR, _SIZE, _NUNIQUE), with
 * one-hot dummies read as "column is level". Written by hand rather than taken from the bundle's
 * features.json because those are long English sentences from Home Credit's column descriptions,
 * too long for a reason read aloud, and English only.
 *
 * <p>Values: DAYS_BIRTH becomes an age in years, other day counts a duration (days or years),
 * amounts are grouped, ratios and shares are percentages, 0/1 flags are yes/no. Immutable and
 * thread-safe; labels are cached per feature name.
 */
public final class FeatureDescriptions {

  /** How a feature's raw value is shown. */
  enum Unit {
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
  record Term(String label, String description, Unit unit) {}

  private static final FeatureDescriptions ENGLISH = new FeatureDescriptions(Language.EN);
  private static final FeatureDescriptions FRENCH = new FeatureDescriptions(Language.FR);

  private enum Language {
    EN,
    FR
  }

  private final Language language;
  private final Locale locale;
  private final Map<String, Term> cache = new ConcurrentHashMap<>();

  private FeatureDescriptions(Language language) {
    this.language = language;
    this.locale = language == Language.FR ? Locale.FRANCE : Locale.UK;
  }

  public static FeatureDescriptions english() {
    return ENGLISH;
  }

  public static FeatureDescriptions french() {
    return FRENCH;
  }

  /** French for a French locale, English otherwise. */
  public static FeatureDescriptions forLocale(Locale locale) {
    return "fr".equals(locale.getLanguage()) ? FRENCH : ENGLISH;
  }

  public Locale locale() {
    return locale;
  }

  /** A short name for the feature, e.g. "External score 3" or "Average amount paid, past …". */
  public String label(String feature) {
    return term(feature).label();
  }

  /** What the feature means, in one plain sentence. */
  public String describe(String feature) {
    return term(feature).description();
  }

  /** The value in human units ("43 years", "12,500", "8.1%", "yes"); NaN is "unknown". */
  public String formatValue(String feature, double value) {
    return format(term(feature).unit(), value);
  }

  /**
   * One reason as a sentence: the feature, whether the client's value is high or low against the
   * typical (median) one, both values, and whether it raises or lowers the risk.
   *
   * @param value the client's raw value (NaN when missing)
   * @param typical the population's median raw value, or null when unknown
   * @param contribution the SHAP contribution to the log-odds of default
   */
  public String reason(String feature, double value, Double typical, double contribution) {
    Term term = term(feature);
    Unit unit = term.unit();
    boolean en = language == Language.EN;
    String effect =
        contribution > 0
            ? (en ? "raises risk" : "augmente le risque")
            : (en ? "lowers risk" : "diminue le risque");
    String shown = format(unit, value);
    String typicalText = typical == null ? null : format(unit, typical);
    StringBuilder s = new StringBuilder(term.label());
    if (Double.isNaN(value)) {
      s.append(en ? " is unknown" : " : valeur inconnue");
      if (typicalText != null) {
        s.append(en ? " (typical " : " (valeur habituelle ").append(typicalText).append(')');
      }
    } else if (unit == Unit.YES_NO && (value == 0 || value == 1)) {
      s.append(en ? ": " : " : ").append(shown);
      if (typicalText != null) {
        s.append(en ? " (typical " : " (habituellement ").append(typicalText).append(')');
      }
    } else {
      String level = level(unit, value, typical);
      s.append(en ? " is " + level : " : valeur " + level);
      s.append(" (").append(shown);
      if (typicalText != null) {
        s.append(en ? ", typical " : " ; habituelle ").append(typicalText);
      }
      s.append(')');
    }
    return s.append(en ? ": " : ", ").append(effect).toString();
  }

  private String level(Unit unit, double value, Double typical) {
    boolean en = language == Language.EN;
    if (typical == null || typical.isNaN()) {
      return en ? "at" : "de";
    }
    double v = comparable(unit, value);
    double t = comparable(unit, typical);
    if (v > t) {
      return en ? "high" : "élevée";
    }
    if (v < t) {
      return en ? "low" : "basse";
    }
    return en ? "typical" : "habituelle";
  }

  /** Ages and durations are stored as negative days: a larger magnitude is "higher". */
  private static double comparable(Unit unit, double raw) {
    return unit == Unit.AGE || unit == Unit.DURATION || unit == Unit.MONTHS ? -raw : raw;
  }

  // ---------------------------------------------------------------------------------------------
  // Values

  String format(Unit unit, double v) {
    boolean en = language == Language.EN;
    if (Double.isNaN(v)) {
      return en ? "unknown" : "inconnu";
    }
    if (Double.isInfinite(v)) {
      return (v > 0 ? "" : "-") + (en ? "infinite" : "infini");
    }
    return switch (unit) {
      case AGE -> whole(-v / 365.25) + (en ? " years" : " ans");
      case DURATION -> duration(Math.abs(v));
      case SIGNED_DAYS ->
          v <= 0
              ? (en ? duration(-v) + " ago" : "il y a " + duration(-v))
              : (en ? "in " + duration(v) : "dans " + duration(v));
      case MONTHS -> whole(Math.abs(v)) + (en ? " months" : " mois");
      case MONEY -> grouped(v);
      case SHARE -> percent(v);
      case DECIMAL -> decimal(v);
      case COUNT -> v == Math.rint(v) ? grouped(v) : decimal(v);
      case YES_NO -> v == 1 ? (en ? "yes" : "oui") : v == 0 ? (en ? "no" : "non") : decimal(v);
      case PLAIN -> Math.abs(v) >= 1000 ? grouped(v) : decimal(v);
    };
  }

  private String duration(double days) {
    boolean en = language == Language.EN;
    if (days >= 730) {
      return oneDecimal(days / 365.25) + (en ? " years" : " ans");
    }
    long d = Math.round(days);
    return d + (en ? (d == 1 ? " day" : " days") : (d <= 1 ? " jour" : " jours"));
  }

  private String whole(double v) {
    return Long.toString((long) Math.floor(v));
  }

  private String grouped(double v) {
    return NumberFormat.getIntegerInstance(locale).format(Math.round(v));
  }

  private String oneDecimal(double v) {
    NumberFormat f = NumberFormat.getNumberInstance(locale);
    f.setMinimumFractionDigits(1);
    f.setMaximumFractionDigits(1);
    return f.format(v);
  }

  private String decimal(double v) {
    NumberFormat f = NumberFormat.getNumberInstance(locale);
    f.setGroupingUsed(Math.abs(v) >= 10_000);
    int digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 0.1 || v == 0 ? 2 : 3;
    f.setMinimumFractionDigits(v == Math.rint(v) ? 0 : Math.min(digits, 2));
    f.setMaximumFractionDigits(digits);
    return f.format(v);
  }

  private String percent(double v) {
    NumberFormat f = NumberFormat.getPercentInstance(locale);
    f.setMaximumFractionDigits(Math.abs(v) < 0.1 ? 1 : 0);
    return f.format(v);
  }

  // ---------------------------------------------------------------------------------------------
  // Names

  private Term term(String feature) {
    return cache.computeIfAbsent(feature, this::compose);
  }

  private String t(String english, String french) {
    return language == Language.EN ? english : french;
  }

  private Term compose(String name) {
    Entry hand = HAND_WRITTEN.get(name);
    if (hand != null) {
      return hand.term(language);
    }
    Term application = application(name);
    if (application != null) {
      return application;
    }
    for (Family family : FAMILIES) {
      if (name.startsWith(family.prefix)) {
        Term history = history(family, name.substring(family.prefix.length()));
        if (history != null) {
          return history;
        }
      }
    }
    String words = humanize(name);
    return new Term(capitalize(words), capitalize(words), Unit.PLAIN);
  }

  /** Application columns outside the dictionary: documents, bureau enquiries, building, dummies. */
  private Term application(String name) {
    if (name.startsWith("FLAG_DOCUMENT_")) {
      String n = name.substring("FLAG_DOCUMENT_".length());
      return same(t("Provided document " + n, "A fourni le document " + n), Unit.YES_NO);
    }
    if (name.startsWith("AMT_REQ_CREDIT_BUREAU_")) {
      String period = name.substring("AMT_REQ_CREDIT_BUREAU_".length());
      String[] words =
          switch (period) {
            case "HOUR" -> new String[] {"hour", "l'heure"};
            case "DAY" -> new String[] {"day", "la journée"};
            case "WEEK" -> new String[] {"week", "la semaine"};
            case "MON" -> new String[] {"month", "le mois"};
            case "QRT" -> new String[] {"quarter", "le trimestre"};
            default -> new String[] {"year", "l'année"};
          };
      return same(
          t(
              "Credit bureau enquiries in the " + words[0] + " before the application",
              "Consultations du bureau de crédit dans " + words[1] + " précédant la demande"),
          Unit.COUNT);
    }
    for (String stat : List.of("_AVG", "_MODE", "_MEDI")) {
      if (name.endsWith(stat)) {
        String[] building = BUILDING.get(name.substring(0, name.length() - stat.length()));
        if (building != null) {
          String how =
              switch (stat) {
                case "_AVG" -> t("average", "moyenne");
                case "_MODE" -> t("mode", "mode");
                default -> t("median", "médiane");
              };
          return same(
              t(
                  "Building: " + building[0] + " (" + how + ", normalised)",
                  "Immeuble : " + building[1] + " (" + how + ", normalisé)"),
              Unit.DECIMAL);
        }
      }
    }
    Dummy dummy = dummy(APPLICATION_CATEGORIES, name);
    if (dummy != null) {
      return same(dummy.column + t(": ", " : ") + dummy.level, Unit.YES_NO);
    }
    return null;
  }

  private Term same(String label, Unit unit) {
    return new Term(label, label, unit);
  }

  /** One history family, e.g. PREV_ "previous applications". */
  private record Family(
      String prefix, String english, String french, Map<String, Column> columns) {}

  /** A source column of a history table: its words and unit. */
  private record Column(String english, String french, Unit unit) {}

  private Term history(Family family, String rest) {
    String rows = t(family.english, family.french);
    if (rest.equals("COUNT")) {
      String label = t("Number of " + family.english, "Nombre de " + family.french);
      return same(label, Unit.COUNT);
    }
    int cut = rest.lastIndexOf('_');
    if (cut < 0) {
      return null;
    }
    String agg = rest.substring(cut + 1);
    String column = rest.substring(0, cut);
    if (!AGGS.contains(agg)) {
      return null;
    }
    if (agg.equals("SIZE")) {
      return same(t("Number of " + family.english, "Nombre de " + family.french), Unit.COUNT);
    }
    Column known = family.columns.get(column);
    if (known == null && column.startsWith("STATUS_") && column.endsWith("_MEAN")) {
      // bureau_balance status shares, averaged per bureau credit: BURO_STATUS_1_MEAN_MEAN.
      String status = column.substring("STATUS_".length(), column.length() - "_MEAN".length());
      String[] words = BUREAU_STATUS.getOrDefault(status, new String[] {status, status});
      known = new Column("share of months " + words[0], "part des mois " + words[1], Unit.SHARE);
    }
    if (known != null) {
      Unit unit = aggregateUnit(known.unit, agg);
      String what = t(known.english, known.french);
      return same(aggregate(agg, what, rows), unit);
    }
    Dummy dummy = dummy(family.columns, column);
    if (dummy != null) {
      String is = dummy.column + t(" is ", " = ") + dummy.level;
      String label =
          switch (agg) {
            case "MEAN" -> t("Share of " + rows + " where " + is, "Part des " + rows + " où " + is);
            case "SUM" ->
                t("Number of " + rows + " where " + is, "Nombre de " + rows + " où " + is);
            case "MAX" ->
                t("Any of the " + rows + " where " + is, "Au moins un des " + rows + " où " + is);
            case "MIN" -> t("All " + rows + " where " + is, "Tous les " + rows + " où " + is);
            default ->
                aggregate(agg, t("indicator \"", "indicateur « ") + is + t("\"", " »"), rows);
          };
      Unit unit =
          switch (agg) {
            case "MEAN" -> Unit.SHARE;
            case "SUM" -> Unit.COUNT;
            case "MIN", "MAX" -> Unit.YES_NO;
            default -> Unit.DECIMAL;
          };
      return same(label, unit);
    }
    Unit unit = aggregateUnit(Unit.PLAIN, agg);
    return same(aggregate(agg, humanize(column), rows), unit);
  }

  private static Unit aggregateUnit(Unit unit, String agg) {
    return switch (agg) {
      case "VAR" -> Unit.DECIMAL;
      case "NUNIQUE" -> Unit.COUNT;
      case "SUM" ->
          unit == Unit.MONEY || unit == Unit.COUNT
              ? unit
              : unit == Unit.SHARE ? Unit.DECIMAL : Unit.PLAIN;
      default -> unit;
    };
  }

  private String aggregate(String agg, String what, String rows) {
    if (language == Language.EN) {
      String how =
          switch (agg) {
            case "MIN" -> "Lowest ";
            case "MAX" -> "Highest ";
            case "MEAN" -> "Average ";
            case "SUM" -> "Total ";
            case "VAR" -> "Variance of the ";
            default -> "Number of distinct ";
          };
      return how + what + ", " + rows;
    }
    String how =
        switch (agg) {
          case "MIN" -> "minimum";
          case "MAX" -> "maximum";
          case "MEAN" -> "moyenne";
          case "SUM" -> "total";
          case "VAR" -> "variance";
          default -> "nombre de valeurs distinctes";
        };
    return capitalize(what) + " (" + how + ", " + rows + ")";
  }

  /** A one-hot column name split into column words and level ("Education", "Higher education"). */
  private record Dummy(String column, String level) {}

  private Dummy dummy(Map<String, ?> columns, String name) {
    String best = null;
    for (String column : columns.keySet()) {
      if (name.startsWith(column + "_") && (best == null || column.length() > best.length())) {
        best = column;
      }
    }
    if (best == null) {
      return null;
    }
    Object words = columns.get(best);
    String columnWords;
    if (words instanceof Column column) {
      if (column.unit != Unit.PLAIN) {
        return null; // a numeric column, not a one-hot one
      }
      columnWords = t(column.english, column.french);
    } else {
      String[] pair = (String[]) words;
      columnWords = t(pair[0], pair[1]);
    }
    String level = name.substring(best.length() + 1);
    level = level.equals("nan") ? t("missing", "non renseigné") : level.replace('_', ' ').trim();
    return new Dummy(capitalize(columnWords), level);
  }

  private static String humanize(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  // ---------------------------------------------------------------------------------------------
  // The dictionary

  private record Entry(
      String en, String enDescription, String fr, String frDescription, Unit unit) {
    Term term(Language language) {
      return language == Language.EN
          ? new Term(en, enDescription, unit)
          : new Term(fr, frDescription, unit);
    }
  }

  private static final Map<String, Entry> HAND_WRITTEN = new HashMap<>();

  private static void add(String name, String en, String enD, String fr, String frD, Unit unit) {
    HAND_WRITTEN.put(name, new Entry(en, enD, fr, frD, unit));
  }

  static {
    for (int i = 1; i <= 3; i++) {
      add(
          "EXT_SOURCE_" + i,
          "External score " + i,
          "Score from external data source " + i + ", between 0 and 1",
          "Score externe " + i,
          "Score de la source de données externe " + i + ", entre 0 et 1",
          Unit.DECIMAL);
    }
    add(
        "DAYS_BIRTH",
        "Age",
        "The client's age at the application",
        "Âge",
        "Âge du client au moment de la demande",
        Unit.AGE);
    add(
        "DAYS_EMPLOYED", "Time in current job",
        "How long the client has held the current job", "Ancienneté dans l'emploi",
        "Depuis combien de temps le client occupe son emploi actuel", Unit.DURATION);
    add(
        "DAYS_REGISTRATION", "Time since the registration changed",
        "How long ago the client last changed the registration", "Ancienneté de l'enregistrement",
        "Depuis quand le client a changé son enregistrement", Unit.DURATION);
    add(
        "DAYS_ID_PUBLISH",
        "Time since the identity document changed",
        "How long ago the client changed the identity document used to apply",
        "Ancienneté de la pièce d'identité",
        "Depuis quand le client a changé la pièce d'identité de la demande",
        Unit.DURATION);
    add(
        "DAYS_LAST_PHONE_CHANGE", "Time since the phone changed",
        "How long ago the client changed phone", "Ancienneté du téléphone",
        "Depuis quand le client a changé de téléphone", Unit.DURATION);
    add(
        "AMT_INCOME_TOTAL",
        "Income",
        "The client's income",
        "Revenu",
        "Revenu du client",
        Unit.MONEY);
    add(
        "AMT_CREDIT",
        "Loan amount",
        "Credit amount of the loan",
        "Montant du crédit",
        "Montant du crédit demandé",
        Unit.MONEY);
    add(
        "AMT_ANNUITY",
        "Loan annuity",
        "Annuity of the loan",
        "Annuité du crédit",
        "Annuité du crédit demandé",
        Unit.MONEY);
    add(
        "AMT_GOODS_PRICE",
        "Price of the goods",
        "Price of the goods the loan pays for",
        "Prix du bien",
        "Prix du bien financé par le crédit",
        Unit.MONEY);
    add(
        "PAYMENT_RATE",
        "Annuity to loan ratio",
        "Annuity as a share of the loan amount",
        "Rapport annuité / crédit",
        "Annuité rapportée au montant du crédit",
        Unit.SHARE);
    add(
        "ANNUITY_INCOME_PERC",
        "Annuity to income ratio",
        "Annuity as a share of income",
        "Rapport annuité / revenu",
        "Part du revenu consacrée à l'annuité",
        Unit.SHARE);
    add(
        "INCOME_CREDIT_PERC",
        "Income to loan ratio",
        "Income as a share of the loan amount",
        "Rapport revenu / crédit",
        "Revenu rapporté au montant du crédit",
        Unit.SHARE);
    add(
        "DAYS_EMPLOYED_PERC", "Share of life in current job",
        "Time in the current job as a share of the client's age", "Part de la vie dans l'emploi",
        "Ancienneté dans l'emploi rapportée à l'âge", Unit.SHARE);
    add(
        "INCOME_PER_PERSON", "Income per family member",
        "Income divided by the number of family members", "Revenu par personne",
        "Revenu divisé par le nombre de membres du foyer", Unit.MONEY);
    add(
        "CODE_GENDER",
        "Gender code",
        "Gender of the client (coded)",
        "Code du sexe",
        "Sexe du client (codé)",
        Unit.PLAIN);
    add(
        "FLAG_OWN_CAR",
        "Owns a car",
        "Whether the client owns a car",
        "Possède une voiture",
        "Le client possède-t-il une voiture",
        Unit.YES_NO);
    add(
        "FLAG_OWN_REALTY",
        "Owns a home",
        "Whether the client owns a house or flat",
        "Propriétaire",
        "Le client possède-t-il une maison ou un appartement",
        Unit.YES_NO);
    add(
        "OWN_CAR_AGE",
        "Age of the car (years)",
        "Age of the client's car, in years",
        "Âge de la voiture (ans)",
        "Âge de la voiture du client, en années",
        Unit.COUNT);
    add(
        "CNT_CHILDREN",
        "Number of children",
        "Number of children the client has",
        "Nombre d'enfants",
        "Nombre d'enfants du client",
        Unit.COUNT);
    add(
        "CNT_FAM_MEMBERS",
        "Family size",
        "Number of family members",
        "Taille du foyer",
        "Nombre de membres du foyer",
        Unit.COUNT);
    add(
        "REGION_POPULATION_RELATIVE",
        "Population of the region",
        "Normalised population of the client's region (higher: more populated)",
        "Population de la région",
        "Population normalisée de la région du client (plus élevée : plus peuplée)",
        Unit.DECIMAL);
    add(
        "REGION_RATING_CLIENT",
        "Rating of the region",
        "The lender's rating of the region (1-3)",
        "Note de la région",
        "Note de la région attribuée par le prêteur (1 à 3)",
        Unit.COUNT);
    add(
        "REGION_RATING_CLIENT_W_CITY", "Rating of the region and city",
        "The lender's rating of the region, city included (1-3)", "Note de la région et ville",
        "Note de la région, ville comprise (1 à 3)", Unit.COUNT);
    add(
        "HOUR_APPR_PROCESS_START",
        "Hour of the application",
        "Hour the client applied at",
        "Heure de la demande",
        "Heure à laquelle le client a fait la demande",
        Unit.COUNT);
    add(
        "REG_CITY_NOT_LIVE_CITY",
        "Lives outside the registered city",
        "Permanent and contact addresses are in different cities",
        "Habite hors de la ville déclarée",
        "Adresses permanente et de contact dans des villes différentes",
        Unit.YES_NO);
    add(
        "REG_CITY_NOT_WORK_CITY",
        "Works outside the registered city",
        "Permanent and work addresses are in different cities",
        "Travaille hors de la ville déclarée",
        "Adresses permanente et professionnelle dans des villes différentes",
        Unit.YES_NO);
    add(
        "LIVE_CITY_NOT_WORK_CITY", "Works outside the home city",
        "Contact and work addresses are in different cities", "Travaille hors de sa ville",
        "Adresses de contact et professionnelle dans des villes différentes", Unit.YES_NO);
    add(
        "FLAG_MOBIL",
        "Gave a mobile phone",
        "The client gave a mobile phone",
        "Téléphone mobile fourni",
        "Le client a donné un téléphone mobile",
        Unit.YES_NO);
    add(
        "FLAG_CONT_MOBILE",
        "Mobile phone reachable",
        "The client's mobile phone was reachable",
        "Mobile joignable",
        "Le téléphone mobile du client était joignable",
        Unit.YES_NO);
    add(
        "REG_REGION_NOT_LIVE_REGION",
        "Lives outside the registered region",
        "Permanent and contact addresses are in different regions",
        "Habite hors de la région déclarée",
        "Adresses permanente et de contact dans des régions différentes",
        Unit.YES_NO);
    add(
        "REG_REGION_NOT_WORK_REGION",
        "Works outside the registered region",
        "Permanent and work addresses are in different regions",
        "Travaille hors de la région déclarée",
        "Adresses permanente et professionnelle dans des régions différentes",
        Unit.YES_NO);
    add(
        "LIVE_REGION_NOT_WORK_REGION",
        "Works outside the home region",
        "Contact and work addresses are in different regions",
        "Travaille hors de sa région",
        "Adresses de contact et professionnelle dans des régions différentes",
        Unit.YES_NO);
    add(
        "FLAG_EMP_PHONE",
        "Gave an employer phone",
        "The client gave an employer's phone",
        "Téléphone employeur fourni",
        "Le client a donné le téléphone de son employeur",
        Unit.YES_NO);
    add(
        "FLAG_WORK_PHONE",
        "Gave a work phone",
        "The client gave a work phone",
        "Téléphone professionnel fourni",
        "Le client a donné un téléphone professionnel",
        Unit.YES_NO);
    add(
        "FLAG_PHONE",
        "Gave a home phone",
        "The client gave a home phone",
        "Téléphone fixe fourni",
        "Le client a donné un téléphone fixe",
        Unit.YES_NO);
    add(
        "FLAG_EMAIL",
        "Gave an e-mail",
        "The client gave an e-mail address",
        "E-mail fourni",
        "Le client a donné une adresse e-mail",
        Unit.YES_NO);
    add(
        "DEF_30_CNT_SOCIAL_CIRCLE", "Acquaintances in default (30 days)",
        "Acquaintances of the client 30 days past due", "Proches en défaut (30 jours)",
        "Proches du client en retard de 30 jours", Unit.COUNT);
    add(
        "DEF_60_CNT_SOCIAL_CIRCLE", "Acquaintances in default (60 days)",
        "Acquaintances of the client 60 days past due", "Proches en défaut (60 jours)",
        "Proches du client en retard de 60 jours", Unit.COUNT);
    add(
        "OBS_30_CNT_SOCIAL_CIRCLE",
        "Acquaintances observed (30 days)",
        "Acquaintances of the client with an observable 30-day record",
        "Proches observés (30 jours)",
        "Proches du client observables à 30 jours",
        Unit.COUNT);
    add(
        "OBS_60_CNT_SOCIAL_CIRCLE",
        "Acquaintances observed (60 days)",
        "Acquaintances of the client with an observable 60-day record",
        "Proches observés (60 jours)",
        "Proches du client observables à 60 jours",
        Unit.COUNT);
    add(
        "TOTALAREA_MODE", "Building: total area (normalised)",
        "Normalised total area of the client's building", "Immeuble : surface totale (normalisée)",
        "Surface totale normalisée de l'immeuble du client", Unit.DECIMAL);
    add(
        "POS_COUNT",
        "Number of point-of-sale and cash loan months",
        "Monthly records of the client's previous point-of-sale and cash loans",
        "Nombre de mois de prêts point de vente et espèces",
        "Relevés mensuels des prêts point de vente et espèces précédents",
        Unit.COUNT);
    add(
        "INSTAL_COUNT", "Number of past instalments",
        "Instalments of previous credits with the lender", "Nombre d'échéances passées",
        "Échéances des crédits précédents auprès du prêteur", Unit.COUNT);
    add(
        "CC_COUNT",
        "Number of credit card months",
        "Monthly records of the client's credit cards",
        "Nombre de mois de carte de crédit",
        "Relevés mensuels des cartes de crédit du client",
        Unit.COUNT);
  }

  private static final List<String> AGGS =
      List.of("MIN", "MAX", "MEAN", "SUM", "VAR", "SIZE", "NUNIQUE");

  /** One-hot application columns (English, French). */
  private static final Map<String, String[]> APPLICATION_CATEGORIES =
      Map.ofEntries(
          Map.entry("NAME_CONTRACT_TYPE", new String[] {"Contract type", "Type de contrat"}),
          Map.entry("NAME_TYPE_SUITE", new String[] {"Accompanied by", "Accompagné par"}),
          Map.entry("NAME_INCOME_TYPE", new String[] {"Income type", "Type de revenu"}),
          Map.entry("NAME_EDUCATION_TYPE", new String[] {"Education", "Études"}),
          Map.entry("NAME_FAMILY_STATUS", new String[] {"Family status", "Situation familiale"}),
          Map.entry("NAME_HOUSING_TYPE", new String[] {"Housing", "Logement"}),
          Map.entry("OCCUPATION_TYPE", new String[] {"Occupation", "Profession"}),
          Map.entry(
              "WEEKDAY_APPR_PROCESS_START",
              new String[] {"Day of the application", "Jour de la demande"}),
          Map.entry("ORGANIZATION_TYPE", new String[] {"Employer type", "Type d'employeur"}),
          Map.entry("FONDKAPREMONT_MODE", new String[] {"Building fund", "Fonds de l'immeuble"}),
          Map.entry("HOUSETYPE_MODE", new String[] {"Building type", "Type d'immeuble"}),
          Map.entry("WALLSMATERIAL_MODE", new String[] {"Wall material", "Matériau des murs"}),
          Map.entry(
              "EMERGENCYSTATE_MODE",
              new String[] {"Building emergency state", "État d'urgence de l'immeuble"}));

  /** Building statistics (the _AVG/_MODE/_MEDI columns). */
  private static final Map<String, String[]> BUILDING =
      Map.ofEntries(
          Map.entry("APARTMENTS", new String[] {"apartment size", "taille des appartements"}),
          Map.entry("BASEMENTAREA", new String[] {"basement area", "surface du sous-sol"}),
          Map.entry(
              "YEARS_BEGINEXPLUATATION", new String[] {"years in use", "années d'utilisation"}),
          Map.entry("YEARS_BUILD", new String[] {"age", "âge"}),
          Map.entry("COMMONAREA", new String[] {"common area", "parties communes"}),
          Map.entry("ELEVATORS", new String[] {"elevators", "ascenseurs"}),
          Map.entry("ENTRANCES", new String[] {"entrances", "entrées"}),
          Map.entry("FLOORSMAX", new String[] {"highest floor", "étage le plus haut"}),
          Map.entry("FLOORSMIN", new String[] {"lowest floor", "étage le plus bas"}),
          Map.entry("LANDAREA", new String[] {"land area", "surface du terrain"}),
          Map.entry("LIVINGAPARTMENTS", new String[] {"living apartments", "logements habités"}),
          Map.entry("LIVINGAREA", new String[] {"living area", "surface habitable"}),
          Map.entry(
              "NONLIVINGAPARTMENTS", new String[] {"non-living apartments", "locaux non habités"}),
          Map.entry("NONLIVINGAREA", new String[] {"non-living area", "surface non habitable"}));

  private static final Map<String, String[]> BUREAU_STATUS =
      Map.of(
          "0", new String[] {"without delay", "sans retard"},
          "1", new String[] {"1-30 days late", "avec 1 à 30 jours de retard"},
          "2", new String[] {"31-60 days late", "avec 31 à 60 jours de retard"},
          "3", new String[] {"61-90 days late", "avec 61 à 90 jours de retard"},
          "4", new String[] {"91-120 days late", "avec 91 à 120 jours de retard"},
          "5",
              new String[] {
                "over 120 days late or written off", "avec plus de 120 jours de retard"
              },
          "C", new String[] {"closed", "clos"},
          "X", new String[] {"of unknown status", "de statut inconnu"},
          "nan", new String[] {"without status", "sans statut"});

  private static Column col(String english, String french, Unit unit) {
    return new Column(english, french, unit);
  }

  private static final Map<String, Column> BUREAU_COLUMNS =
      Map.ofEntries(
          Map.entry("DAYS_CREDIT", col("time since opening", "ancienneté", Unit.DURATION)),
          Map.entry("DAYS_CREDIT_ENDDATE", col("planned end", "fin prévue", Unit.SIGNED_DAYS)),
          Map.entry(
              "DAYS_CREDIT_UPDATE",
              col("last bureau update", "dernière mise à jour", Unit.SIGNED_DAYS)),
          Map.entry("CREDIT_DAY_OVERDUE", col("days overdue", "jours de retard", Unit.COUNT)),
          Map.entry(
              "AMT_CREDIT_MAX_OVERDUE",
              col("largest amount overdue", "plus gros impayé", Unit.MONEY)),
          Map.entry("AMT_CREDIT_SUM", col("credit amount", "montant du crédit", Unit.MONEY)),
          Map.entry("AMT_CREDIT_SUM_DEBT", col("current debt", "dette en cours", Unit.MONEY)),
          Map.entry("AMT_CREDIT_SUM_LIMIT", col("credit limit", "plafond de crédit", Unit.MONEY)),
          Map.entry(
              "AMT_CREDIT_SUM_OVERDUE", col("amount overdue", "montant en retard", Unit.MONEY)),
          Map.entry("AMT_ANNUITY", col("annuity", "annuité", Unit.MONEY)),
          Map.entry("CNT_CREDIT_PROLONG", col("prolongations", "prolongations", Unit.COUNT)),
          Map.entry(
              "MONTHS_BALANCE_MIN",
              col("oldest month of history", "plus ancien mois d'historique", Unit.MONTHS)),
          Map.entry(
              "MONTHS_BALANCE_MAX",
              col("latest month of history", "dernier mois d'historique", Unit.MONTHS)),
          Map.entry(
              "MONTHS_BALANCE_SIZE", col("months of history", "mois d'historique", Unit.COUNT)),
          Map.entry("CREDIT_ACTIVE", col("status", "statut", Unit.PLAIN)),
          Map.entry("CREDIT_CURRENCY", col("currency", "devise", Unit.PLAIN)),
          Map.entry("CREDIT_TYPE", col("credit type", "type de crédit", Unit.PLAIN)));

  private static final Map<String, Column> PREVIOUS_COLUMNS =
      Map.ofEntries(
          Map.entry("AMT_ANNUITY", col("annuity", "annuité", Unit.MONEY)),
          Map.entry("AMT_APPLICATION", col("amount asked", "montant demandé", Unit.MONEY)),
          Map.entry("AMT_CREDIT", col("amount granted", "montant accordé", Unit.MONEY)),
          Map.entry(
              "APP_CREDIT_PERC",
              col("amount asked to amount granted", "rapport demandé / accordé", Unit.SHARE)),
          Map.entry("AMT_DOWN_PAYMENT", col("down payment", "apport", Unit.MONEY)),
          Map.entry("AMT_GOODS_PRICE", col("price of the goods", "prix du bien", Unit.MONEY)),
          Map.entry(
              "HOUR_APPR_PROCESS_START",
              col("hour of application", "heure de la demande", Unit.COUNT)),
          Map.entry("RATE_DOWN_PAYMENT", col("down payment rate", "taux d'apport", Unit.SHARE)),
          Map.entry(
              "DAYS_DECISION",
              col("time since the decision", "ancienneté de la décision", Unit.DURATION)),
          Map.entry("CNT_PAYMENT", col("term (months)", "durée (mois)", Unit.COUNT)),
          Map.entry("NAME_CONTRACT_TYPE", col("contract type", "type de contrat", Unit.PLAIN)),
          Map.entry(
              "WEEKDAY_APPR_PROCESS_START",
              col("day of application", "jour de la demande", Unit.PLAIN)),
          Map.entry(
              "FLAG_LAST_APPL_PER_CONTRACT",
              col("last application for the contract", "dernière demande du contrat", Unit.PLAIN)),
          Map.entry("NAME_CASH_LOAN_PURPOSE", col("loan purpose", "objet du prêt", Unit.PLAIN)),
          Map.entry("NAME_CONTRACT_STATUS", col("status", "statut", Unit.PLAIN)),
          Map.entry("NAME_PAYMENT_TYPE", col("payment method", "mode de paiement", Unit.PLAIN)),
          Map.entry("CODE_REJECT_REASON", col("refusal reason", "motif de refus", Unit.PLAIN)),
          Map.entry("NAME_TYPE_SUITE", col("accompanied by", "accompagné par", Unit.PLAIN)),
          Map.entry("NAME_CLIENT_TYPE", col("client type", "type de client", Unit.PLAIN)),
          Map.entry("NAME_GOODS_CATEGORY", col("goods category", "catégorie du bien", Unit.PLAIN)),
          Map.entry("NAME_PORTFOLIO", col("portfolio", "portefeuille", Unit.PLAIN)),
          Map.entry("NAME_PRODUCT_TYPE", col("product type", "type de produit", Unit.PLAIN)),
          Map.entry("CHANNEL_TYPE", col("channel", "canal", Unit.PLAIN)),
          Map.entry(
              "NAME_SELLER_INDUSTRY", col("seller industry", "secteur du vendeur", Unit.PLAIN)),
          Map.entry("NAME_YIELD_GROUP", col("interest rate group", "groupe de taux", Unit.PLAIN)),
          Map.entry("PRODUCT_COMBINATION", col("product", "produit", Unit.PLAIN)));

  private static final Map<String, Column> POS_COLUMNS =
      Map.of(
          "MONTHS_BALANCE", col("month", "mois", Unit.MONTHS),
          "SK_DPD", col("days past due", "jours de retard", Unit.COUNT),
          "SK_DPD_DEF",
              col(
                  "days past due (beyond tolerance)",
                  "jours de retard (hors tolérance)",
                  Unit.COUNT),
          "NAME_CONTRACT_STATUS", col("status", "statut", Unit.PLAIN));

  private static final Map<String, Column> INSTALMENT_COLUMNS =
      Map.of(
          "NUM_INSTALMENT_VERSION",
          col("instalment calendar versions", "versions du calendrier", Unit.COUNT),
          "DPD",
          col("days paid late", "jours de retard de paiement", Unit.COUNT),
          "DBD",
          col("days paid early", "jours d'avance de paiement", Unit.COUNT),
          "PAYMENT_PERC",
          col("share of the instalment paid", "part de l'échéance payée", Unit.SHARE),
          "PAYMENT_DIFF",
          col("amount left unpaid", "montant resté impayé", Unit.MONEY),
          "AMT_INSTALMENT",
          col("instalment amount", "montant de l'échéance", Unit.MONEY),
          "AMT_PAYMENT",
          col("amount paid", "montant payé", Unit.MONEY),
          "DAYS_ENTRY_PAYMENT",
          col("time since payment", "ancienneté du paiement", Unit.DURATION));

  private static final Map<String, Column> CARD_COLUMNS =
      Map.ofEntries(
          Map.entry("MONTHS_BALANCE", col("month", "mois", Unit.MONTHS)),
          Map.entry("AMT_BALANCE", col("balance", "solde", Unit.MONEY)),
          Map.entry(
              "AMT_CREDIT_LIMIT_ACTUAL", col("card limit", "plafond de la carte", Unit.MONEY)),
          Map.entry(
              "AMT_DRAWINGS_ATM_CURRENT", col("cash withdrawn", "retraits d'espèces", Unit.MONEY)),
          Map.entry("AMT_DRAWINGS_CURRENT", col("amount drawn", "montant utilisé", Unit.MONEY)),
          Map.entry(
              "AMT_DRAWINGS_OTHER_CURRENT",
              col("other drawings", "autres utilisations", Unit.MONEY)),
          Map.entry(
              "AMT_DRAWINGS_POS_CURRENT", col("card purchases", "achats par carte", Unit.MONEY)),
          Map.entry(
              "AMT_INST_MIN_REGULARITY",
              col("minimum instalment", "mensualité minimale", Unit.MONEY)),
          Map.entry("AMT_PAYMENT_CURRENT", col("amount repaid", "montant remboursé", Unit.MONEY)),
          Map.entry(
              "AMT_PAYMENT_TOTAL_CURRENT",
              col("total amount repaid", "total remboursé", Unit.MONEY)),
          Map.entry("AMT_RECEIVABLE_PRINCIPAL", col("principal due", "capital dû", Unit.MONEY)),
          Map.entry("AMT_RECIVABLE", col("amount due", "montant dû", Unit.MONEY)),
          Map.entry("AMT_TOTAL_RECEIVABLE", col("total due", "total dû", Unit.MONEY)),
          Map.entry(
              "CNT_DRAWINGS_ATM_CURRENT",
              col("cash withdrawals", "retraits d'espèces", Unit.COUNT)),
          Map.entry("CNT_DRAWINGS_CURRENT", col("drawings", "utilisations", Unit.COUNT)),
          Map.entry(
              "CNT_DRAWINGS_OTHER_CURRENT",
              col("other drawings", "autres utilisations", Unit.COUNT)),
          Map.entry(
              "CNT_DRAWINGS_POS_CURRENT", col("card purchases", "achats par carte", Unit.COUNT)),
          Map.entry(
              "CNT_INSTALMENT_MATURE_CUM", col("instalments paid", "échéances payées", Unit.COUNT)),
          Map.entry("SK_DPD", col("days past due", "jours de retard", Unit.COUNT)),
          Map.entry(
              "SK_DPD_DEF",
              col(
                  "days past due (beyond tolerance)",
                  "jours de retard (hors tolérance)",
                  Unit.COUNT)),
          Map.entry("NAME_CONTRACT_STATUS", col("status", "statut", Unit.PLAIN)));

  /** Longest prefixes first is not needed: no prefix is a prefix of another. */
  private static final List<Family> FAMILIES =
      List.of(
          new Family(
              "BURO_", "credit bureau credits", "crédits du bureau de crédit", BUREAU_COLUMNS),
          new Family(
              "ACTIVE_", "active bureau credits", "crédits en cours (bureau)", BUREAU_COLUMNS),
          new Family("CLOSED_", "closed bureau credits", "crédits clos (bureau)", BUREAU_COLUMNS),
          new Family("PREV_", "previous applications", "demandes précédentes", PREVIOUS_COLUMNS),
          new Family(
              "APPROVED_",
              "approved previous applications",
              "demandes précédentes acceptées",
              PREVIOUS_COLUMNS),
          new Family(
              "REFUSED_",
              "refused previous applications",
              "demandes précédentes refusées",
              PREVIOUS_COLUMNS),
          new Family(
              "POS_",
              "point-of-sale and cash loan months",
              "mois de prêts point de vente et espèces",
              POS_COLUMNS),
          new Family("INSTAL_", "past instalments", "échéances passées", INSTALMENT_COLUMNS),
          new Family("CC_", "credit card months", "mois de carte de crédit", CARD_COLUMNS));
}
