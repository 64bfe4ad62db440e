package fr.pretadepenser.scoring.model.fairness;

/**
 * An applicant's protected attributes, kept apart from the decision so that who holds many of them
 * before their decision or outcome is known (the monitor) can count them later; {@link
 * FairnessTable.Names} gives them canonical, bounded values.
 *
 * @param gender CODE_GENDER; null when missing
 * @param ageYears age in whole years at the application ({@link FairnessTable#ageYears}); null when
 *     unknown
 * @param familyStatus NAME_FAMILY_STATUS; null when missing
 */
public record Applicant(String gender, Integer ageYears, String familyStatus) {

  /** This applicant's decision as fairness counts it; {@code defaulted} null while unknown. */
  public FairnessRow decided(boolean granted, Boolean defaulted) {
    return new FairnessRow(gender, ageYears, familyStatus, granted, defaulted);
  }
}
