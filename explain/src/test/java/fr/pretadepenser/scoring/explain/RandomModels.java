package fr.pretadepenser.scoring.explain;

import fr.pretadepenser.scoring.model.LightGbmNative;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded random LightGBM models and rows for the TreeSHAP exactness property: model texts written
 * here (random shapes, every missing type and default direction, zero-gain splits, zero leaves,
 * features split on again below themselves) and models trained by LightGBM on random data with NaN
 * and exact zeros; rows that hit thresholds exactly, one ulp either side, NaN, ±0 and values
 * LightGBM reads as zero.
 */
final class RandomModels {

  static final int FEATURES = 6;

  private RandomModels() {}

  /** A model text of {@code trees} random trees over {@link #FEATURES} features. */
  static String written(SplittableRandom random, int trees) {
    StringBuilder text = new StringBuilder();
    text.append("tree\nversion=v4\nnum_class=1\nnum_tree_per_iteration=1\nlabel_index=0\n")
        .append("max_feature_idx=")
        .append(FEATURES - 1)
        .append("\nobjective=binary sigmoid:1\nfeature_names=");
    for (int f = 0; f < FEATURES; f++) {
      text.append(f == 0 ? "" : " ").append("f").append(f);
    }
    text.append("\nfeature_infos=");
    for (int f = 0; f < FEATURES; f++) {
      text.append(f == 0 ? "" : " ").append("[-3:3]");
    }
    text.append("\n\n");
    for (int t = 0; t < trees; t++) {
      text.append("Tree=").append(t).append('\n').append(tree(random)).append("\n\n");
    }
    text.append("end of trees\n\nparameters:\n[objective: binary]\nend of parameters\n");
    return text.toString();
  }

  /** One random tree: grown by splitting random leaves, as LightGBM numbers its nodes. */
  private static String tree(SplittableRandom random) {
    int leaves = 1 + random.nextInt(random.nextBoolean() ? 6 : 32);
    int n = leaves - 1;
    int[] left = new int[n];
    int[] right = new int[n];
    int[] leafParent = new int[leaves];
    leafParent[0] = -1;
    for (int split = 0; split < n; split++) {
      // LightGBM's Tree::Split: leaf `leaf` becomes node `split`, its children leaf and new leaf.
      int leaf = random.nextInt(split + 1);
      int parent = leafParent[leaf];
      if (parent >= 0) {
        if (left[parent] == ~leaf) {
          left[parent] = split;
        } else {
          right[parent] = split;
        }
      }
      left[split] = ~leaf;
      right[split] = ~(split + 1);
      leafParent[leaf] = split;
      leafParent[split + 1] = split;
    }
    int[] leafCount = new int[leaves];
    double[] leafValue = new double[leaves];
    for (int i = 0; i < leaves; i++) {
      leafCount[i] = 1 + random.nextInt(random.nextBoolean() ? 3 : 200);
      leafValue[i] = random.nextInt(8) == 0 ? 0.0 : random.nextGaussian() * 0.3;
    }
    int[] internalCount = new int[n];
    for (int i = n - 1; i >= 0; i--) {
      // Children have higher numbers than their parent: fill from the bottom.
      internalCount[i] =
          count(left[i], internalCount, leafCount) + count(right[i], internalCount, leafCount);
    }
    for (int i = 0; i < n; i++) {
      if (internalCount[i] == 0) {
        // An empty split would divide 0 by 0 in both implementations; LightGBM never writes one.
        return tree(random);
      }
    }
    StringBuilder t = new StringBuilder();
    t.append("num_leaves=").append(leaves).append("\nnum_cat=0\nsplit_feature=");
    join(t, n, i -> Integer.toString(random.nextInt(FEATURES)));
    t.append("\nsplit_gain=");
    join(t, n, i -> random.nextInt(3) == 0 ? "0" : fmt(random.nextDouble() * 10));
    t.append("\nthreshold=");
    join(t, n, i -> fmt(threshold(random)));
    t.append("\ndecision_type=");
    // bit 1 default left, bits 2-3 missing type None (0), Zero (1) or NaN (2)
    join(t, n, i -> Integer.toString((random.nextBoolean() ? 2 : 0) | (random.nextInt(3) << 2)));
    t.append("\nleft_child=");
    join(t, n, i -> Integer.toString(left[i]));
    t.append("\nright_child=");
    join(t, n, i -> Integer.toString(right[i]));
    t.append("\nleaf_value=");
    join(t, leaves, i -> fmt(leafValue[i]));
    t.append("\nleaf_weight=");
    join(t, leaves, i -> Integer.toString(leafCount[i]));
    t.append("\nleaf_count=");
    join(t, leaves, i -> Integer.toString(leafCount[i]));
    t.append("\ninternal_value=");
    join(t, n, i -> "0");
    t.append("\ninternal_weight=");
    join(t, n, i -> Integer.toString(internalCount[i]));
    t.append("\ninternal_count=");
    join(t, n, i -> Integer.toString(internalCount[i]));
    t.append("\nis_linear=0\nshrinkage=1\n");
    return t.toString();
  }

  private static int count(int child, int[] internalCount, int[] leafCount) {
    return child >= 0 ? internalCount[child] : leafCount[~child];
  }

  private static final double[] THRESHOLDS = {-1, -0.5, -1e-35, 0, 1e-35, 0.25, 0.5, 1, 2};

  private static double threshold(SplittableRandom random) {
    return random.nextBoolean()
        ? THRESHOLDS[random.nextInt(THRESHOLDS.length)]
        : random.nextGaussian();
  }

  /** A row that probes the splits' edges: thresholds, their neighbours, NaN, zeros. */
  static double[] row(SplittableRandom random, int features, double[] thresholds) {
    double[] row = new double[features];
    for (int f = 0; f < features; f++) {
      row[f] =
          switch (random.nextInt(9)) {
            case 0 -> Double.NaN;
            case 1 -> 0.0;
            case 2 -> -0.0;
            case 3 -> random.nextBoolean() ? 1e-40 : -1e-36;
            case 4 -> thresholds[random.nextInt(thresholds.length)];
            case 5 -> Math.nextUp(thresholds[random.nextInt(thresholds.length)]);
            case 6 -> Math.nextDown(thresholds[random.nextInt(thresholds.length)]);
            default -> random.nextGaussian() * 2;
          };
    }
    return row;
  }

  /** Every threshold written in a model text, to aim rows at. */
  static double[] thresholds(String modelText) {
    List<Double> all = new ArrayList<>();
    for (String line : modelText.lines().toList()) {
      if (line.startsWith("threshold=") && line.length() > "threshold=".length()) {
        for (String v : line.substring("threshold=".length()).strip().split(" ")) {
          all.add(Double.parseDouble(v));
        }
      }
    }
    all.add(0.0);
    return all.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * A model LightGBM trains on random data: NaN in some columns, exact zeros and repeated values in
   * others, labels from a noisy rule; {@code zeroAsMissing} gives splits of missing type Zero.
   */
  static String trained(long seed, int rows, int iterations, boolean zeroAsMissing)
      throws LGBMException {
    LightGbmNative.load();
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[rows * FEATURES];
    float[] y = new float[rows];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < FEATURES; c++) {
        double v =
            switch (c) {
              case 0, 1 -> random.nextDouble() < 0.3 ? Double.NaN : random.nextGaussian();
              case 2 -> random.nextDouble() < 0.4 ? 0 : random.nextGaussian();
              case 3 -> random.nextInt(4);
              default -> random.nextGaussian();
            };
        x[r * FEATURES + c] = (float) v;
      }
      double logit =
          (Float.isNaN(x[r * FEATURES]) ? 1 : x[r * FEATURES])
              - (Float.isNaN(x[r * FEATURES + 1]) ? -0.5 : 0.7 * x[r * FEATURES + 1])
              + (x[r * FEATURES + 2] == 0 ? 0.8 : 0)
              + 0.3 * x[r * FEATURES + 3]
              + random.nextGaussian();
      y[r] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1f : 0f;
    }
    String params =
        String.format(
            Locale.ROOT,
            "objective=binary num_threads=1 deterministic=true seed=%d verbose=-1 num_leaves=%d"
                + " min_data_in_leaf=%d learning_rate=0.2 zero_as_missing=%b",
            seed,
            4 + random.nextInt(28),
            1 + random.nextInt(20),
            zeroAsMissing);
    String[] names = new String[FEATURES];
    for (int f = 0; f < FEATURES; f++) {
      names[f] = "f" + f;
    }
    try (LGBMDataset dataset = LGBMDataset.createFromMat(x, rows, FEATURES, true, params, null)) {
      dataset.setField("label", y);
      dataset.setFeatureNames(names);
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

  private static void join(StringBuilder to, int n, java.util.function.IntFunction<String> item) {
    for (int i = 0; i < n; i++) {
      to.append(i == 0 ? "" : " ").append(item.apply(i));
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.17g", v);
  }
}
