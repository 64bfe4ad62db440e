package fr.pretadepenser.scoring.training.onnx;

import com.microsoft.ml.lightgbm.PredictionType;
import fr.pretadepenser.scoring.model.OnnxModel;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.Arrays;

/**
 * Measures how far the exported ONNX model is from LightGBM itself on a set of rows. ONNX scores
 * every row twice, one row at a time (how the scorer decides) and in batches (how bulk scoring
 * does), because onnxruntime's exp differs between the two (see {@link OnnxExport#sigmoid}).
 */
public final class OnnxParity {

  static {
    // lightgbm4j's own loader races with other JVMs; see LightGbmNative.
    fr.pretadepenser.scoring.model.LightGbmNative.load();
  }

  /** Rows scored at once: bounds the copies (~10,000 × F floats and doubles) on large data. */
  static final int BATCH_ROWS = 10_000;

  private OnnxParity() {}

  /**
   * @param maxAbsMarginDiff max |margin_ONNX − raw score_LightGBM| over batches
   * @param maxAbsSingleRowProbabilityDiff max |p_ONNX − p_LightGBM|, ONNX scoring one row per call
   * @param maxAbsBatchProbabilityDiff max |p_ONNX − p_LightGBM|, ONNX scoring batches
   */
  public record Result(
      long rows,
      double maxAbsMarginDiff,
      double maxAbsSingleRowProbabilityDiff,
      double maxAbsBatchProbabilityDiff) {

    /** The largest |p_ONNX − p_LightGBM| however ONNX is called: the model card's figure. */
    public double maxAbsProbabilityDiff() {
      return Math.max(maxAbsSingleRowProbabilityDiff, maxAbsBatchProbabilityDiff);
    }
  }

  /** The largest |p_ONNX − p_LightGBM| over the rows of a row-major {@code rows × cols} matrix. */
  public static double maxAbsProbabilityDiff(
      String lightGbmModelText, byte[] onnx, float[] matrix, int rows, int cols) {
    return compare(lightGbmModelText, onnx, matrix, rows, cols).maxAbsProbabilityDiff();
  }

  /** Scores every row of a row-major {@code rows × cols} matrix with both models. */
  public static Result compare(
      String lightGbmModelText, byte[] onnx, float[] matrix, int rows, int cols) {
    return compare(lightGbmModelText, onnx, matrix, rows, cols, BATCH_ROWS);
  }

  static Result compare(
      String lightGbmModelText, byte[] onnx, float[] matrix, int rows, int cols, int batchRows) {
    if (rows < 0 || cols <= 0 || (long) rows * cols != matrix.length) {
      throw new IllegalArgumentException(
          "a " + rows + " × " + cols + " matrix cannot hold " + matrix.length + " values");
    }
    double margin = 0;
    double single = 0;
    double batched = 0;
    try (LGBMBooster booster = LGBMBooster.loadModelFromString(lightGbmModelText);
        OnnxModel model = OnnxModel.load(onnx, "exported model")) {
      for (int start = 0; start < rows; start += batchRows) {
        int n = Math.min(batchRows, rows - start);
        float[] flat = Arrays.copyOfRange(matrix, start * cols, (start + n) * cols);
        float[][] batch = new float[n][];
        for (int r = 0; r < n; r++) {
          batch[r] = Arrays.copyOfRange(flat, r * cols, (r + 1) * cols);
        }
        double[] pLightGbm =
            booster.predictForMat(flat, n, cols, true, PredictionType.C_API_PREDICT_NORMAL);
        double[] mLightGbm =
            booster.predictForMat(flat, n, cols, true, PredictionType.C_API_PREDICT_RAW_SCORE);
        double[] pBatch = model.probabilities(batch);
        double[] mBatch = model.margins(batch);
        for (int r = 0; r < n; r++) {
          margin = Math.max(margin, diff(mBatch[r], mLightGbm[r]));
          batched = Math.max(batched, diff(pBatch[r], pLightGbm[r]));
          single = Math.max(single, diff(model.probability(batch[r]), pLightGbm[r]));
        }
      }
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM failed: " + e.getMessage(), e);
    }
    return new Result(rows, margin, single, batched);
  }

  /** |a − b|, but infinite when only one is NaN: a NaN must not hide a difference. */
  private static double diff(double a, double b) {
    if (Double.compare(a, b) == 0) {
      return 0;
    }
    double d = Math.abs(a - b);
    return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
  }
}
