package fr.pretadepenser.scoring.training;

import fr.pretadepenser.scoring.features.FeatureExclusion;
import java.util.List;

/**
 * Which source columns the model may not read (training/README.md gives each default and why).
 *
 * <p>Protected columns never enter the model. Non-actionable columns leave it too, unless the
 * cross-validation shows that taking them out loses more mean AUC than the folds' noise (the rule
 * is in {@link Trainer}); {@code keepNonActionable} keeps them without asking.
 *
 * @param protectedColumns {@link FeatureExclusion} entries for attributes a lender may not decide
 *     on (default {@link #PROTECTED})
 * @param nonActionableColumns entries for columns neither a client nor an advisor could act on or
 *     explain (default {@link #NON_ACTIONABLE})
 * @param keepNonActionable keep the non-actionable columns in the model, whatever the rule says
 */
public record ExclusionOptions(
    List<String> protectedColumns, List<String> nonActionableColumns, boolean keepNonActionable) {

  /** Gender and family status: grounds of discrimination a credit decision may not rest on. */
  public static final List<String> PROTECTED = List.of("CODE_GENDER", "NAME_FAMILY_STATUS");

  /**
   * When and how an application was filed, unnamed documents, a data-entry flag and facts about
   * other people: nothing a client could change or an advisor could explain as a reason.
   */
  public static final List<String> NON_ACTIONABLE =
      List.of(
          "WEEKDAY_APPR_PROCESS_START",
          "HOUR_APPR_PROCESS_START",
          "NAME_TYPE_SUITE",
          "FLAG_DOCUMENT_*",
          "FLAG_LAST_APPL_PER_CONTRACT",
          "OBS_30_CNT_SOCIAL_CIRCLE",
          "DEF_30_CNT_SOCIAL_CIRCLE",
          "OBS_60_CNT_SOCIAL_CIRCLE",
          "DEF_60_CNT_SOCIAL_CIRCLE",
          "DAYS_LAST_PHONE_CHANGE");

  /**
   * @throws IllegalArgumentException for an entry that is not a column name (the message names the
   *     option)
   */
  public ExclusionOptions {
    protectedColumns = checked("--exclude-columns", protectedColumns);
    nonActionableColumns = checked("--non-actionable-columns", nonActionableColumns);
  }

  public static ExclusionOptions defaults() {
    return new ExclusionOptions(PROTECTED, NON_ACTIONABLE, false);
  }

  /** No exclusion at all: the model reads every column (for comparisons and old behaviour). */
  public static ExclusionOptions none() {
    return new ExclusionOptions(List.of(), List.of(), true);
  }

  public FeatureExclusion protectedExclusion() {
    return new FeatureExclusion(protectedColumns);
  }

  public FeatureExclusion nonActionableExclusion() {
    return new FeatureExclusion(nonActionableColumns);
  }

  private static List<String> checked(String option, List<String> columns) {
    try {
      return new FeatureExclusion(columns == null ? List.of() : columns).columns();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }
}
