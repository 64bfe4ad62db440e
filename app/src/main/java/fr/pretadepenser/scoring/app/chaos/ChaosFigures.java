package fr.pretadepenser.scoring.app.chaos;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Recovery and latency figures of {@code scoring chaos}, computed from what was read back.
 *
 * <p>A kill's recovery is the time from the kill to the first committed record seen afterwards on
 * each partition the dead part held, the largest over those partitions: when the last of them
 * produced again. A partition that produced nothing after the kill (its work was done) is left out;
 * a kill none of whose partitions produced again has no figure.
 */
public final class ChaosFigures {

  private ChaosFigures() {}

  /**
   * When records were seen, per partition, in milliseconds of the wall clock: appended as read, in
   * increasing order per partition (one reader). One long per record, which the published
   * applications bound.
   */
  public static final class Timeline {
    private final Map<Integer, long[]> times = new HashMap<>();
    private final Map<Integer, Integer> sizes = new HashMap<>();

    /** A record of {@code partition} seen at {@code millis}. */
    public synchronized void add(int partition, long millis) {
      long[] t = times.computeIfAbsent(partition, p -> new long[64]);
      int n = sizes.getOrDefault(partition, 0);
      if (n == t.length) {
        t = Arrays.copyOf(t, t.length * 2);
        times.put(partition, t);
      }
      t[n] = millis;
      sizes.put(partition, n + 1);
    }

    /** The first time on {@code partition} strictly after {@code millis}, if any. */
    public synchronized OptionalLong firstAfter(int partition, long millis) {
      long[] t = times.get(partition);
      int n = sizes.getOrDefault(partition, 0);
      if (t == null) {
        return OptionalLong.empty();
      }
      // Times are appended in order, so a binary search finds the first one later.
      int lo = 0;
      int hi = n;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (t[mid] <= millis) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo < n ? OptionalLong.of(t[lo]) : OptionalLong.empty();
    }
  }

  /**
   * Milliseconds from {@code killMillis} to the first record after it on the slowest of {@code
   * partitions}; empty when none of them had a record after the kill.
   */
  public static OptionalLong recoveryMillis(
      Timeline timeline, Collection<Integer> partitions, long killMillis) {
    long worst = -1;
    for (int p : partitions) {
      OptionalLong next = timeline.firstAfter(p, killMillis);
      if (next.isPresent()) {
        worst = Math.max(worst, next.getAsLong() - killMillis);
      }
    }
    return worst < 0 ? OptionalLong.empty() : OptionalLong.of(worst);
  }

  /**
   * Whether every one of {@code partitions} has had a record after {@code killMillis}: the kill is
   * over, and the next one will not fall into its recovery (two faults at once would blur both
   * figures).
   */
  public static boolean recoveredOnAll(
      Timeline timeline, Collection<Integer> partitions, long killMillis) {
    for (int p : partitions) {
      if (timeline.firstAfter(p, killMillis).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The {@code q}-quantile (0..1) of {@code values} by the nearest-rank method (a value that was
   * measured, not an interpolation); NaN when there are none. Sorts {@code values}.
   */
  public static double quantile(double[] values, double q) {
    if (values.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(values);
    int rank = (int) Math.ceil(q * values.length);
    return values[Math.max(0, Math.min(values.length - 1, rank - 1))];
  }
}
