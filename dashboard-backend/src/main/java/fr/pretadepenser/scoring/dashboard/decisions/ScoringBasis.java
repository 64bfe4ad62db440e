package fr.pretadepenser.scoring.dashboard.decisions;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.HistorySourcePresence;
import java.util.List;

/**
 * What a decision was based on, as the scorer recorded it (issue 21): per history source whether it
 * reported, with how many records, and which model decided and why.
 *
 * @param historyPresence one entry per source, in {@code HistorySources} order; empty for a
 *     decision written before the scorer recorded it
 * @param scoringModel "full" or "thin_file"; "" for an older decision (the full model)
 * @param scoringModelReason HISTORY_PRESENT, NO_HISTORY_REPORTED, HISTORY_NOT_RECEIVED or
 *     THIN_FILE_DISABLED; "" for an older decision
 */
public record ScoringBasis(
    List<Presence> historyPresence, String scoringModel, String scoringModelReason) {

  /** An older decision's basis: nothing recorded. */
  public static final ScoringBasis UNRECORDED = new ScoringBasis(List.of(), "", "");

  /**
   * One source.
   *
   * @param status REPORTED, REPORTED_NONE, PARTIAL, NOT_RECEIVED or UNKNOWN
   * @param records records the decision's features were computed on
   * @param announced records the application announced; null when not announced
   */
  public record Presence(String source, String status, int records, Integer announced) {}

  static ScoringBasis of(Decision d) {
    List<HistorySourcePresence> p = d.getHistoryPresence();
    return new ScoringBasis(
        p == null
            ? List.of()
            : p.stream()
                .map(
                    s ->
                        new Presence(
                            s.getSource(), s.getStatus().name(), s.getRecords(), s.getAnnounced()))
                .toList(),
        d.getScoringModel() == null ? "" : d.getScoringModel(),
        d.getScoringModelReason() == null ? "" : d.getScoringModelReason());
  }
}
