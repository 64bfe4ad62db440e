package fr.pretadepenser.scoring.monitoring;

import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.features.CategoryVocabulary;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.features.FeatureFamily;
import fr.pretadepenser.scoring.features.FeatureInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Which features are categorical. Every feature of the vector is a number, so the kind comes from
 * how the feature definition builds it, not from its type:
 *
 * <ul>
 *   <li>the application's one-hot dummies ({@code COLUMN_level} for every level of the bundle's
 *       vocabulary) and its three binary-coded string columns (CODE_GENDER, FLAG_OWN_CAR,
 *       FLAG_OWN_REALTY: the string columns that are features under their own name) are 0/1
 *       indicators of a category;
 *   <li>the application's integer columns that Home Credit documents as 0/1 flags ({@code FLAG_*}
 *       and the address mismatches {@code *_NOT_*}) are categories too;
 *   <li>everything else is numeric, including the history tables' aggregated dummies: a mean of
 *       dummies is a share between 0 and 1, not a category.
 * </ul>
 *
 * Evidently would also compare as categorical any numeric column with at most 5 distinct values;
 * the bundle's reference keeps quantiles and bins, not distinct values, so that rule cannot be
 * applied to it and small counts (CNT_CHILDREN, REGION_RATING_CLIENT) stay numeric.
 */
public final class FeatureKinds {

  /** Fields of the application event that are not Kaggle input columns. */
  private static final Set<String> NOT_INPUTS =
      Set.of("application_id", "SK_ID_CURR", "submitted_at");

  private FeatureKinds() {}

  /** The kind of every feature of {@code definition}, in vector order. */
  public static List<FeatureKind> of(FeatureDefinition definition) {
    Set<String> categorical = categoricalNames(definition.vocabulary());
    return definition.features().stream()
        .map(f -> isCategorical(f, categorical) ? FeatureKind.CATEGORICAL : FeatureKind.NUMERIC)
        .toList();
  }

  private static boolean isCategorical(FeatureInfo f, Set<String> categorical) {
    return f.family() == FeatureFamily.APPLICATION && categorical.contains(f.name());
  }

  /** Names the application family gives its indicators, whether or not the definition has them. */
  static Set<String> categoricalNames(CategoryVocabulary vocabulary) {
    Set<String> names = new HashSet<>();
    for (Schema.Field field : LoanApplication.getClassSchema().getFields()) {
      String column = field.name();
      if (NOT_INPUTS.contains(column)) {
        continue;
      }
      if (CategoryVocabulary.isString(field.schema())) {
        // A binary-coded column is a feature under its own name; the others become dummies.
        names.add(column);
        for (String level : vocabulary.levels(CategoryVocabulary.APPLICATION, column)) {
          names.add(sanitise(column + "_" + level));
        }
      } else if (column.startsWith("FLAG_") || column.contains("_NOT_")) {
        names.add(column);
      }
    }
    return names;
  }

  /**
   * The feature definition's naming rule (every character outside [A-Za-z0-9_] becomes _), which
   * the features module keeps package-private; FeatureKindsTest fails if the two ever disagree.
   */
  static String sanitise(String name) {
    return name.replaceAll("[^A-Za-z0-9_]", "_");
  }
}
