package fr.pretadepenser.scoring.monitoring;

import fr.pretadepenser.scoring.features.FeatureInfo;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.model.ReferenceDistributions;
import fr.pretadepenser.scoring.model.ReferenceDistributions.Distribution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compares feature vectors with a model's training reference, feature by feature, and gives the
 * dataset's verdict. The reference is reference.json as training wrote it: per feature the count,
 * missing count, mean, standard deviation, minimum, maximum, nine quantiles (1% … 99%) and the
 * shares of up to ten bins cut at the deciles; not the training rows themselves. Every statistic is
 * therefore computed from that summary and from the same summary of the current data:
 *
 * <ul>
 *   <li><b>numeric</b>: normalised Wasserstein distance, W1 between the two quantile functions
 *       through the nine quantiles ({@link DriftStatistics#wasserstein}) divided by the reference's
 *       standard deviation (at least {@link DriftStatistics#MIN_STD}), over non-missing values; and
 *       PSI over the reference's decile bins plus a bin for missing values. It drifts when either
 *       reaches its threshold: Wasserstein sees a shift of the bulk of the values, PSI also a
 *       change in how often the value is missing.
 *   <li><b>categorical</b>: Jensen–Shannon distance (base 2) between the category shares, missing
 *       included. A 0/1 indicator's categories are "0" and "1" (the share of 1 is the reference's
 *       mean: its decile bins would merge both for a rare category); another categorical feature (a
 *       binary-coded column with a third level) uses the reference's bins as categories.
 * </ul>
 *
 * A feature the reference has no value of cannot be compared and counts in no share.
 */
public final class DriftDetector {

  private final List<Distribution> reference;
  private final List<FeatureInfo> features;
  private final List<FeatureKind> kinds;
  private final double[] importance;
  private final DriftThresholds thresholds;
  private final long population;

  /**
   * @param importance the model's global importance of each feature, any non-negative scale (it is
   *     turned into shares of the total)
   */
  public DriftDetector(
      ReferenceDistributions reference,
      List<FeatureInfo> features,
      List<FeatureKind> kinds,
      double[] importance,
      DriftThresholds thresholds) {
    List<String> names = features.stream().map(FeatureInfo::name).toList();
    List<String> referenceNames = reference.features().stream().map(Distribution::name).toList();
    ModelBundle.requireSame("reference.json", referenceNames, "the model's features", names);
    if (kinds.size() != features.size() || importance.length != features.size()) {
      throw new IllegalArgumentException(
          features.size()
              + " features but "
              + kinds.size()
              + " kinds and "
              + importance.length
              + " importances");
    }
    this.reference = List.copyOf(reference.features());
    this.features = List.copyOf(features);
    this.kinds = List.copyOf(kinds);
    this.importance = shares(importance);
    this.thresholds = thresholds;
    this.population = reference.population();
  }

  /**
   * The detector of a bundle: its features, their kinds, LightGBM's total gain per feature from its
   * model.txt ({@link ModelImportance#gain}) and the default thresholds.
   *
   * @param reference the bundle's reference ({@link ModelBundle#reference()}), read by the caller
   *     so that it can keep it for other uses without reading reference.json again
   * @throws fr.pretadepenser.scoring.model.BundleException when model.txt is missing, unreadable or
   *     of another width, or the reference's features are not the model's
   */
  public static DriftDetector of(ModelBundle bundle, ReferenceDistributions reference) {
    return new DriftDetector(
        reference,
        bundle.definition().features(),
        FeatureKinds.of(bundle.definition()),
        ModelImportance.gain(bundle.directory(), bundle.definition().size()),
        DriftThresholds.DEFAULT);
  }

  public int width() {
    return features.size();
  }

  /** Compares {@code rows} feature vectors stored row after row in {@code values}. */
  public DatasetDrift compare(float[] values, int rows) {
    int width = width();
    if (rows < 1) {
      throw new IllegalArgumentException("no rows to compare with the reference");
    }
    if ((long) rows * width != values.length) {
      throw new IllegalArgumentException(
          values.length + " values are not " + rows + " rows of " + width + " features");
    }
    List<Ranked> ranked = new ArrayList<>(width);
    double[] column = new double[rows];
    for (int f = 0; f < width; f++) {
      for (int r = 0; r < rows; r++) {
        column[r] = values[r * width + f];
      }
      ranked.add(new Ranked(f, feature(f, column)));
    }
    ranked.sort(ORDER);
    List<FeatureDrift> ordered = ranked.stream().map(Ranked::drift).toList();
    int compared = 0;
    int drifted = 0;
    double comparedImportance = 0;
    double driftedImportance = 0;
    for (FeatureDrift d : ordered) {
      if (d.compared()) {
        compared++;
        comparedImportance += d.importance();
        if (d.drift()) {
          drifted++;
          driftedImportance += d.importance();
        }
      }
    }
    double share = compared == 0 ? 0 : (double) drifted / compared;
    double weighted = comparedImportance > 0 ? driftedImportance / comparedImportance : 0;
    boolean drift =
        compared > 0
            && (share >= thresholds.datasetShare() || weighted >= thresholds.datasetShare());
    return new DatasetDrift(
        drift, compared, drifted, share, weighted, thresholds, population, rows, ordered);
  }

  /** Convenience for vectors held one array each (a sliding window of decisions). */
  public DatasetDrift compare(List<float[]> vectors) {
    int width = width();
    float[] values = new float[vectors.size() * width];
    for (int r = 0; r < vectors.size(); r++) {
      float[] v = vectors.get(r);
      if (v.length != width) {
        throw new IllegalArgumentException(
            "vector " + r + " has " + v.length + " features, the model " + width);
      }
      System.arraycopy(v, 0, values, r * width, width);
    }
    return compare(values, vectors.size());
  }

  private record Ranked(int index, FeatureDrift drift) {}

  /** Drifted first; then the most important; then the furthest past its threshold; then order. */
  private static final Comparator<Ranked> ORDER =
      Comparator.comparing((Ranked r) -> !r.drift().drift())
          .thenComparing(r -> -r.drift().importance())
          .thenComparing(r -> -r.drift().severity())
          .thenComparingInt(Ranked::index);

  /** One feature's drift, {@code column} holding its current values (NaN = missing). */
  FeatureDrift feature(int f, double[] column) {
    Distribution r = reference.get(f);
    FeatureInfo info = features.get(f);
    FeatureKind kind = kinds.get(f);
    FeatureDrift.ColumnStats refStats =
        new FeatureDrift.ColumnStats(r.count(), r.missing(), orNaN(r.mean()), orNaN(r.std()));
    if (r.count() == 0) {
      ColumnSummary cur = ColumnSummary.of(column, new double[0], new double[0]);
      return new FeatureDrift(
          info.name(),
          info.description(),
          kind,
          "none",
          Double.NaN,
          Double.NaN,
          Double.NaN,
          thresholds.psi(),
          false,
          importance[f],
          refStats,
          stats(cur),
          List.of());
    }
    double[] levels = toArray(r.quantileLevels());
    boolean indicator = kind == FeatureKind.CATEGORICAL && r.min() >= 0 && r.max() <= 1;
    // An indicator's two categories are ≤ 0 and > 0; the reference's share of 1 is its mean.
    double[] edges = indicator ? new double[] {0} : toArray(r.binEdges());
    double[] refPresent =
        indicator ? new double[] {1 - r.mean(), r.mean()} : toArray(r.binFractions());
    ColumnSummary cur = ColumnSummary.of(column, levels, edges);
    List<String> labels = indicator ? List.of("0", "1") : BinLabels.of(edges);
    double refRows = r.count() + r.missing();
    double curRows = cur.rows();
    int k = edges.length + 1;
    double[] refShares = new double[k + 1];
    double[] curShares = new double[k + 1];
    List<FeatureDrift.Bin> bins = new ArrayList<>(k + 1);
    for (int i = 0; i <= k; i++) {
      refShares[i] = i < k ? refPresent[i] * r.count() / refRows : r.missing() / refRows;
      curShares[i] = (i < k ? cur.binCounts()[i] : cur.missing()) / curRows;
      bins.add(new FeatureDrift.Bin(i < k ? labels.get(i) : "missing", refShares[i], curShares[i]));
    }
    double psi = DriftStatistics.psi(refShares, curShares);
    String method;
    double statistic;
    double threshold;
    boolean drift;
    if (kind == FeatureKind.CATEGORICAL) {
      method = "jensenshannon";
      statistic = DriftStatistics.jensenShannon(refShares, curShares);
      threshold = thresholds.jensenShannon();
      drift = statistic >= threshold;
    } else {
      method = "wasserstein";
      statistic =
          cur.count() == 0
              ? Double.NaN
              : wasserstein(levels, r, edges, refPresent, cur)
                  / Math.max(r.std(), DriftStatistics.MIN_STD);
      threshold = thresholds.wasserstein();
      drift = statistic >= threshold || psi >= thresholds.psi();
    }
    return new FeatureDrift(
        info.name(),
        info.description(),
        kind,
        method,
        statistic,
        threshold,
        psi,
        thresholds.psi(),
        drift,
        importance[f],
        refStats,
        stats(cur),
        bins);
  }

  /** W1 between the two quantile functions, each through its quantiles and its edges' levels. */
  private static double wasserstein(
      double[] levels, Distribution r, double[] edges, double[] refShares, ColumnSummary cur) {
    QuantileKnots ref =
        QuantileKnots.of(
            levels, toArray(r.quantiles()), edges, QuantileKnots.cdf(refShares, edges.length));
    double[] curShares = new double[cur.binCounts().length];
    for (int i = 0; i < curShares.length; i++) {
      curShares[i] = (double) cur.binCounts()[i] / cur.count();
    }
    QuantileKnots now =
        QuantileKnots.of(
            levels, cur.quantiles(), edges, QuantileKnots.cdf(curShares, edges.length));
    return DriftStatistics.wasserstein(ref.levels(), ref.values(), now.levels(), now.values());
  }

  private static FeatureDrift.ColumnStats stats(ColumnSummary s) {
    return new FeatureDrift.ColumnStats(s.count(), s.missing(), s.mean(), s.std());
  }

  private static double[] shares(double[] importance) {
    double total = 0;
    for (double v : importance) {
      if (!(v >= 0)) {
        throw new IllegalArgumentException("importance must be non-negative, got " + v);
      }
      total += v;
    }
    double[] out = new double[importance.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = total > 0 ? importance[i] / total : 0;
    }
    return out;
  }

  private static double orNaN(Double v) {
    return v == null ? Double.NaN : v;
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
