package fr.pretadepenser.scoring.schemas;

import fr.pretadepenser.scoring.events.BureauCredit;
import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.CreditCardMonth;
import fr.pretadepenser.scoring.events.InstalmentPayment;
import fr.pretadepenser.scoring.events.PosCashMonth;
import fr.pretadepenser.scoring.events.PreviousApplication;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five sources of a client's history, one per {@code ClientHistoryEvent} union branch, named
 * after their Kaggle tables. These names are the keys of {@code LoanApplication.history_announced},
 * the values of {@code Decision.history_missing} and the first part of the Kaggle replay's event
 * ids.
 */
public final class HistorySources {

  public static final String BUREAU = "bureau";
  public static final String PREVIOUS_APPLICATION = "previous_application";
  public static final String POS_CASH_BALANCE = "pos_cash_balance";
  public static final String INSTALLMENTS_PAYMENTS = "installments_payments";
  public static final String CREDIT_CARD_BALANCE = "credit_card_balance";

  /** Every source, in the order of the union's branches (and of {@link ClientHistories#events}). */
  public static final List<String> NAMES =
      List.of(
          BUREAU,
          PREVIOUS_APPLICATION,
          POS_CASH_BALANCE,
          INSTALLMENTS_PAYMENTS,
          CREDIT_CARD_BALANCE);

  private HistorySources() {}

  /** The position of {@code name} in {@link #NAMES}, or -1 for a name that is no source. */
  public static int index(String name) {
    return NAMES.indexOf(name);
  }

  /**
   * The position in {@link #NAMES} of the source of a {@code ClientHistoryEvent}'s fact, or -1 for
   * anything else (null included).
   */
  public static int indexOf(Object fact) {
    if (fact instanceof BureauCredit) {
      return 0;
    } else if (fact instanceof PreviousApplication) {
      return 1;
    } else if (fact instanceof PosCashMonth) {
      return 2;
    } else if (fact instanceof InstalmentPayment) {
      return 3;
    } else if (fact instanceof CreditCardMonth) {
      return 4;
    }
    return -1;
  }

  /**
   * How many facts of each source {@code history} holds, every source named (0 included), in the
   * order of {@link #NAMES}: what a sender announces in {@code history_announced} for this history.
   * A null list counts as empty.
   */
  public static Map<String, Integer> counts(ClientHistory history) {
    int[] n = countArray(history);
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < n.length; i++) {
      out.put(NAMES.get(i), n[i]);
    }
    return out;
  }

  /** {@link #counts} as an array indexed like {@link #NAMES}. */
  public static int[] countArray(ClientHistory history) {
    return new int[] {
      size(history.getBureau()),
      size(history.getPreviousApplications()),
      size(history.getPosCash()),
      size(history.getInstalments()),
      size(history.getCreditCard())
    };
  }

  private static int size(List<?> list) {
    return list == null ? 0 : list.size();
  }
}
