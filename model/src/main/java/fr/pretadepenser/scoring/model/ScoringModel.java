package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.events.HistoryPresenceStatus;
import fr.pretadepenser.scoring.events.HistorySourcePresence;
import java.util.List;

/**
 * Which model of a bundle decides an application, and why, from what each history source had said
 * when the scorer decided ({@code Decision.scoring_model} and {@code scoring_model_reason}).
 *
 * <p>The rule: the thin-file model decides when the scorer holds <b>no history record at all</b>
 * for the client (every source's {@code records} is 0); the full model decides as soon as one
 * record of any source is held. Why this line: with nothing held, every history feature of the full
 * model is missing, a pattern it learned from the few training clients who truly had no history
 * anywhere, and it cannot tell them from a client whose bureau has not answered yet. The thin-file
 * model was chosen on cross-validation folds whose history was hidden, which is exactly "history
 * absent or unknown". With one record held, the full model has real evidence the thin one cannot
 * read. The reason then says which of the two "nothing held" cases it was:
 *
 * <ul>
 *   <li>{@link #NO_HISTORY_REPORTED}: no source announced records (each announced 0, i.e. {@code
 *       REPORTED_NONE}, or announced nothing, i.e. {@code UNKNOWN}) and none arrived: as far as
 *       anyone knows the client has no history;
 *   <li>{@link #HISTORY_NOT_RECEIVED}: at least one source announced records ({@code NOT_RECEIVED})
 *       and none had arrived when the scorer stopped waiting: the client has a history the scorer
 *       does not hold.
 * </ul>
 *
 * @param name {@link #FULL} or {@link #THIN_FILE}
 * @param reason one of the reason codes below
 */
public record ScoringModel(String name, String reason) {

  /** The model of application and history features (the bundle's top model). */
  public static final String FULL = "full";

  /** The application-only model of the {@code thin-file/} sub-bundle. */
  public static final String THIN_FILE = "thin_file";

  public static final String HISTORY_PRESENT = "HISTORY_PRESENT";
  public static final String NO_HISTORY_REPORTED = "NO_HISTORY_REPORTED";
  public static final String HISTORY_NOT_RECEIVED = "HISTORY_NOT_RECEIVED";

  /** The rule chose the thin-file model but the bundle has none: the full model decided. */
  public static final String THIN_FILE_DISABLED = "THIN_FILE_DISABLED";

  /**
   * The model for this presence.
   *
   * @param presence one entry per source ({@link HistoryPresence#of})
   * @param thinFileAvailable whether the bundle holds a thin-file model
   */
  public static ScoringModel choose(
      List<HistorySourcePresence> presence, boolean thinFileAvailable) {
    return choose(presence, thinFileAvailable, false);
  }

  /**
   * The model for this presence, for an application that may announce its history as an older
   * sender does, one total without sources ({@code LoanApplication.history_events}).
   *
   * @param totalAnnounced true when such a total above 0 was announced: with nothing held, the
   *     history was not received, although no source can be named
   */
  public static ScoringModel choose(
      List<HistorySourcePresence> presence, boolean thinFileAvailable, boolean totalAnnounced) {
    boolean anyHeld = false;
    boolean anyAwaited = totalAnnounced;
    for (HistorySourcePresence p : presence) {
      anyHeld |= p.getRecords() > 0;
      anyAwaited |= p.getStatus() == HistoryPresenceStatus.NOT_RECEIVED;
    }
    if (anyHeld) {
      return new ScoringModel(FULL, HISTORY_PRESENT);
    }
    if (!thinFileAvailable) {
      return new ScoringModel(FULL, THIN_FILE_DISABLED);
    }
    return new ScoringModel(THIN_FILE, anyAwaited ? HISTORY_NOT_RECEIVED : NO_HISTORY_REPORTED);
  }

  /** True for the thin-file model. */
  public boolean thinFile() {
    return THIN_FILE.equals(name);
  }
}
