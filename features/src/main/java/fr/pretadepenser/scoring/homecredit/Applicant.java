package fr.pretadepenser.scoring.homecredit;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.LoanApplication;

/**
 * One row of the application table with everything known about that client.
 *
 * @param target the Kaggle TARGET (1 = payment difficulties), or null when the file has none
 *     (application_test) or the field is empty
 */
public record Applicant(LoanApplication application, Integer target, ClientHistory history) {

  public long clientId() {
    return application.getSKIDCURR();
  }
}
