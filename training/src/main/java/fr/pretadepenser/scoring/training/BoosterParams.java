package fr.pretadepenser.scoring.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * LightGBM parameters as an ordered map (reported as they are in model-card.json and the report)
 * rendered to LightGBM's "key=value" parameter string.
 */
public record BoosterParams(Map<String, Object> values) {

  public BoosterParams {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * The fixed part of every run: binary objective, AUC for early stopping, deterministic training
   * on the given threads, and LightGBM's own missing-value handling (NaN = missing).
   */
  public static Map<String, Object> fixed(long seed, int threads) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("objective", "binary");
    m.put("metric", "auc");
    m.put("num_threads", threads);
    m.put("seed", seed);
    m.put("deterministic", true);
    m.put("force_row_wise", true);
    m.put("verbosity", -1);
    return m;
  }

  /**
   * The kernel's tuned parameters ("LightGBM with simple features"), with a faster learning rate so
   * a run fits the time budget; the kernel's own subsample is dropped because, without a bagging
   * frequency, LightGBM ignores it.
   */
  public static Map<String, Object> kernelDefaults() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("learning_rate", 0.05);
    m.put("num_leaves", 34);
    m.put("max_depth", 8);
    m.put("feature_fraction", 0.95);
    m.put("lambda_l1", 0.041545473);
    m.put("lambda_l2", 0.0735294);
    m.put("min_gain_to_split", 0.0222415);
    m.put("min_sum_hessian_in_leaf", 39.3259775);
    m.put("min_data_in_leaf", 20);
    return m;
  }

  public BoosterParams with(String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(values);
    m.put(key, value);
    return new BoosterParams(m);
  }

  public BoosterParams with(Map<String, Object> more) {
    Map<String, Object> m = new LinkedHashMap<>(values);
    m.putAll(more);
    return new BoosterParams(m);
  }

  /** LightGBM's parameter string. */
  public String render() {
    return values.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  @Override
  public String toString() {
    return render();
  }
}
