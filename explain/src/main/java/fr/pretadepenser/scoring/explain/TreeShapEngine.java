package fr.pretadepenser.scoring.explain;

import java.util.List;

/**
 * One implementation of TreeSHAP over a LightGBM text model: the Java one ({@link JavaTreeShap},
 * used in production) or LightGBM's own ({@link LightGbmTreeShap}, the reference).
 */
interface TreeShapEngine extends AutoCloseable {

  /** The width of a row: LightGBM's {@code max_feature_idx + 1}. */
  int features();

  /** The feature names written in the model text. */
  List<String> featureNames();

  /**
   * The contributions of one row in log-odds: {@code features()} values, then the base value
   * (LightGBM's {@code C_API_PREDICT_CONTRIB} layout for a binary model).
   */
  double[] contributions(double[] row);

  @Override
  void close();
}
