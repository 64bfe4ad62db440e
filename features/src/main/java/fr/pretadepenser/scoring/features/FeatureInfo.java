package fr.pretadepenser.scoring.features;

/**
 * One feature of the vector: its stable name (safe for LightGBM and ONNX: only [A-Za-z0-9_]), the
 * family it belongs to, what it means in plain words, and where it comes from, so that its words
 * (labels, units, in English or French: {@link FeatureWords}) are composed from this structure
 * rather than by reading the name back.
 *
 * @param table the vocabulary's name of the table the value comes from ({@link
 *     CategoryVocabulary#TABLES}); null for a feature built without a definition
 * @param column the source column in that table (before one-hot encoding), or a column the family
 *     derives itself (APP_CREDIT_PERC, DPD, MONTHS_BALANCE_MIN...); null for a row count
 * @param level for a one-hot dummy, the category it indicates ({@link #MISSING_LEVEL} for the dummy
 *     of missing values); null otherwise
 * @param aggregation how the client's rows were aggregated; null for an application column
 * @param rows which rows were aggregated: the name prefix without its underscore (BURO, ACTIVE,
 *     CLOSED, PREV, APPROVED, REFUSED, POS, INSTAL, CC); null for an application column
 */
public record FeatureInfo(
    String name,
    FeatureFamily family,
    String description,
    String table,
    String column,
    String level,
    Agg aggregation,
    String rows) {

  /** The level of the {@code _nan} dummy: pandas' name for "no value". */
  public static final String MISSING_LEVEL = "nan";

  /** A feature known by name only (tests, tools): no structure, words fall back to the name. */
  public FeatureInfo(String name, FeatureFamily family, String description) {
    this(name, family, description, null, null, null, null, null);
  }

  /** Whether this is a one-hot dummy (its value is 0 or 1 before aggregation). */
  public boolean isDummy() {
    return level != null;
  }
}
