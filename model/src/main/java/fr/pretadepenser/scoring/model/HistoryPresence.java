package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.HistoryPresenceStatus;
import fr.pretadepenser.scoring.events.HistorySourcePresence;
import fr.pretadepenser.scoring.schemas.HistorySources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per history source, what the scorer held against what the application announced: the {@code
 * Decision.history_presence} entries, one per source in {@link HistorySources#NAMES} order. It
 * keeps "the client has none there" ({@code REPORTED_NONE}: the sender announced 0) apart from "not
 * arrived" ({@code NOT_RECEIVED}: records announced, none held), which a missing feature cannot.
 */
public final class HistoryPresence {

  private HistoryPresence() {}

  /**
   * The presence of each source.
   *
   * @param held records held per source, indexed like {@link HistorySources#NAMES}
   * @param announced records announced per source name ({@code LoanApplication.history_announced});
   *     null or a missing name: not announced
   */
  public static List<HistorySourcePresence> of(int[] held, Map<String, Integer> announced) {
    if (held.length != HistorySources.NAMES.size()) {
      throw new IllegalArgumentException(
          held.length + " counts, not one per source " + HistorySources.NAMES);
    }
    List<HistorySourcePresence> out = new ArrayList<>(held.length);
    for (int i = 0; i < held.length; i++) {
      String source = HistorySources.NAMES.get(i);
      Integer said = announced == null ? null : announced.get(source);
      out.add(new HistorySourcePresence(source, status(held[i], said), held[i], said));
    }
    return out;
  }

  /**
   * The presence of a history read whole from tables ({@code scoring score}): a source whose table
   * was read reported every record it has for the client (REPORTED, or REPORTED_NONE with none); a
   * source whose table is absent announced nothing (UNKNOWN).
   *
   * @param history the client's history, null for none
   * @param tablePresent per source, indexed like {@link HistorySources#NAMES}: whether its table
   *     was read
   */
  public static List<HistorySourcePresence> ofTables(
      ClientHistory history, boolean[] tablePresent) {
    int[] held =
        history == null ? new int[HistorySources.NAMES.size()] : HistorySources.countArray(history);
    Map<String, Integer> announced = new LinkedHashMap<>();
    for (int i = 0; i < held.length; i++) {
      if (tablePresent[i]) {
        announced.put(HistorySources.NAMES.get(i), held[i]);
      }
    }
    return of(held, announced);
  }

  /** One source's status from what it held and what was announced (null: nothing announced). */
  public static HistoryPresenceStatus status(int held, Integer announced) {
    if (announced == null) {
      return HistoryPresenceStatus.UNKNOWN;
    }
    if (held > 0 && held >= announced) {
      return HistoryPresenceStatus.REPORTED;
    }
    if (announced == 0) {
      // Announced none and none held (held > 0 with 0 announced is REPORTED above).
      return HistoryPresenceStatus.REPORTED_NONE;
    }
    return held == 0 ? HistoryPresenceStatus.NOT_RECEIVED : HistoryPresenceStatus.PARTIAL;
  }
}
