package fr.pretadepenser.scoring.training;

import fr.pretadepenser.scoring.model.ReferenceDistributions;
import fr.pretadepenser.scoring.model.ReferenceDistributions.Distribution;
import fr.pretadepenser.scoring.model.ReferenceDistributions.Group;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Builds reference.json: each feature's distribution over the training rows, with its bins also
 * counted over the defaulters (TARGET = 1) and the others apart, so that a client can be compared
 * with both; and the score's over the out-of-fold probabilities (the honest picture of how the
 * model scores applicants it has not seen, which is what live scores are).
 */
final class ReferenceBuilder {

  static final List<Double> LEVELS = List.of(0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99);

  /** Decile edges: ten bins of about equal weight in the reference, as drift indices use. */
  private static final double[] BIN_LEVELS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

  private ReferenceBuilder() {}

  static ReferenceDistributions build(FeatureMatrix m, double[] oofScores) {
    List<Distribution> features =
        IntStream.range(0, m.cols())
            .parallel()
            .mapToObj(
                c -> {
                  double[] column = new double[m.rows()];
                  for (int r = 0; r < m.rows(); r++) {
                    column[r] = m.get(r, c);
                  }
                  return distribution(m.names().get(c), column, m.labels());
                })
            .toList();
    return new ReferenceDistributions(m.rows(), features, distribution("score", oofScores));
  }

  /**
   * {@link #distribution(String, double[])} with the bins also counted per outcome.
   *
   * @param labels TARGET of each row (1 = defaulted, 0 = repaid), same length as {@code values}
   */
  static Distribution distribution(String name, double[] values, int[] labels) {
    if (labels.length != values.length) {
      throw new IllegalArgumentException(labels.length + " labels for " + values.length + " rows");
    }
    Distribution d = distribution(name, values);
    List<Double> edges = d.binEdges();
    double[] edgeArray = toArray(edges);
    int bins = edges.size() + 1;
    long[][] counts = new long[2][bins];
    long[] present = new long[2];
    long[] missing = new long[2];
    for (int r = 0; r < values.length; r++) {
      int g = labels[r] == 1 ? 1 : 0;
      if (Double.isNaN(values[r])) {
        missing[g]++;
      } else {
        present[g]++;
        counts[g][ReferenceDistributions.bin(edgeArray, values[r])]++;
      }
    }
    return new Distribution(
        d.name(),
        d.count(),
        d.missing(),
        d.mean(),
        d.std(),
        d.min(),
        d.max(),
        d.quantileLevels(),
        d.quantiles(),
        edges,
        d.binFractions(),
        group(counts[1], present[1], missing[1]),
        group(counts[0], present[0], missing[0]));
  }

  private static Group group(long[] counts, long present, long missing) {
    if (present == 0) {
      return new Group(present, missing, List.of());
    }
    return new Group(
        present, missing, Arrays.stream(counts).mapToObj(c -> (double) c / present).toList());
  }

  static Distribution distribution(String name, double[] values) {
    double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
    long missing = values.length - present.length;
    if (present.length == 0) {
      return new Distribution(
          name, 0, missing, null, null, null, null, LEVELS, List.of(), List.of(), List.of());
    }
    double mean = Arrays.stream(present).sum() / present.length;
    double ss = 0;
    for (double v : present) {
      ss += (v - mean) * (v - mean);
    }
    double std = present.length > 1 ? Math.sqrt(ss / (present.length - 1)) : 0;
    List<Double> quantiles = LEVELS.stream().map(q -> quantile(present, q)).toList();
    List<Double> edges = new ArrayList<>();
    for (double q : BIN_LEVELS) {
      double e = quantile(present, q);
      if (edges.isEmpty() || e > edges.get(edges.size() - 1)) {
        edges.add(e);
      }
    }
    double[] edgeArray = toArray(edges);
    long[] counts = new long[edges.size() + 1];
    for (double v : present) {
      counts[ReferenceDistributions.bin(edgeArray, v)]++;
    }
    List<Double> fractions =
        Arrays.stream(counts).mapToObj(c -> (double) c / present.length).toList();
    return new Distribution(
        name,
        present.length,
        missing,
        mean,
        std,
        present[0],
        present[present.length - 1],
        LEVELS,
        quantiles,
        edges,
        fractions);
  }

  /**
   * The first bin whose upper edge is at or above {@code v}; the last bin is open above ({@link
   * ReferenceDistributions#bin}, the rule monitoring counts the current data's bins with).
   */
  static int bin(List<Double> edges, double v) {
    return ReferenceDistributions.bin(toArray(edges), v);
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Linear interpolation between order statistics (numpy's default), on sorted values. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(i + 1, sorted.length - 1);
    return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
  }
}
