package fr.pretadepenser.scoring.training.onnx;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Seeded synthetic data and real LightGBM training for the tests. */
final class LightGbmTraining {

  static {
    // lightgbm4j's own loader races with other JVMs; see LightGbmNative.
    fr.pretadepenser.scoring.model.LightGbmNative.load();
  }

  static final String PARAMS =
      "objective=binary num_threads=1 deterministic=true seed=7 verbose=-1 num_leaves=15"
          + " learning_rate=0.1 min_data_in_leaf=20";

  private LightGbmTraining() {}

  /** A row-major matrix with its labels. */
  record Data(float[] x, float[] y, int rows, int cols) {
    float get(int row, int col) {
      return x[row * cols + col];
    }

    float[] row(int r) {
      return java.util.Arrays.copyOfRange(x, r * cols, (r + 1) * cols);
    }
  }

  /**
   * {@code cols} features: the first {@code cols - 5} are NaN with probability {@code nanRate}; the
   * last five are NaN only when {@code nanEverywhere} (so a model trained without it has splits of
   * missing type None on them), and two of those are exactly 0 a third of the time, which gives
   * LightGBM its ±1e-35 thresholds around the zero bin.
   */
  static Data synthetic(int rows, int cols, long seed, double nanRate, boolean nanEverywhere) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[rows * cols];
    float[] y = new float[rows];
    int plain = cols - 5;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        boolean nanAllowed = c < plain || nanEverywhere;
        double v = random.nextGaussian() * (1 + c % 3);
        if (c >= plain && c - plain < 2 && random.nextDouble() < 1 / 3.0) {
          v = 0;
        }
        x[r * cols + c] = nanAllowed && random.nextDouble() < nanRate ? Float.NaN : (float) v;
      }
      double logit =
          0.8 * z(x[r * cols])
              - 0.6 * z(x[r * cols + 1])
              + (Float.isNaN(x[r * cols + 2]) ? 1.0 : 0.3 * x[r * cols + 2])
              + 0.7 * z(x[r * cols + plain])
              + (x[r * cols + plain + 1] == 0 ? 0.9 : -0.2)
              + 0.4 * Math.signum(z(x[r * cols + plain + 2]))
              + 0.5 * random.nextGaussian();
      y[r] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1f : 0f;
    }
    return new Data(x, y, rows, cols);
  }

  private static double z(float v) {
    return Float.isNaN(v) ? 0 : v;
  }

  static String[] names(int cols) {
    return IntStream.range(0, cols).mapToObj(i -> "f" + i).toArray(String[]::new);
  }

  /** Trains and returns the model text, as the training module saves it. */
  static String train(Data data, String params, int iterations) throws LGBMException {
    try (LGBMDataset dataset =
        LGBMDataset.createFromMat(data.x(), data.rows(), data.cols(), true, params, null)) {
      dataset.setField("label", data.y());
      dataset.setFeatureNames(names(data.cols()));
      try (LGBMBooster booster = LGBMBooster.create(dataset, params)) {
        for (int i = 0; i < iterations; i++) {
          if (booster.updateOneIter()) {
            break;
          }
        }
        return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
      }
    }
  }
}
