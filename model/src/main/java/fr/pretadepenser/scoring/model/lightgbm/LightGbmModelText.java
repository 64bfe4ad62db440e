package fr.pretadepenser.scoring.model.lightgbm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A LightGBM v4 text model (what {@code LGBMBooster.saveModelToString} returns) reduced to what an
 * exact export and an exact TreeSHAP need: the feature names and, per tree, its splits, leaf values
 * and the training rows that reached each node (the covers).
 *
 * <p>{@link #parse} refuses every model this project cannot reproduce bit for bit in ONNX
 * (categorical splits, missing type Zero, linear trees, multiclass, anything but {@code binary
 * sigmoid:1}), so a parsed model is always exportable. {@link #read} accepts missing type Zero as
 * well, which TreeSHAP handles as LightGBM does.
 *
 * @param featureCount LightGBM's {@code max_feature_idx + 1}: the width of a prediction row
 * @param featureNames the names LightGBM stored ({@code Column_0}… when none were given)
 * @param objective the objective line as written, e.g. {@code binary sigmoid:1}
 */
public record LightGbmModelText(
    int featureCount, List<String> featureNames, String objective, List<Tree> trees) {

  public LightGbmModelText {
    featureNames = List.copyOf(featureNames);
    trees = List.copyOf(trees);
  }

  /**
   * One tree. Internal node {@code i} of {@link #splits()} is LightGBM's node {@code i}; the root
   * is node 0 when there is at least one split.
   *
   * @param leafValues the tree's outputs, learning rate already applied by LightGBM
   * @param shrinkage informational only: LightGBM multiplies the leaf values by it when training
   * @param leafCounts the training rows that reached each leaf ({@code leaf_count}), empty when the
   *     model text has none
   * @param internalCounts the training rows that reached each split ({@code internal_count}), empty
   *     when the model text has none
   */
  public record Tree(
      int index,
      List<Split> splits,
      List<Double> leafValues,
      double shrinkage,
      List<Integer> leafCounts,
      List<Integer> internalCounts) {
    public Tree {
      splits = List.copyOf(splits);
      leafValues = List.copyOf(leafValues);
      leafCounts = List.copyOf(leafCounts);
      internalCounts = List.copyOf(internalCounts);
    }

    /** A tree without covers (enough for scoring and the ONNX export). */
    public Tree(int index, List<Split> splits, List<Double> leafValues, double shrinkage) {
      this(index, splits, leafValues, shrinkage, List.of(), List.of());
    }

    public int numLeaves() {
      return leafValues.size();
    }
  }

  /**
   * A numerical split: {@code x <= threshold} goes to {@code left}. A child {@code >= 0} is a split
   * index, a negative child {@code c} is leaf {@code ~c}.
   *
   * @param decisionType LightGBM's bit field: bit 0 categorical, bit 1 default left, bits 2-3 the
   *     missing type
   */
  public record Split(int feature, double threshold, int decisionType, int left, int right) {

    /** Where NaN goes when the missing type is {@link MissingType#NAN}. */
    public boolean defaultLeft() {
      return (decisionType & DEFAULT_LEFT_MASK) != 0;
    }

    public MissingType missingType() {
      return MissingType.of(decisionType);
    }
  }

  /** How a split treats missing values (LightGBM's {@code MissingType}). */
  public enum MissingType {
    /** No missing value seen in training: NaN is read as 0.0. */
    NONE,
    /**
     * Zero (and NaN, read as 0.0) follow the default direction: not exportable exactly, read by
     * {@link #read} only.
     */
    ZERO,
    /** NaN follows the default direction, everything else is compared. */
    NAN;

    static MissingType of(int decisionType) {
      return switch ((decisionType >> 2) & 3) {
        case 0 -> NONE;
        case 1 -> ZERO;
        case 2 -> NAN;
        default ->
            throw new IllegalArgumentException(
                "unknown missing type in decision_type " + decisionType);
      };
    }
  }

  static final int CATEGORICAL_MASK = 1;
  static final int DEFAULT_LEFT_MASK = 2;

  /** Parses a model and refuses, naming tree and node, what cannot be exported exactly. */
  public static LightGbmModelText parse(String text) {
    return parse(text, true);
  }

  /**
   * Parses a model as {@link #parse} does but accepts splits of missing type Zero: for readers that
   * follow LightGBM's own decision rule (TreeSHAP), not for the ONNX export.
   */
  public static LightGbmModelText read(String text) {
    return parse(text, false);
  }

  private static LightGbmModelText parse(String text, boolean exportable) {
    List<String> lines = text.lines().toList();
    if (lines.isEmpty() || !lines.get(0).strip().equals("tree")) {
      throw new IllegalArgumentException("not a LightGBM text model: it must start with 'tree'");
    }
    int at = 1;
    Map<String, String> header = new HashMap<>();
    while (at < lines.size()
        && !lines.get(at).startsWith("Tree=")
        && !lines.get(at).strip().equals("end of trees")) {
      putKeyValue(header, lines.get(at++));
    }
    checkHeader(header);
    int featureCount = Integer.parseInt(require(header, "max_feature_idx", "header")) + 1;
    List<String> names = words(require(header, "feature_names", "header"));
    if (names.size() != featureCount) {
      throw new IllegalArgumentException(
          "malformed model: "
              + names.size()
              + " feature_names but max_feature_idx="
              + (featureCount - 1));
    }

    List<Tree> trees = new ArrayList<>();
    while (at < lines.size() && lines.get(at).startsWith("Tree=")) {
      int index = Integer.parseInt(lines.get(at).substring("Tree=".length()).strip());
      at++;
      Map<String, String> fields = new HashMap<>();
      while (at < lines.size() && !lines.get(at).isBlank()) {
        putKeyValue(fields, lines.get(at++));
      }
      while (at < lines.size() && lines.get(at).isBlank()) {
        at++;
      }
      trees.add(tree(index, fields, featureCount, exportable));
    }
    if (trees.isEmpty()) {
      throw new IllegalArgumentException("the model has no trees");
    }
    if (at >= lines.size() || !lines.get(at).strip().equals("end of trees")) {
      throw new IllegalArgumentException(
          "malformed model: expected 'end of trees' after tree "
              + trees.get(trees.size() - 1).index());
    }
    return new LightGbmModelText(featureCount, names, header.get("objective"), trees);
  }

  private static void checkHeader(Map<String, String> header) {
    String version = require(header, "version", "header");
    if (!version.equals("v4")) {
      throw new IllegalArgumentException(
          "unsupported LightGBM model format " + version + " (only v4 is exported)");
    }
    int classes = Integer.parseInt(require(header, "num_class", "header"));
    int perIteration = Integer.parseInt(require(header, "num_tree_per_iteration", "header"));
    if (classes != 1 || perIteration != 1) {
      throw new IllegalArgumentException(
          "cannot export a multiclass model (num_class="
              + classes
              + ", num_tree_per_iteration="
              + perIteration
              + "): only binary classification is supported");
    }
    String objective = require(header, "objective", "header");
    List<String> parts = words(objective);
    if (!parts.get(0).equals("binary")
        || parts.size() != 2
        || !parts.get(1).startsWith("sigmoid:")
        || parseDouble(parts.get(1).substring("sigmoid:".length())) != 1.0) {
      throw new IllegalArgumentException(
          "cannot export objective '"
              + objective
              + "': only 'binary sigmoid:1' maps to a plain Sigmoid of the trees' sum");
    }
    // Random-forest mode averages the trees instead of summing them.
    if (header.containsKey("average_output")) {
      throw new IllegalArgumentException(
          "cannot export a model with average_output (random forest): trees are summed here");
    }
  }

  private static Tree tree(int index, Map<String, String> f, int featureCount, boolean exportable) {
    String where = "tree " + index;
    int numLeaves = Integer.parseInt(require(f, "num_leaves", where));
    if (numLeaves < 1) {
      throw new IllegalArgumentException(where + ": num_leaves=" + numLeaves);
    }
    if (Integer.parseInt(f.getOrDefault("num_cat", "0")) != 0) {
      throw new IllegalArgumentException(
          where + ": has categorical splits (num_cat > 0), which the export does not support");
    }
    if (!f.getOrDefault("is_linear", "0").equals("0")) {
      throw new IllegalArgumentException(
          where + ": is a linear tree (is_linear=1), which the export does not support");
    }
    double[] leafValues = doubles(require(f, "leaf_value", where));
    if (leafValues.length != numLeaves) {
      throw new IllegalArgumentException(
          where + ": " + leafValues.length + " leaf values for num_leaves=" + numLeaves);
    }
    double shrinkage = parseDouble(f.getOrDefault("shrinkage", "1"));
    int n = numLeaves - 1;
    int[] feature = ints(f.getOrDefault("split_feature", ""));
    double[] threshold = doubles(f.getOrDefault("threshold", ""));
    int[] decision = ints(f.getOrDefault("decision_type", ""));
    int[] left = ints(f.getOrDefault("left_child", ""));
    int[] right = ints(f.getOrDefault("right_child", ""));
    for (var array :
        Map.of(
                "split_feature", feature.length,
                "threshold", threshold.length,
                "decision_type", decision.length,
                "left_child", left.length,
                "right_child", right.length)
            .entrySet()) {
      if (array.getValue() != n) {
        throw new IllegalArgumentException(
            where + ": " + array.getKey() + " has " + array.getValue() + " entries, expected " + n);
      }
    }
    List<Split> splits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String node = where + ", node " + i;
      if ((decision[i] & CATEGORICAL_MASK) != 0) {
        throw new IllegalArgumentException(
            node + ": categorical split, which the export does not support");
      }
      if (exportable && MissingType.of(decision[i]) == MissingType.ZERO) {
        throw new IllegalArgumentException(
            node
                + ": missing type Zero (zero_as_missing=true) cannot be exported exactly; train"
                + " with zero_as_missing=false");
      }
      if (feature[i] < 0 || feature[i] >= featureCount) {
        throw new IllegalArgumentException(node + ": feature " + feature[i] + " out of range");
      }
      if (Double.isNaN(threshold[i])) {
        throw new IllegalArgumentException(node + ": NaN threshold");
      }
      splits.add(new Split(feature[i], threshold[i], decision[i], left[i], right[i]));
    }
    checkStructure(where, splits, numLeaves);
    List<Integer> leafCounts = counts(f, "leaf_count", numLeaves, where);
    List<Integer> internalCounts = counts(f, "internal_count", n, where);
    return new Tree(
        index,
        splits,
        Arrays.stream(leafValues).boxed().toList(),
        shrinkage,
        leafCounts,
        internalCounts);
  }

  /** A tree's covers, empty when the text has none (older or hand-written models). */
  private static List<Integer> counts(
      Map<String, String> f, String key, int expected, String where) {
    if (!f.containsKey(key)) {
      return List.of();
    }
    int[] counts = ints(f.get(key));
    if (counts.length != expected) {
      throw new IllegalArgumentException(
          where + ": " + key + " has " + counts.length + " entries, expected " + expected);
    }
    return Arrays.stream(counts).boxed().toList();
  }

  /** Every split but the root and every leaf must be the child of exactly one split. */
  private static void checkStructure(String where, List<Split> splits, int numLeaves) {
    int[] splitParents = new int[splits.size()];
    int[] leafParents = new int[numLeaves];
    for (Split s : splits) {
      for (int child : new int[] {s.left(), s.right()}) {
        if (child >= 0) {
          if (child == 0 || child >= splits.size()) {
            throw new IllegalArgumentException(where + ": child node " + child + " out of range");
          }
          splitParents[child]++;
        } else {
          if (~child >= numLeaves) {
            throw new IllegalArgumentException(where + ": child leaf " + ~child + " out of range");
          }
          leafParents[~child]++;
        }
      }
    }
    for (int i = 1; i < splitParents.length; i++) {
      if (splitParents[i] != 1) {
        throw new IllegalArgumentException(where + ": node " + i + " is not a tree node");
      }
    }
    if (!splits.isEmpty()) {
      for (int i = 0; i < numLeaves; i++) {
        if (leafParents[i] != 1) {
          throw new IllegalArgumentException(where + ": leaf " + i + " is not a tree leaf");
        }
      }
    }
  }

  private static void putKeyValue(Map<String, String> into, String line) {
    int eq = line.indexOf('=');
    if (eq > 0) {
      into.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
    }
  }

  private static String require(Map<String, String> fields, String key, String where) {
    String value = fields.get(key);
    if (value == null) {
      throw new IllegalArgumentException("malformed model: " + where + " lacks " + key);
    }
    return value;
  }

  private static List<String> words(String value) {
    return value.isBlank() ? List.of() : List.of(value.strip().split("\\s+"));
  }

  private static int[] ints(String value) {
    return words(value).stream().mapToInt(Integer::parseInt).toArray();
  }

  private static double[] doubles(String value) {
    return words(value).stream().mapToDouble(LightGbmModelText::parseDouble).toArray();
  }

  /**
   * LightGBM prints doubles with 17 significant digits, which {@link Double#parseDouble} reads back
   * to the same bits; only its spellings of the non-finite values differ from Java's.
   */
  static double parseDouble(String s) {
    return switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
      case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
      case "nan", "-nan" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }
}
