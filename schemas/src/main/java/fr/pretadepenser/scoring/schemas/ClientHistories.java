package fr.pretadepenser.scoring.schemas;

import fr.pretadepenser.scoring.events.BureauCredit;
import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.CreditCardMonth;
import fr.pretadepenser.scoring.events.InstalmentPayment;
import fr.pretadepenser.scoring.events.PosCashMonth;
import fr.pretadepenser.scoring.events.PreviousApplication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The two directions between a client's {@link ClientHistory} (what the feature definition reads)
 * and the {@link ClientHistoryEvent}s of the {@code client-history} topic (what ingest publishes
 * and the scorer folds).
 *
 * <p>The contract is a round trip: folding {@link #events} in order into {@link #empty} with {@link
 * #append} gives back a history equal to the original, lists and their order included, so features
 * computed on the stream equal features computed in batch bit for bit. That holds because each
 * history list is rebuilt in the order its facts arrive, and one client's facts stay in order on
 * one partition; the order between different kinds does not matter.
 */
public final class ClientHistories {

  private ClientHistories() {}

  /**
   * One event per fact of {@code history}, in the order of its lists: bureau, previous
   * applications, POS/cash months, instalments, credit card months, each in list order. A bureau
   * credit carries its monthly balances inside it. A null list counts as empty.
   *
   * <p>Each event carries its {@code event_id} ({@link #eventIds}), so that a scorer folds a fact
   * once however often it is replayed.
   *
   * <p>The events share the history's fact records (no copy): serialise or drop them, do not mutate
   * them.
   *
   * @param recordedAt the {@code recorded_at} of every event (kept to the millisecond)
   */
  public static List<ClientHistoryEvent> events(ClientHistory history, Instant recordedAt) {
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(recordedAt, "recordedAt");
    long client = history.getSKIDCURR();
    List<String> ids = eventIds(history);
    List<ClientHistoryEvent> out = new ArrayList<>(ids.size());
    int i = 0;
    for (List<?> facts : lists(history)) {
      if (facts != null) {
        for (Object fact : facts) {
          out.add(new ClientHistoryEvent(client, recordedAt, fact, ids.get(i++)));
        }
      }
    }
    return out;
  }

  /**
   * The event id of every fact of {@code history}, in the order of {@link #events}: {@code
   * <source>:<row identity>} with the source one of {@link HistorySources#NAMES}.
   *
   * <ul>
   *   <li>a bureau credit and a previous application have a natural key: {@code
   *       bureau:<SK_ID_BUREAU>}, {@code previous_application:<SK_ID_PREV>};
   *   <li>a monthly row (POS/cash, instalment, card month) has none (Kaggle repeats identical
   *       rows), so its identity is its loan and its rank among that loan's rows of this client, in
   *       list order: {@code installments_payments:<SK_ID_PREV>:<n>}, n from 0.
   * </ul>
   *
   * <p>Lists hold a client's rows in file order ({@code HomeCreditData} groups rows by a stable
   * sort), so an id depends only on the file's rows of that loan and their order: the same on every
   * replay of the same files, in the 1% sample and in the full Kaggle files it was cut from (it
   * keeps each client's rows in order), and in {@code generate}'s files, which copy a client's rows
   * in order under new loan ids. A natural key seen again within the client (not in Kaggle, but
   * nothing forbids it) gets {@code #2}, {@code #3}... so that distinct rows never share an id and
   * the stream still folds every row batch training reads.
   */
  public static List<String> eventIds(ClientHistory history) {
    Objects.requireNonNull(history, "history");
    List<String> out = new ArrayList<>(count(history));
    Map<String, Integer> seen = new HashMap<>();
    Map<String, Integer> rowsPerLoan = new HashMap<>();
    for (List<?> facts : lists(history)) {
      if (facts == null) {
        continue;
      }
      for (Object fact : facts) {
        String base = identity(fact, rowsPerLoan);
        int n = seen.merge(base, 1, Integer::sum);
        out.add(n == 1 ? base : base + "#" + n);
      }
    }
    return out;
  }

  private static String identity(Object fact, Map<String, Integer> rowsPerLoan) {
    if (fact instanceof BureauCredit c) {
      return HistorySources.BUREAU + ":" + c.getSKIDBUREAU();
    } else if (fact instanceof PreviousApplication p) {
      return HistorySources.PREVIOUS_APPLICATION + ":" + p.getSKIDPREV();
    }
    String loan;
    if (fact instanceof PosCashMonth m) {
      loan = HistorySources.POS_CASH_BALANCE + ":" + m.getSKIDPREV();
    } else if (fact instanceof InstalmentPayment p) {
      loan = HistorySources.INSTALLMENTS_PAYMENTS + ":" + p.getSKIDPREV();
    } else if (fact instanceof CreditCardMonth m) {
      loan = HistorySources.CREDIT_CARD_BALANCE + ":" + m.getSKIDPREV();
    } else {
      throw new IllegalArgumentException(
          "a client history holds bureau credits, previous applications and monthly rows, not "
              + (fact == null ? "null" : fact.getClass().getName()));
    }
    int rank = rowsPerLoan.merge(loan, 1, Integer::sum) - 1;
    return loan + ":" + rank;
  }

  /** The number of events {@link #events} gives for {@code history}. */
  public static int count(ClientHistory history) {
    int n = 0;
    for (List<?> facts : lists(history)) {
      n += facts == null ? 0 : facts.size();
    }
    return n;
  }

  /** A history of {@code clientId} with every list empty (and mutable), to fold events into. */
  public static ClientHistory empty(long clientId) {
    return new ClientHistory(
        clientId,
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>());
  }

  /**
   * Appends the event's fact to the end of its list in {@code history} and returns that same
   * (mutated) history, so it fits a Kafka Streams aggregator: {@code (id, event, history) ->
   * ClientHistories.append(history, event)}. A null list is replaced by a new one.
   *
   * @throws IllegalArgumentException when the event is about another client, or carries no fact
   */
  public static ClientHistory append(ClientHistory history, ClientHistoryEvent event) {
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(event, "event");
    if (event.getSKIDCURR() != history.getSKIDCURR()) {
      throw new IllegalArgumentException(
          "an event of client "
              + event.getSKIDCURR()
              + " cannot go into the history of client "
              + history.getSKIDCURR());
    }
    Object fact = event.getEvent();
    if (fact instanceof BureauCredit c) {
      if (history.getBureau() == null) {
        history.setBureau(new ArrayList<>());
      }
      history.getBureau().add(c);
    } else if (fact instanceof PreviousApplication p) {
      if (history.getPreviousApplications() == null) {
        history.setPreviousApplications(new ArrayList<>());
      }
      history.getPreviousApplications().add(p);
    } else if (fact instanceof PosCashMonth m) {
      if (history.getPosCash() == null) {
        history.setPosCash(new ArrayList<>());
      }
      history.getPosCash().add(m);
    } else if (fact instanceof InstalmentPayment i) {
      if (history.getInstalments() == null) {
        history.setInstalments(new ArrayList<>());
      }
      history.getInstalments().add(i);
    } else if (fact instanceof CreditCardMonth m) {
      if (history.getCreditCard() == null) {
        history.setCreditCard(new ArrayList<>());
      }
      history.getCreditCard().add(m);
    } else {
      throw new IllegalArgumentException(
          "a client-history event must carry a bureau credit, a previous application, a POS/cash"
              + " month, an instalment or a credit card month, not "
              + (fact == null ? "nothing" : fact.getClass().getName()));
    }
    return history;
  }

  /** {@link #empty} with every event of {@code events} appended in order. */
  public static ClientHistory fold(long clientId, Iterable<ClientHistoryEvent> events) {
    ClientHistory history = empty(clientId);
    for (ClientHistoryEvent event : events) {
      append(history, event);
    }
    return history;
  }

  /** The history's lists in event order. */
  private static List<List<?>> lists(ClientHistory history) {
    List<List<?>> lists = new ArrayList<>(5);
    lists.add(history.getBureau());
    lists.add(history.getPreviousApplications());
    lists.add(history.getPosCash());
    lists.add(history.getInstalments());
    lists.add(history.getCreditCard());
    return lists;
  }
}
