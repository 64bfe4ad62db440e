package fr.pretadepenser.scoring.features;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Source columns a model may not read, decided at training and saved in its bundle so that every
 * reader (scorer, explainer, dashboard, monitor) builds the same {@link FeatureDefinition}.
 *
 * <p>An entry is a source column name ({@link FeatureInfo#column()}), matched in every table:
 * {@code WEEKDAY_APPR_PROCESS_START} takes out the application's weekday dummies and the aggregates
 * of the previous applications' weekdays alike, since a fact about when an application was filed is
 * the same fact in either table. An entry ending with {@code *} matches every column starting with
 * what precedes it ({@code FLAG_DOCUMENT_*}). Every feature read from a matched column leaves the
 * vector: its raw value, its one-hot dummies and every aggregate of it. A ratio the definition
 * derives (APP_CREDIT_PERC, PAYMENT_RATE...) is its own column: it goes only if named.
 *
 * @param columns entries in the order given, without duplicates; at most {@link #MAX_COLUMNS}
 */
public record FeatureExclusion(List<String> columns) {

  /** A bound on the list (the application table has about 120 columns). */
  public static final int MAX_COLUMNS = 1000;

  /** No exclusion: what a bundle written before exclusions existed is read as. */
  public static final FeatureExclusion NONE = new FeatureExclusion(List.of());

  private static final Pattern ENTRY = Pattern.compile("[A-Za-z0-9_]+\\*?");

  /**
   * @throws IllegalArgumentException for an entry that is not a column name (letters, digits,
   *     underscores, an optional final {@code *}) or for more than {@link #MAX_COLUMNS} entries
   */
  public FeatureExclusion {
    if (columns == null) {
      columns = List.of();
    }
    if (columns.size() > MAX_COLUMNS) {
      throw new IllegalArgumentException(
          columns.size() + " columns to exclude, more than " + MAX_COLUMNS);
    }
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (String c : columns) {
      if (c == null || !ENTRY.matcher(c).matches()) {
        throw new IllegalArgumentException(
            "column to exclude \""
                + c
                + "\": expected a column name (letters, digits, _), optionally ending with *");
      }
      unique.add(c);
    }
    columns = List.copyOf(unique);
  }

  /** The given entries, e.g. {@code of("CODE_GENDER", "FLAG_DOCUMENT_*")}. */
  public static FeatureExclusion of(String... columns) {
    return new FeatureExclusion(List.of(columns));
  }

  public boolean isEmpty() {
    return columns.isEmpty();
  }

  /** This exclusion's entries followed by {@code other}'s. */
  public FeatureExclusion plus(FeatureExclusion other) {
    List<String> all = new ArrayList<>(columns);
    all.addAll(other.columns);
    return new FeatureExclusion(all);
  }

  /** Whether a source column is matched by an entry. */
  public boolean matches(String column) {
    if (column == null) {
      return false;
    }
    for (String entry : columns) {
      boolean prefix = entry.endsWith("*");
      if (prefix
          ? column.startsWith(entry.substring(0, entry.length() - 1))
          : column.equals(entry)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the feature is read from an excluded column and so leaves the vector. */
  public boolean excludes(FeatureInfo feature) {
    return matches(feature.column());
  }
}
