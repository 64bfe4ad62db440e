package fr.pretadepenser.scoring.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * reference.json: how each feature and the out-of-fold score were distributed in the training
 * population, for drift monitoring (population stability over the decile bins) and for comparing
 * one client with the others (quantiles, and the bins split by outcome: defaulters against the
 * others).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReferenceDistributions(
    int population, List<Distribution> features, Distribution score) {

  /**
   * The bin of {@code v} under this file's rule ({@link Distribution#binEdges}): the first bin
   * whose upper edge is ≥ v; the last bin (index {@code edges.length}) is open above, and takes NaN
   * too. Training counts the reference's bins with it, and monitoring the current data's.
   *
   * @param edges ascending upper edges
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

  /**
   * One variable's distribution over the training rows.
   *
   * @param mean null when every row is missing (as are std, min and max)
   * @param quantileLevels the levels of {@code quantiles} (e.g. 0.01 … 0.99)
   * @param binEdges ascending upper edges of the bins (the last bin is open above); a value v falls
   *     in the first bin whose edge is ≥ v
   * @param binFractions share of the non-missing rows in each bin ({@code binEdges.size() + 1}
   *     entries)
   * @param defaulters the same bins over the rows with TARGET = 1 only; null in bundles written
   *     before the split by outcome
   * @param others the same bins over the rows with TARGET = 0; null as {@code defaulters}
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Distribution(
      String name,
      long count,
      long missing,
      Double mean,
      Double std,
      Double min,
      Double max,
      List<Double> quantileLevels,
      List<Double> quantiles,
      List<Double> binEdges,
      List<Double> binFractions,
      Group defaulters,
      Group others) {

    /** A distribution without the split by outcome (the score's, or an older bundle's). */
    public Distribution(
        String name,
        long count,
        long missing,
        Double mean,
        Double std,
        Double min,
        Double max,
        List<Double> quantileLevels,
        List<Double> quantiles,
        List<Double> binEdges,
        List<Double> binFractions) {
      this(
          name,
          count,
          missing,
          mean,
          std,
          min,
          max,
          quantileLevels,
          quantiles,
          binEdges,
          binFractions,
          null,
          null);
    }
  }

  /**
   * One outcome group's rows over a distribution's bins.
   *
   * @param count the group's rows with a value
   * @param missing the group's rows without one
   * @param binFractions share of the group's non-missing rows in each bin (empty when {@code count}
   *     is 0)
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Group(long count, long missing, List<Double> binFractions) {}
}
