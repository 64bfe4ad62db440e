package fr.pretadepenser.scoring.model.fairness;

/**
 * One decision as fairness counts it: the applicant's protected attributes (read from the
 * application's columns even though the model does not use them), the decision and, when known, the
 * outcome.
 *
 * @param gender CODE_GENDER as the application gives it (F, M, XNA); null when missing
 * @param ageYears age in whole years at the application ({@link FairnessTable#ageYears}); null when
 *     unknown
 * @param familyStatus NAME_FAMILY_STATUS as the application gives it; null when missing
 * @param granted whether the loan was granted
 * @param defaulted whether the client defaulted (TARGET 1); null while the outcome is unknown
 */
public record FairnessRow(
    String gender, Integer ageYears, String familyStatus, boolean granted, Boolean defaulted) {}
