package fr.pretadepenser.scoring.monitoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Points (u, Q(u)) of a quantile function from what reference.json keeps: the quantiles at their
 * levels, and every decile bin edge e at the level F(e), the exact share of values ≤ e. The edges
 * matter where values pile up on one number: a feature that is 0 for 98.5% of the applicants has
 * every quantile up to 95% at 0 and its 99% quantile far above, and a straight line from 0.95 to
 * 0.99 would spread that rise over 4% of the applicants; the edge 0 at level 0.985 puts it where it
 * is. Points outside the quantile levels' range are left out, so the tails stay cut at the first
 * and last quantile on both sides alike.
 */
record QuantileKnots(double[] levels, double[] values) {

  /**
   * @param cdf share of the non-missing values at or below each edge
   */
  static QuantileKnots of(double[] levels, double[] quantiles, double[] edges, double[] cdf) {
    record Point(double u, double x, boolean edge) {}
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < levels.length; i++) {
      points.add(new Point(levels[i], quantiles[i], false));
    }
    double lo = levels[0];
    double hi = levels[levels.length - 1];
    for (int k = 0; k < edges.length; k++) {
      if (cdf[k] >= lo && cdf[k] <= hi) {
        points.add(new Point(cdf[k], edges[k], true));
      }
    }
    // At a shared level the edge wins: it is exact, the quantile interpolated.
    points.sort(Comparator.comparingDouble(Point::u).thenComparing(p -> !p.edge()));
    List<Double> u = new ArrayList<>();
    List<Double> x = new ArrayList<>();
    double running = Double.NEGATIVE_INFINITY;
    for (Point p : points) {
      if (!u.isEmpty() && p.u() == u.get(u.size() - 1)) {
        continue;
      }
      // A quantile function never decreases; interpolated quantiles next to an exact edge can
      // disagree by a rounding step, so the running maximum is kept.
      running = Math.max(running, p.x());
      u.add(p.u());
      x.add(running);
    }
    return new QuantileKnots(
        u.stream().mapToDouble(Double::doubleValue).toArray(),
        x.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Cumulative shares of bins (the last bin, above the last edge, is not needed). */
  static double[] cdf(double[] binShares, int edges) {
    double[] out = new double[edges];
    double sum = 0;
    for (int k = 0; k < edges; k++) {
      sum += binShares[k];
      out[k] = sum;
    }
    return out;
  }
}
