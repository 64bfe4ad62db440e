package fr.pretadepenser.scoring.monitoring;

import java.util.Arrays;

/**
 * The drift statistics, as pure functions of shares and quantiles. Written by hand: Commons
 * Statistics and Commons Math have no PSI, no Jensen–Shannon distance and no Wasserstein distance
 * (the quantiles these work from do come from Commons Statistics, see {@link ColumnSummary}).
 */
public final class DriftStatistics {

  /**
   * What an empty bin's share is replaced by in PSI, whose log ratio is infinite otherwise:
   * Evidently's value (0.01%), i.e. "fewer than one applicant in ten thousand".
   */
  public static final double PSI_EPSILON = 1e-4;

  /** Evidently's floor for the reference's standard deviation (a constant feature is not 0/0). */
  public static final double MIN_STD = 0.001;

  private DriftStatistics() {}

  /**
   * Population stability index: {@code Σ (c_i − r_i) · ln(c_i / r_i)} over the bins, where r and c
   * are the reference's and the current data's shares of each bin, and an empty bin's share (on
   * either side) counts as {@link #PSI_EPSILON}. Always ≥ 0; 0 for identical shares.
   */
  public static double psi(double[] reference, double[] current) {
    requireSameLength(reference, current);
    double sum = 0;
    for (int i = 0; i < reference.length; i++) {
      double r = reference[i] > 0 ? reference[i] : PSI_EPSILON;
      double c = current[i] > 0 ? current[i] : PSI_EPSILON;
      sum += (c - r) * Math.log(c / r);
    }
    return sum;
  }

  /**
   * Jensen–Shannon distance in base 2, as scipy's {@code jensenshannon(p, q, base=2)} which
   * Evidently calls: both vectors are first scaled to sum to 1, then {@code sqrt((KL(p‖m) +
   * KL(q‖m)) / 2)} with {@code m = (p + q) / 2} and {@code 0 · log 0 = 0}. Between 0 (same shares)
   * and 1 (no category in common).
   */
  public static double jensenShannon(double[] p, double[] q) {
    requireSameLength(p, q);
    double sp = Arrays.stream(p).sum();
    double sq = Arrays.stream(q).sum();
    if (!(sp > 0) || !(sq > 0)) {
      throw new IllegalArgumentException("shares must have a positive sum");
    }
    double divergence = 0;
    for (int i = 0; i < p.length; i++) {
      double a = p[i] / sp;
      double b = q[i] / sq;
      double m = (a + b) / 2;
      divergence += klTerm(a, m) + klTerm(b, m);
    }
    // Rounding can leave a tiny negative sum for identical vectors.
    return Math.sqrt(Math.max(0, divergence / 2));
  }

  private static double klTerm(double x, double m) {
    return x > 0 ? x * Math.log(x / m) / Math.log(2) : 0;
  }

  /**
   * Wasserstein-1 distance between two distributions known by their quantiles at the same levels:
   * {@code ∫₀¹ |Q_r(u) − Q_c(u)| du}, the one-dimensional W1 written with quantile functions, where
   * each quantile function is taken as the straight line between consecutive levels and as flat
   * below the first level and above the last (so the distributions are cut at those quantiles, and
   * the extremes beyond them, a handful of values that the reference does not keep, count as the
   * quantile itself). The integral of the absolute difference of two piecewise-linear functions is
   * exact: a segment where the difference changes sign is split where it crosses zero.
   *
   * @param levels strictly increasing, within [0, 1]
   * @return NaN when a quantile is not finite (more than the cut share of infinite values)
   */
  public static double wasserstein(double[] levels, double[] reference, double[] current) {
    requireSameLength(levels, reference);
    requireSameLength(levels, current);
    int n = levels.length;
    if (n == 0) {
      throw new IllegalArgumentException("no quantile levels");
    }
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      if (i > 0 && !(levels[i] > levels[i - 1])) {
        throw new IllegalArgumentException("levels must increase: " + Arrays.toString(levels));
      }
      d[i] = reference[i] - current[i];
      if (!Double.isFinite(d[i])) {
        return Double.NaN;
      }
    }
    double sum = Math.abs(d[0]) * levels[0] + Math.abs(d[n - 1]) * (1 - levels[n - 1]);
    for (int i = 0; i + 1 < n; i++) {
      sum += segment(d[i], d[i + 1], levels[i + 1] - levels[i]);
    }
    return sum;
  }

  /** ∫ |a + (b − a)·t| over a segment of width w (t from 0 to 1). */
  static double segment(double a, double b, double w) {
    if ((a >= 0 && b >= 0) || (a <= 0 && b <= 0)) {
      return (Math.abs(a) + Math.abs(b)) / 2 * w;
    }
    // Two triangles either side of the zero at t = |a| / (|a| + |b|).
    return (a * a + b * b) / (2 * (Math.abs(a) + Math.abs(b))) * w;
  }

  /**
   * The bin of {@code v} under reference.json's rule: the first bin whose upper edge is ≥ v; the
   * last bin (index {@code edges.length}) is open above.
   */
  public static int bin(double[] edges, double v) {
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] >= v) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private static void requireSameLength(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
    }
  }
}
