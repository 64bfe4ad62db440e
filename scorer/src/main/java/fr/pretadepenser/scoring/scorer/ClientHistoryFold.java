package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.events.BureauCredit;
import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.CreditCardMonth;
import fr.pretadepenser.scoring.events.InstalmentPayment;
import fr.pretadepenser.scoring.events.PosCashMonth;
import fr.pretadepenser.scoring.events.PreviousApplication;
import java.util.ArrayList;

/**
 * Folds history events into a {@link ClientHistory}: each event is appended to the list of its
 * kind, so events replayed in the order the ingest published them (the order of the batch lists)
 * give back the very history the batch side computes features from.
 *
 * <p>The ingest module may grow a shared version of this; this one is kept small so the two can be
 * unified.
 */
final class ClientHistoryFold {

  private ClientHistoryFold() {}

  /** A history with no facts, with mutable lists to append to. */
  static ClientHistory empty(long clientId) {
    return ClientHistory.newBuilder()
        .setSKIDCURR(clientId)
        .setBureau(new ArrayList<>())
        .setPreviousApplications(new ArrayList<>())
        .setPosCash(new ArrayList<>())
        .setInstalments(new ArrayList<>())
        .setCreditCard(new ArrayList<>())
        .build();
  }

  /** Appends the event's fact to the list of its kind in {@code history} (made by empty()). */
  static void append(ClientHistory history, ClientHistoryEvent event) {
    Object fact = event.getEvent();
    if (fact instanceof BureauCredit b) {
      history.getBureau().add(b);
    } else if (fact instanceof PreviousApplication p) {
      history.getPreviousApplications().add(p);
    } else if (fact instanceof PosCashMonth p) {
      history.getPosCash().add(p);
    } else if (fact instanceof InstalmentPayment i) {
      history.getInstalments().add(i);
    } else if (fact instanceof CreditCardMonth c) {
      history.getCreditCard().add(c);
    } else {
      // Only reachable if a union branch is added to the schema and not here.
      throw new IllegalArgumentException(
          "history event of unknown kind "
              + (fact == null ? "null" : fact.getClass().getName())
              + ": ClientHistoryFold must learn it");
    }
  }
}
