package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.events.LoanApplication;
import java.util.ArrayList;
import java.util.List;

/**
 * The domain rules an application must meet before the scorer decides on it. The Avro decoder has
 * already enforced the schema (types, required fields); these catch values a schema cannot rule out
 * and on which the model's answer would be meaningless.
 *
 * <p>The ingest's HTTP intake applies the same kind of rules before publishing; the two are meant
 * to be unified into one shared class. The scorer checks anyway: not every producer is the intake.
 */
final class ApplicationValidation {

  /** Kaggle's code for "not employed" (pensioners, unemployed) in DAYS_EMPLOYED. */
  static final int DAYS_EMPLOYED_NOT_EMPLOYED = 365243;

  private ApplicationValidation() {}

  /**
   * What is wrong with {@code application} read under key {@code clientId}, for a person to read;
   * empty when it may be scored.
   */
  static List<String> violations(LoanApplication application, long clientId) {
    List<String> out = new ArrayList<>(0);
    if (application.getApplicationId() == null || application.getApplicationId().isBlank()) {
      out.add("application_id is empty");
    }
    if (application.getSKIDCURR() != clientId) {
      out.add(
          "SK_ID_CURR "
              + application.getSKIDCURR()
              + " differs from the record key "
              + clientId
              + " (the key decides the partition, hence which history is used)");
    }
    positive(out, "AMT_INCOME_TOTAL", application.getAMTINCOMETOTAL());
    positive(out, "AMT_CREDIT", application.getAMTCREDIT());
    positive(out, "AMT_ANNUITY", application.getAMTANNUITY());
    positive(out, "AMT_GOODS_PRICE", application.getAMTGOODSPRICE());
    if (application.getDAYSBIRTH() >= 0) {
      out.add(
          "DAYS_BIRTH is "
              + application.getDAYSBIRTH()
              + ", must be < 0 (days before the application)");
    }
    int employed = application.getDAYSEMPLOYED();
    if (employed > 0 && employed != DAYS_EMPLOYED_NOT_EMPLOYED) {
      out.add(
          "DAYS_EMPLOYED is "
              + employed
              + ", must be <= 0 (days before the application) or "
              + DAYS_EMPLOYED_NOT_EMPLOYED
              + " (not employed)");
    }
    return out;
  }

  /** A required amount, or an optional one when present, must be a finite number above 0. */
  private static void positive(List<String> out, String field, Double amount) {
    if (amount != null && !(amount > 0 && Double.isFinite(amount))) {
      out.add(field + " is " + amount + ", must be a finite amount > 0");
    }
  }
}
