package fr.pretadepenser.scoring.features;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Plain-words descriptions of features, built from Home Credit's own column descriptions
 * (HomeCredit_columns_description.csv, kept as published: cp1252, CRLF) and a short phrase file
 * (feature-phrases.properties) that condenses them into noun phrases, so that aggregates read as
 * sentences: "Highest days past due over past instalments".
 */
final class Glossary {

  private static final String CSV = "HomeCredit_columns_description.csv";
  private static final String PHRASES = "feature-phrases.properties";
  private static final String BUILDING_TEXT = "Normalized information about building";

  /** The CSV's table names, mapped to the vocabulary's. */
  private static final Map<String, String> TABLES =
      Map.of(
          "application_{train|test}.csv", CategoryVocabulary.APPLICATION,
          "bureau.csv", CategoryVocabulary.BUREAU,
          "bureau_balance.csv", CategoryVocabulary.BUREAU_BALANCE,
          "previous_application.csv", CategoryVocabulary.PREVIOUS,
          "POS_CASH_balance.csv", CategoryVocabulary.POS_CASH,
          "installments_payments.csv", CategoryVocabulary.INSTALMENTS,
          "credit_card_balance.csv", CategoryVocabulary.CREDIT_CARD);

  private static final Glossary INSTANCE = load();

  private final Map<String, String> csv;
  private final Properties phrases;

  private Glossary(Map<String, String> csv, Properties phrases) {
    this.csv = csv;
    this.phrases = phrases;
  }

  static Glossary get() {
    return INSTANCE;
  }

  /** The CSV's description of {@code table.column}, whitespace tidied; null when absent. */
  String csvDescription(String table, String column) {
    return csv.get(table + "." + column);
  }

  /** One-line sentence for an application column used as is. */
  String applicationColumn(String column) {
    String override = phrases.getProperty("describe.application." + column);
    if (override != null) {
      return override;
    }
    String text = csvDescription(CategoryVocabulary.APPLICATION, column);
    if (text == null) {
      return humanize(column);
    }
    if (text.startsWith(BUILDING_TEXT)) {
      String building = building(column);
      if (building != null) {
        return building;
      }
    }
    return text;
  }

  /** Noun phrase for {@code table.column}, for generated sentences. */
  String phrase(String table, String column) {
    String phrase = phrases.getProperty("phrase." + table + "." + column);
    if (phrase != null) {
      return phrase;
    }
    String text = csvDescription(table, column);
    return text == null ? humanize(column) : decapitalize(text);
  }

  /** A level as shown in sentences: the raw value, with its meaning when the data codes it. */
  String level(String table, String column, String level) {
    if (level == null) {
      return "missing";
    }
    String gloss = phrases.getProperty("level." + table + "." + column + "." + level);
    return gloss == null ? level : level + " (" + gloss + ")";
  }

  /** Description of {@code agg} of a frame column over a set of rows ("previous applications"). */
  static String aggregate(Agg agg, Meaning meaning, String rows) {
    if (agg == Agg.SIZE) {
      return "Number of " + rows;
    }
    if (meaning instanceof Meaning.Indicator ind) {
      String is = ind.columnPhrase() + " is " + ind.level();
      return switch (agg) {
        case MEAN -> "Share of " + rows + " whose " + is;
        case SUM -> "Number of " + rows + " whose " + is;
        case MIN -> "1 if all " + rows + " have " + ind.columnPhrase() + " " + ind.level();
        case MAX -> "1 if any of the " + rows + " has " + ind.columnPhrase() + " " + ind.level();
        case VAR -> "Variance of the indicator \"" + is + "\" over " + rows;
        case NUNIQUE -> "Number of distinct values of the indicator \"" + is + "\" over " + rows;
        case SIZE -> throw new AssertionError();
      };
    }
    String phrase = ((Meaning.Quantity) meaning).phrase();
    return switch (agg) {
      case MIN -> "Lowest " + phrase + " over " + rows;
      case MAX -> "Highest " + phrase + " over " + rows;
      case MEAN -> "Average " + phrase + " over " + rows;
      case SUM -> "Total " + phrase + " over " + rows;
      case VAR -> "Variance of the " + phrase + " over " + rows;
      case NUNIQUE -> "Number of distinct " + phrase + " over " + rows;
      case SIZE -> throw new AssertionError();
    };
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private String building(String column) {
    int cut = column.lastIndexOf('_');
    if (cut < 0) {
      return null;
    }
    String what = phrases.getProperty("building." + column.substring(0, cut));
    String statistic =
        switch (column.substring(cut + 1)) {
          case "AVG" -> "average";
          case "MODE" -> "mode";
          case "MEDI" -> "median";
          default -> null;
        };
    if (what == null || statistic == null) {
      return null;
    }
    return "Normalized " + what + " of the building where the client lives (" + statistic + ")";
  }

  private static String decapitalize(String s) {
    // Keep acronyms (DPD, ATM) as they are.
    if (s.length() > 1 && Character.isUpperCase(s.charAt(1))) {
      return s;
    }
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private static String humanize(String column) {
    return column.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static Glossary load() {
    Map<String, String> csv = new HashMap<>();
    try (InputStream in = resource(CSV);
        CsvReader<CsvRecord> reader =
            CsvReader.builder().ofCsvRecord(new InputStreamReader(in, Charset.forName("cp1252")))) {
      boolean header = true;
      for (CsvRecord record : reader) {
        if (header) {
          header = false;
          continue;
        }
        String table = TABLES.get(record.getField(1).trim());
        if (table == null) {
          continue;
        }
        csv.put(table + "." + column(record.getField(2)), tidy(record.getField(3)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Properties phrases = new Properties();
    try (Reader in = new InputStreamReader(resource(PHRASES), StandardCharsets.UTF_8)) {
      phrases.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Glossary(Map.copyOf(csv), phrases);
  }

  /** The CSV spells some keys unlike the data files: trailing spaces, SK_BUREAU_ID. */
  private static String column(String raw) {
    String column = raw.trim();
    return column.equals("SK_BUREAU_ID") ? "SK_ID_BUREAU" : column;
  }

  private static String tidy(String text) {
    return text.replaceAll("\\s+", " ").trim();
  }

  private static InputStream resource(String name) {
    InputStream in = Glossary.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing resource " + name);
    }
    return in;
  }
}
