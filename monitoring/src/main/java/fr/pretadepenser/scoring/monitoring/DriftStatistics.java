package fr.pretadepenser.scoring.monitoring;

import fr.pretadepenser.scoring.model.ReferenceDistributions;
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
   * Wasserstein-1 distance between two distributions known by their quantiles at the same levels;
   * see {@link #wasserstein(double[], double[], double[], double[])}.
   */
  public static double wasserstein(double[] levels, double[] reference, double[] current) {
    return wasserstein(levels, reference, levels, current);
  }

  /**
   * Wasserstein-1 distance between two distributions each known by points of its quantile function
   * (level u, value Q(u)): {@code ∫₀¹ |Q_r(u) − Q_c(u)| du}, the one-dimensional W1 written with
   * quantile functions. Each quantile function is taken as the straight line between its points and
   * as flat below its first point and above its last (so the extremes beyond them, which the
   * reference does not keep, count as that quantile). Both are then linear between consecutive
   * levels of either side, and the integral of the absolute difference is exact: a segment where
   * the difference changes sign is split where it crosses zero.
   *
   * @param refLevels strictly increasing, within [0, 1] (likewise {@code curLevels})
   * @return NaN when a quantile is not finite (more than the cut share of infinite values)
   */
  public static double wasserstein(
      double[] refLevels, double[] reference, double[] curLevels, double[] current) {
    requireKnots(refLevels, reference);
    requireKnots(curLevels, current);
    double[] grid = merge(refLevels, curLevels);
    double sum = 0;
    double previous = at(refLevels, reference, 0) - at(curLevels, current, 0);
    double u = 0;
    for (double next : grid) {
      double d = at(refLevels, reference, next) - at(curLevels, current, next);
      if (!Double.isFinite(d)) {
        return Double.NaN;
      }
      sum += segment(previous, d, next - u);
      previous = d;
      u = next;
    }
    return sum + Math.abs(previous) * (1 - u);
  }

  /** The sorted distinct levels of both sides. */
  private static double[] merge(double[] a, double[] b) {
    return java.util.stream.DoubleStream.concat(Arrays.stream(a), Arrays.stream(b))
        .sorted()
        .distinct()
        .toArray();
  }

  /** The piecewise-linear quantile function through the points, flat outside them. */
  static double at(double[] levels, double[] values, double u) {
    int n = levels.length;
    if (u <= levels[0]) {
      return values[0];
    }
    if (u >= levels[n - 1]) {
      return values[n - 1];
    }
    int i = Arrays.binarySearch(levels, u);
    if (i >= 0) {
      return values[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double t = (u - levels[lo]) / (levels[hi] - levels[lo]);
    return values[lo] + t * (values[hi] - values[lo]);
  }

  private static void requireKnots(double[] levels, double[] values) {
    requireSameLength(levels, values);
    if (levels.length == 0) {
      throw new IllegalArgumentException("no quantile levels");
    }
    for (int i = 1; i < levels.length; i++) {
      if (!(levels[i] > levels[i - 1])) {
        throw new IllegalArgumentException("levels must increase: " + Arrays.toString(levels));
      }
    }
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
   * last bin (index {@code edges.length}) is open above. See {@link ReferenceDistributions#bin}.
   */
  public static int bin(double[] edges, double v) {
    return ReferenceDistributions.bin(edges, v);
  }

  private static void requireSameLength(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
    }
  }
}
