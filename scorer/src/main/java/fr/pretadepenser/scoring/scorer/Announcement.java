package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.schemas.HistorySources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The history an application says its client has ({@code LoanApplication.history_announced}, or an
 * older sender's total {@code history_events}), as a condition on the client's distinct folded
 * events: per announced source, at least that many; or, for a total, at least that many in all.
 *
 * <p>Distinct events, not what the store once received: a re-sent event is folded once (see {@link
 * ScorerProcessor}), so a history replayed twice, or older history of other sources, can no longer
 * satisfy the wait early.
 *
 * @param perSource indexed like {@link HistorySources#NAMES}; -1 for a source not announced
 * @param total an older sender's total, -1 for none (ignored when any source is announced)
 */
record Announcement(int[] perSource, int total) {

  /** Announces nothing: decided on the history at hand. */
  static final Announcement NONE = new Announcement(unannounced(), -1);

  /**
   * The announcement of a validated application (see {@link #problems}): history_announced when
   * set, else history_events.
   */
  static Announcement of(LoanApplication application) {
    Map<String, Integer> announced = application.getHistoryAnnounced();
    if (announced != null) {
      int[] per = unannounced();
      announced.forEach(
          (source, count) -> {
            int i = HistorySources.index(source);
            if (i >= 0 && count != null) {
              per[i] = count;
            }
          });
      return new Announcement(per, -1);
    }
    Integer total = application.getHistoryEvents();
    return total == null ? NONE : new Announcement(unannounced(), total);
  }

  /**
   * What is wrong with the application's announcement, each naming its field: a source that is none
   * of {@link HistorySources#NAMES}, a count below 0 or above {@code maxPerSource} (a total above
   * {@code maxPerSource} times the number of sources). Without this bound, 2^31-1 held a client's
   * decisions for the whole wait and every later application of the client in memory behind it.
   */
  static List<String> problems(LoanApplication application, int maxPerSource) {
    List<String> out = new ArrayList<>(0);
    Map<String, Integer> announced = application.getHistoryAnnounced();
    if (announced != null) {
      for (Map.Entry<String, Integer> e : announced.entrySet()) {
        String source = e.getKey();
        if (HistorySources.index(source) < 0) {
          out.add(
              "history_announced: '"
                  + shorten(source)
                  + "' is not a history source (known: "
                  + String.join(", ", HistorySources.NAMES)
                  + ")");
        } else if (e.getValue() == null || e.getValue() < 0 || e.getValue() > maxPerSource) {
          out.add(
              "history_announced["
                  + source
                  + "]: "
                  + e.getValue()
                  + " is outside 0.."
                  + maxPerSource
                  + " events");
        }
      }
    }
    Integer total = application.getHistoryEvents();
    long maxTotal = (long) maxPerSource * HistorySources.NAMES.size();
    if (total != null && total > maxTotal) {
      out.add("history_events: " + total + " is outside 0.." + maxTotal + " events");
    }
    return out;
  }

  boolean isNone() {
    return total < 0 && Arrays.stream(perSource).allMatch(n -> n < 0);
  }

  /**
   * The sources still short, given the client's distinct folded events per source; empty when the
   * announcement is met. A short total names every source: it does not say which one is short.
   */
  List<String> missing(int[] distinct) {
    List<String> out = new ArrayList<>(0);
    boolean anySource = false;
    for (int i = 0; i < perSource.length; i++) {
      if (perSource[i] >= 0) {
        anySource = true;
        if (distinct[i] < perSource[i]) {
          out.add(HistorySources.NAMES.get(i));
        }
      }
    }
    if (!anySource && total >= 0 && Arrays.stream(distinct).asLongStream().sum() < total) {
      return HistorySources.NAMES;
    }
    return out;
  }

  boolean metBy(int[] distinct) {
    return missing(distinct).isEmpty();
  }

  /** A forged key can be long: the reason quotes at most 64 characters of it. */
  private static String shorten(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }

  private static int[] unannounced() {
    int[] per = new int[HistorySources.NAMES.size()];
    Arrays.fill(per, -1);
    return per;
  }
}
