package fr.pretadepenser.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.HistoryPresenceStatus;
import fr.pretadepenser.scoring.events.HistorySourcePresence;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Presence per source, and the rule that picks the model: "reported none" apart from "not
 * received", and the thin-file model exactly when no record of any source is held.
 */
class ScoringModelTest {

  private static Map<String, Integer> announced(int... n) {
    Map<String, Integer> m = new HashMap<>();
    String[] names = {
      "bureau",
      "previous_application",
      "pos_cash_balance",
      "installments_payments",
      "credit_card_balance"
    };
    for (int i = 0; i < n.length; i++) {
      if (n[i] >= 0) {
        m.put(names[i], n[i]);
      }
    }
    return m;
  }

  private static List<HistoryPresenceStatus> statuses(List<HistorySourcePresence> p) {
    return p.stream().map(HistorySourcePresence::getStatus).toList();
  }

  @Test
  void eachSourceSaysWhetherItReportedNoneOrHasNotArrived() {
    List<HistorySourcePresence> p =
        HistoryPresence.of(new int[] {3, 0, 0, 2, 0}, announced(3, 0, 4, 5, -1));
    assertThat(statuses(p))
        .containsExactly(
            HistoryPresenceStatus.REPORTED,
            HistoryPresenceStatus.REPORTED_NONE,
            HistoryPresenceStatus.NOT_RECEIVED,
            HistoryPresenceStatus.PARTIAL,
            HistoryPresenceStatus.UNKNOWN);
    assertThat(p.get(3).getRecords()).isEqualTo(2);
    assertThat(p.get(3).getAnnounced()).isEqualTo(5);
    assertThat(p.get(4).getAnnounced()).isNull();
    assertThat(p.stream().map(HistorySourcePresence::getSource))
        .containsExactly(
            "bureau",
            "previous_application",
            "pos_cash_balance",
            "installments_payments",
            "credit_card_balance");
  }

  @Test
  void theThinFileModelDecidesWhenNothingIsHeldAndSaysWhichCaseItWas() {
    List<HistorySourcePresence> none = HistoryPresence.of(new int[5], announced(0, 0, 0, 0, 0));
    assertThat(ScoringModel.choose(none, true))
        .isEqualTo(new ScoringModel("thin_file", "NO_HISTORY_REPORTED"));

    List<HistorySourcePresence> nothingAnnounced = HistoryPresence.of(new int[5], null);
    assertThat(ScoringModel.choose(nothingAnnounced, true))
        .isEqualTo(new ScoringModel("thin_file", "NO_HISTORY_REPORTED"));

    List<HistorySourcePresence> awaited = HistoryPresence.of(new int[5], announced(4, 0, 0, 0, 0));
    assertThat(ScoringModel.choose(awaited, true))
        .isEqualTo(new ScoringModel("thin_file", "HISTORY_NOT_RECEIVED"));
    // An older sender's total without sources: not received, although no source is named.
    assertThat(ScoringModel.choose(nothingAnnounced, true, true))
        .isEqualTo(new ScoringModel("thin_file", "HISTORY_NOT_RECEIVED"));

    List<HistorySourcePresence> one = HistoryPresence.of(new int[] {0, 0, 0, 0, 1}, null);
    assertThat(ScoringModel.choose(one, true))
        .isEqualTo(new ScoringModel("full", "HISTORY_PRESENT"));
    // Partial history is history: the full model reads what is held.
    List<HistorySourcePresence> partial =
        HistoryPresence.of(new int[] {1, 0, 0, 0, 0}, announced(9, 9, 9, 9, 9));
    assertThat(ScoringModel.choose(partial, true).name()).isEqualTo("full");

    assertThat(ScoringModel.choose(none, false))
        .isEqualTo(new ScoringModel("full", "THIN_FILE_DISABLED"));
  }

  @Test
  void tablesThatWereReadReportNoneAndAbsentTablesSayNothing() {
    List<HistorySourcePresence> read =
        HistoryPresence.ofTables(null, new boolean[] {true, true, false, false, false});
    assertThat(statuses(read))
        .containsExactly(
            HistoryPresenceStatus.REPORTED_NONE,
            HistoryPresenceStatus.REPORTED_NONE,
            HistoryPresenceStatus.UNKNOWN,
            HistoryPresenceStatus.UNKNOWN,
            HistoryPresenceStatus.UNKNOWN);
  }
}
