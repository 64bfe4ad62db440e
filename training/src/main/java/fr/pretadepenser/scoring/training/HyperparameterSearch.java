package fr.pretadepenser.scoring.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded random search over LightGBM's tree-shape and regularisation parameters. Random search is
 * as good as a grid with far fewer trials when only a few parameters matter (Bergstra and Bengio,
 * 2012), needs no model of the objective, and its budget is just a number of trials. Trial 0 is
 * always the kernel's tuned configuration, so a search can only match or beat it.
 *
 * <p>The space (learning rate fixed, so early stopping compares like with like):
 *
 * <ul>
 *   <li>num_leaves: 8–96, log-uniform (tree size);
 *   <li>max_depth: unlimited or 4–10 (a cap on interactions);
 *   <li>min_data_in_leaf: 10–400, log-uniform; min_sum_hessian_in_leaf: 0.01–100, log-uniform (how
 *       many applicants a leaf must rest on);
 *   <li>feature_fraction: 0.2–1.0 (features seen per tree); bagging_fraction: 0.6–1.0 with
 *       bagging_freq 1 (rows seen per tree);
 *   <li>lambda_l1, lambda_l2: 0.001–10, log-uniform; min_gain_to_split: 0–0.1 (regularisation).
 * </ul>
 */
final class HyperparameterSearch {

  private final SplittableRandom random;

  HyperparameterSearch(long seed) {
    this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
  }

  /** The parameters of trial {@code index} (0 = the kernel's), to add to the fixed ones. */
  Map<String, Object> trial(int index) {
    if (index == 0) {
      return BoosterParams.kernelDefaults();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("learning_rate", BoosterParams.kernelDefaults().get("learning_rate"));
    m.put("num_leaves", (int) Math.round(logUniform(8, 96)));
    int[] depths = {-1, 4, 5, 6, 7, 8, 10};
    m.put("max_depth", depths[random.nextInt(depths.length)]);
    m.put("min_data_in_leaf", (int) Math.round(logUniform(10, 400)));
    m.put("min_sum_hessian_in_leaf", round(logUniform(0.01, 100)));
    m.put("feature_fraction", round(uniform(0.2, 1.0)));
    m.put("bagging_fraction", round(uniform(0.6, 1.0)));
    m.put("bagging_freq", 1);
    m.put("lambda_l1", round(logUniform(0.001, 10)));
    m.put("lambda_l2", round(logUniform(0.001, 10)));
    m.put("min_gain_to_split", round(uniform(0, 0.1)));
    return m;
  }

  private double uniform(double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }

  private double logUniform(double lo, double hi) {
    return Math.exp(uniform(Math.log(lo), Math.log(hi)));
  }

  /** Four significant digits: the reported value is the value used. */
  private static double round(double v) {
    return v == 0
        ? 0
        : new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
  }
}
