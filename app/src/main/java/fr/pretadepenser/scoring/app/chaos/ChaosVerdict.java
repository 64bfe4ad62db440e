package fr.pretadepenser.scoring.app.chaos;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code scoring chaos} concludes from the committed records read back: every figure counts
 * application ids.
 *
 * @param applications applications published (the ids the batch path scored)
 * @param decided of those, the ids with at least one committed decision
 * @param explained of those, the ids with at least one committed explanation
 * @param lost published ids without any decision
 * @param duplicated ids with more than one decision record, or more than one explanation record
 * @param differFromBatch ids of which a decision, or the decision inside an explanation, has a
 *     probability that is not bit for bit the batch path's
 * @param unknown ids read back that were never published
 */
public record ChaosVerdict(
    long applications,
    long decided,
    long explained,
    long lost,
    long duplicated,
    long differFromBatch,
    long unknown) {

  /**
   * Exit 0 only when nothing was lost, doubled, different or unknown and every application was
   * decided and explained.
   */
  public boolean passed() {
    return lost == 0
        && duplicated == 0
        && differFromBatch == 0
        && unknown == 0
        && decided == applications
        && explained == applications;
  }

  /**
   * Counts records as they are read. Memory: one entry per application id seen, which the published
   * applications bound (and the unknown ids, counted in a set that stops growing at {@link
   * #MAX_UNKNOWN_KEPT}, past which they are only counted).
   */
  public static final class Tally {

    /** Unknown ids remembered to count them once each; beyond, each record counts. */
    public static final int MAX_UNKNOWN_KEPT = 10_000;

    private final Map<String, Long> expected;
    private final Map<String, int[]> seen = new HashMap<>();
    private final Set<String> differing = new HashSet<>();
    private final Set<String> unknownIds = new HashSet<>();
    private long unknownBeyond;
    private final long[] firsts = new long[2];

    /**
     * @param expected application id to the batch path's probability, as {@link
     *     Double#doubleToLongBits}: exact equality is what is checked
     */
    public Tally(Map<String, Long> expected) {
      this.expected = Objects.requireNonNull(expected, "expected");
    }

    /** A committed decision record. */
    public void decision(String applicationId, double probability) {
      record(applicationId, probability, 0);
    }

    /** A committed explanation record, with the probability of the decision it explains. */
    public void explanation(String applicationId, double probability) {
      record(applicationId, probability, 1);
    }

    private void record(String id, double probability, int which) {
      Long bits = expected.get(id);
      if (bits == null) {
        if (unknownIds.size() < MAX_UNKNOWN_KEPT) {
          unknownIds.add(id);
        } else if (!unknownIds.contains(id)) {
          unknownBeyond++;
        }
        return;
      }
      int[] counts = seen.computeIfAbsent(id, k -> new int[2]);
      if (counts[which]++ == 0) {
        firsts[which]++;
      }
      if (Double.doubleToLongBits(probability) != bits) {
        differing.add(id);
      }
    }

    /** Distinct published ids decided so far. */
    public long decided() {
      return firsts[0];
    }

    /** Distinct published ids explained so far. */
    public long explained() {
      return firsts[1];
    }

    /** The verdict over everything recorded. */
    public ChaosVerdict verdict() {
      long decided = 0;
      long explained = 0;
      long duplicated = 0;
      for (int[] c : seen.values()) {
        decided += c[0] > 0 ? 1 : 0;
        explained += c[1] > 0 ? 1 : 0;
        duplicated += c[0] > 1 || c[1] > 1 ? 1 : 0;
      }
      return new ChaosVerdict(
          expected.size(),
          decided,
          explained,
          expected.size() - decided,
          duplicated,
          differing.size(),
          unknownIds.size() + unknownBeyond);
    }
  }
}
