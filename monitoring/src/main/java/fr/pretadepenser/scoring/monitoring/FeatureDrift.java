package fr.pretadepenser.scoring.monitoring;

import java.util.List;

/**
 * One feature's drift.
 *
 * @param method "wasserstein" (numeric), "jensenshannon" (categorical) or "none" when the reference
 *     has no value of the feature (nothing to compare with)
 * @param statistic the method's value (NaN when it cannot be computed: no current value, or
 *     infinite quantiles); for a numeric feature the normalised Wasserstein distance
 * @param threshold the method's threshold
 * @param psi PSI over the reference's bins and a missing bin, for every kind
 * @param drift numeric: Wasserstein or PSI at or above its threshold; categorical: Jensen–Shannon
 *     at or above its threshold
 * @param importance the feature's share of the model's global importance (0 to 1)
 * @param bins the shares compared, bin by bin (the reference's bins, then "missing")
 */
public record FeatureDrift(
    String feature,
    String description,
    FeatureKind kind,
    String method,
    double statistic,
    double threshold,
    double psi,
    double psiThreshold,
    boolean drift,
    double importance,
    ColumnStats reference,
    ColumnStats current,
    List<Bin> bins) {

  /** Count, missing count and moments of one side. */
  public record ColumnStats(long count, long missing, double mean, double std) {
    public double missingShare() {
      long rows = count + missing;
      return rows == 0 ? Double.NaN : (double) missing / rows;
    }
  }

  /** One bin's label and its share of the rows (missing included) on each side. */
  public record Bin(String label, double reference, double current) {}

  /** False when the reference has no value of the feature: it then counts in no share. */
  public boolean compared() {
    return !"none".equals(method);
  }

  /** How far past (above 1) or below its threshold the deciding statistic is. */
  double severity() {
    double s = Double.isNaN(statistic) ? 0 : statistic / threshold;
    return kind == FeatureKind.NUMERIC ? Math.max(s, psi / psiThreshold) : s;
  }
}
