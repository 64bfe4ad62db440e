package fr.pretadepenser.scoring.monitoring;

import java.util.Arrays;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.descriptive.StandardDeviation;

/**
 * One column of current data summarised the way training summarised the reference (reference.json):
 * missing values (NaN) counted apart, then over the other values the quantiles at the reference's
 * levels, the counts in the reference's bins, mean and standard deviation. Drift is then measured
 * between two summaries made alike, never between a summary and raw values.
 *
 * @param quantiles at the reference's levels; empty when {@code count} is 0
 * @param binCounts counts in the reference's bins ({@code edges.length + 1}), under {@link
 *     DriftStatistics#bin}
 * @param mean NaN when {@code count} is 0
 * @param std sample standard deviation (n − 1, as reference.json); NaN under 2 values
 */
public record ColumnSummary(
    long count, long missing, double mean, double std, double[] quantiles, long[] binCounts) {

  /**
   * numpy's default linear interpolation ({@code (n − 1)·p}), Hyndman and Fan's type 7: the rule
   * training used for the reference's quantiles.
   */
  private static final Quantile QUANTILE =
      Quantile.withDefaults().with(Quantile.EstimationMethod.HF7).withCopy(false);

  /**
   * Summarises {@code values} (NaN = missing; infinities are values, as in the reference) at the
   * given quantile levels and bin edges.
   */
  public static ColumnSummary of(double[] values, double[] levels, double[] edges) {
    double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    long missing = values.length - present.length;
    long[] bins = new long[edges.length + 1];
    for (double v : present) {
      bins[DriftStatistics.bin(edges, v)]++;
    }
    if (present.length == 0) {
      return new ColumnSummary(0, missing, Double.NaN, Double.NaN, new double[0], bins);
    }
    Arrays.sort(present);
    double[] quantiles = levels.length == 0 ? new double[0] : QUANTILE.evaluate(present, levels);
    double mean = Mean.of(present).getAsDouble();
    double std = present.length > 1 ? StandardDeviation.of(present).getAsDouble() : Double.NaN;
    return new ColumnSummary(present.length, missing, mean, std, quantiles, bins);
  }

  /** Rows summarised, missing ones included. */
  public long rows() {
    return count + missing;
  }

  public double missingShare() {
    return rows() == 0 ? Double.NaN : (double) missing / rows();
  }
}
