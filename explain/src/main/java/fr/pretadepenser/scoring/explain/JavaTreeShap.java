package fr.pretadepenser.scoring.explain;

import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText.MissingType;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText.Split;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText.Tree;
import java.util.List;

/**
 * Exact path-dependent TreeSHAP (Lundberg et al. 2018, Algorithm 2) over a LightGBM binary model,
 * in Java: the same recursion, the same covers and the same floating-point operations in the same
 * order as LightGBM's {@code Tree::TreeSHAP}, so the contributions equal LightGBM's {@code
 * C_API_PREDICT_CONTRIB} output (tested within 1e-12; in practice to the bit) without a native
 * call.
 *
 * <p>Why the classic algorithm rather than Fast TreeSHAP v2: v2 precomputes, per tree, a table of
 * {@code leaves × 2^depth} values, which on this project's deeper trees is megabytes per tree, and
 * it sums in another order, so it would only agree with LightGBM to rounding. What is kept of v2 is
 * its observation that a leaf's terms depend on the row only through its pattern (at each split
 * above the leaf, did the row go that way): the terms are memoised per thread and per (leaf,
 * pattern), lazily, each computed once by replaying the recursion along that one path with the same
 * operations, and added in the recursion's order. So the result stays LightGBM's to the bit, a row
 * costs a walk of each tree and a look-up per leaf, and nothing is allocated per row but the
 * result. The cost LightGBM's TreeSHAP has here on top of the algorithm (a native call per input
 * and output value, a predictor built per call) is gone too.
 *
 * <p>LightGBM's reading of a row is reproduced: values within ±1e-35 are zero (the C API drops them
 * from a dense row), NaN is 0.0 unless the split's missing type is NaN, missing type Zero sends
 * zeros (and NaN) the default way, missing type NaN sends NaN the default way, and otherwise {@code
 * x <= threshold} goes left. The base value is the sum, tree by tree, of each tree's expected value
 * weighted by its training covers.
 *
 * <p>Thread-safe: the trees are immutable, each thread has its own scratch path and memory of leaf
 * terms (at most {@link #MEMO_CAPACITY} values; deeper trees than {@link #MAX_MEMO_DEPTH} run the
 * plain recursion).
 */
public final class JavaTreeShap implements TreeShapEngine {

  /** LightGBM's {@code kZeroThreshold} ({@code 1e-35f} as a double). */
  private static final double ZERO_THRESHOLD = 1e-35f;

  private static final byte MISSING_NONE = 0;
  private static final byte MISSING_ZERO = 1;
  private static final byte MISSING_NAN = 2;

  private final int features;
  private final List<String> featureNames;
  private final CompiledTree[] trees;
  private final double baseValue;
  private final ThreadLocal<Scratch> scratch;

  private final int maxMemoDepth;
  private final long memoCapacity;

  private JavaTreeShap(LightGbmModelText model, int maxMemoDepth, long memoCapacity) {
    this.maxMemoDepth = maxMemoDepth;
    this.memoCapacity = memoCapacity;
    this.features = model.featureCount();
    this.featureNames = model.featureNames();
    this.trees = new CompiledTree[model.trees().size()];
    double base = 0;
    int deepest = 0;
    for (int t = 0; t < trees.length; t++) {
      trees[t] = CompiledTree.of(model.trees().get(t));
      // LightGBM adds each tree's expected value in tree order: the same sum, the same bits.
      base += trees[t].expectedValue;
      deepest = Math.max(deepest, trees[t].maxDepth);
    }
    this.baseValue = base;
    // LightGBM's path storage: (max_depth + 1)(max_depth + 2) / 2 elements, one slice per depth.
    int pathLength = deepest + 1;
    int capacity = pathLength * (pathLength + 1) / 2 + pathLength + 1;
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(capacity));
  }

  /** Reads a LightGBM text model (binary, numerical splits, with covers). */
  public static JavaTreeShap of(String modelText) {
    return of(modelText, MAX_MEMO_DEPTH, MEMO_CAPACITY);
  }

  /**
   * For tests: {@code maxMemoDepth < 0} runs the plain recursion on every tree, {@code memoCapacity
   * = 0} recomputes every leaf's terms each time.
   */
  static JavaTreeShap of(String modelText, int maxMemoDepth, long memoCapacity) {
    return new JavaTreeShap(LightGbmModelText.read(modelText), maxMemoDepth, memoCapacity);
  }

  @Override
  public int features() {
    return features;
  }

  @Override
  public List<String> featureNames() {
    return featureNames;
  }

  /** The sum of the trees' expected values: the last element of every result. */
  public double baseValue() {
    return baseValue;
  }

  @Override
  public double[] contributions(double[] row) {
    double[] out = new double[features + 1];
    contributions(row, out);
    return out;
  }

  /**
   * Writes the contributions of {@code row} into {@code out} ({@code features() + 1} values, base
   * value last), overwriting it. Allocates only when a leaf meets a pattern this thread has not
   * memoised yet (its terms are computed once and kept, within {@link #MEMO_CAPACITY}).
   */
  public void contributions(double[] row, double[] out) {
    if (row.length != features) {
      throw new IllegalArgumentException("expected " + features + " features, got " + row.length);
    }
    if (out.length != features + 1) {
      throw new IllegalArgumentException(
          "expected an output of " + (features + 1) + " values, got " + out.length);
    }
    java.util.Arrays.fill(out, 0.0);
    out[features] = baseValue;
    Scratch s = scratch.get();
    for (int t = 0; t < trees.length; t++) {
      CompiledTree tree = trees[t];
      if (tree.leafValue.length == 1) {
        continue;
      }
      if (tree.maxDepth <= maxMemoDepth) {
        visit(tree, s.memo(t, tree), row, out, s, 0, 0, 0L);
      } else {
        treeShap(tree, row, out, s, 0, 0, 0, 1, 1, -1);
      }
    }
  }

  /**
   * Deepest tree whose leaves are memoised: a leaf's pattern (hot or cold at each split above it)
   * must fit in a {@code long}. Deeper trees run the plain recursion.
   */
  static final int MAX_MEMO_DEPTH = 62;

  /**
   * Each thread keeps at most this many memoised values (8 bytes each) over all trees; past it, new
   * patterns are computed each time without being kept.
   */
  static final long MEMO_CAPACITY = 1L << 21;

  /**
   * The same walk as {@link #treeShap}, hot child first, without the path arithmetic: a leaf's
   * contributions depend on the row only through its pattern, one bit per split on the way down
   * (did the row go this way, the hot child, or not), so they are computed once per (leaf,
   * pattern), exactly as the recursion would, and then added from memory in the recursion's order.
   */
  private static void visit(
      CompiledTree t,
      Memo memo,
      double[] row,
      double[] phi,
      Scratch s,
      int node,
      int depth,
      long pattern) {
    if (node < 0) {
      double[] values = memo.values(~node, pattern);
      if (values == null) {
        values = replay(t, s, memo, ~node, pattern, depth);
        memo.keep(s, ~node, pattern, values);
      }
      int[] features = memo.features[~node];
      for (int i = 0; i < values.length; i++) {
        phi[features[i]] += values[i];
      }
      return;
    }
    s.nodes[depth] = node;
    int hot = decision(t, node, row[t.feature[node]]);
    int cold = hot == t.left[node] ? t.right[node] : t.left[node];
    visit(t, memo, row, phi, s, hot, depth + 1, pattern | (1L << depth));
    visit(t, memo, row, phi, s, cold, depth + 1, pattern);
  }

  /**
   * The recursion's path at {@code leaf} for {@code pattern}, rebuilt along the one path from the
   * root (the same extensions and unwindings, in place), and the leaf's terms {@code w · (one −
   * zero) · value} in the order the recursion adds them. Also records the leaf's features.
   */
  private static double[] replay(
      CompiledTree t, Scratch s, Memo memo, int leaf, long pattern, int depth) {
    int uniqueDepth = 0;
    extendPath(s, 0, 0, 1, 1, -1);
    for (int k = 0; k < depth; k++) {
      int node = s.nodes[k];
      int child = k + 1 < depth ? s.nodes[k + 1] : ~leaf;
      boolean hot = (pattern & (1L << k)) != 0;
      int feature = t.feature[node];
      double zeroFraction = t.count(child) / t.internalCount[node];
      double incomingZeroFraction = 1;
      double incomingOneFraction = 1;
      int pathIndex = 0;
      for (; pathIndex <= uniqueDepth; ++pathIndex) {
        if (s.feature[pathIndex] == feature) {
          break;
        }
      }
      if (pathIndex != uniqueDepth + 1) {
        incomingZeroFraction = s.zero[pathIndex];
        incomingOneFraction = s.one[pathIndex];
        unwindPath(s, 0, uniqueDepth, pathIndex);
        uniqueDepth -= 1;
      }
      uniqueDepth += 1;
      extendPath(
          s,
          0,
          uniqueDepth,
          zeroFraction * incomingZeroFraction,
          hot ? incomingOneFraction : 0,
          feature);
    }
    double leafValue = t.leafValue[leaf];
    double[] values = new double[uniqueDepth];
    int[] features = new int[uniqueDepth];
    for (int i = 1; i <= uniqueDepth; ++i) {
      double w = unwoundPathSum(s, 0, uniqueDepth, i);
      values[i - 1] = w * (s.one[i] - s.zero[i]) * leafValue;
      features[i - 1] = s.feature[i];
    }
    if (memo.features[leaf] == null) {
      memo.features[leaf] = features;
    }
    return values;
  }

  @Override
  public void close() {
    // Nothing native to free.
  }

  /**
   * One step of the recursion: LightGBM's {@code Tree::TreeSHAP}, with the path elements as four
   * parallel arrays and {@code parentOffset} where the parent's slice starts.
   */
  private static void treeShap(
      CompiledTree t,
      double[] row,
      double[] phi,
      Scratch s,
      int node,
      int uniqueDepth,
      int parentOffset,
      double parentZeroFraction,
      double parentOneFraction,
      int parentFeature) {
    int path = parentOffset + uniqueDepth;
    if (uniqueDepth > 0) {
      System.arraycopy(s.feature, parentOffset, s.feature, path, uniqueDepth);
      System.arraycopy(s.zero, parentOffset, s.zero, path, uniqueDepth);
      System.arraycopy(s.one, parentOffset, s.one, path, uniqueDepth);
      System.arraycopy(s.weight, parentOffset, s.weight, path, uniqueDepth);
    }
    extendPath(s, path, uniqueDepth, parentZeroFraction, parentOneFraction, parentFeature);

    if (node < 0) {
      double leafValue = t.leafValue[~node];
      for (int i = 1; i <= uniqueDepth; ++i) {
        double w = unwoundPathSum(s, path, uniqueDepth, i);
        phi[s.feature[path + i]] += w * (s.one[path + i] - s.zero[path + i]) * leafValue;
      }
      return;
    }
    int feature = t.feature[node];
    int hot = decision(t, node, row[feature]);
    int cold = hot == t.left[node] ? t.right[node] : t.left[node];
    double w = t.internalCount[node];
    double hotZeroFraction = t.count(hot) / w;
    double coldZeroFraction = t.count(cold) / w;
    double incomingZeroFraction = 1;
    double incomingOneFraction = 1;

    // Already split on this feature above: undo that split to redo it here.
    int pathIndex = 0;
    for (; pathIndex <= uniqueDepth; ++pathIndex) {
      if (s.feature[path + pathIndex] == feature) {
        break;
      }
    }
    if (pathIndex != uniqueDepth + 1) {
      incomingZeroFraction = s.zero[path + pathIndex];
      incomingOneFraction = s.one[path + pathIndex];
      unwindPath(s, path, uniqueDepth, pathIndex);
      uniqueDepth -= 1;
    }
    treeShap(
        t,
        row,
        phi,
        s,
        hot,
        uniqueDepth + 1,
        path,
        hotZeroFraction * incomingZeroFraction,
        incomingOneFraction,
        feature);
    treeShap(
        t,
        row,
        phi,
        s,
        cold,
        uniqueDepth + 1,
        path,
        coldZeroFraction * incomingZeroFraction,
        0,
        feature);
  }

  /** LightGBM's {@code Tree::NumericalDecision} after the C API's reading of a dense row. */
  private static int decision(CompiledTree t, int node, double value) {
    double v = Math.abs(value) <= ZERO_THRESHOLD ? 0.0 : value;
    byte missing = t.missingType[node];
    if (Double.isNaN(v) && missing != MISSING_NAN) {
      v = 0.0;
    }
    if ((missing == MISSING_ZERO && v >= -ZERO_THRESHOLD && v <= ZERO_THRESHOLD)
        || (missing == MISSING_NAN && Double.isNaN(v))) {
      return t.defaultLeft[node] ? t.left[node] : t.right[node];
    }
    return v <= t.threshold[node] ? t.left[node] : t.right[node];
  }

  private static void extendPath(
      Scratch s, int path, int uniqueDepth, double zeroFraction, double oneFraction, int feature) {
    s.feature[path + uniqueDepth] = feature;
    s.zero[path + uniqueDepth] = zeroFraction;
    s.one[path + uniqueDepth] = oneFraction;
    s.weight[path + uniqueDepth] = uniqueDepth == 0 ? 1 : 0;
    for (int i = uniqueDepth - 1; i >= 0; i--) {
      s.weight[path + i + 1] +=
          oneFraction * s.weight[path + i] * (i + 1) / (double) (uniqueDepth + 1);
      s.weight[path + i] =
          zeroFraction * s.weight[path + i] * (uniqueDepth - i) / (double) (uniqueDepth + 1);
    }
  }

  private static void unwindPath(Scratch s, int path, int uniqueDepth, int pathIndex) {
    double oneFraction = s.one[path + pathIndex];
    double zeroFraction = s.zero[path + pathIndex];
    double nextOnePortion = s.weight[path + uniqueDepth];
    for (int i = uniqueDepth - 1; i >= 0; --i) {
      if (oneFraction != 0) {
        double tmp = s.weight[path + i];
        s.weight[path + i] = nextOnePortion * (uniqueDepth + 1) / ((i + 1) * oneFraction);
        nextOnePortion =
            tmp
                - s.weight[path + i]
                    * zeroFraction
                    * (uniqueDepth - i)
                    / (double) (uniqueDepth + 1);
      } else {
        s.weight[path + i] =
            (s.weight[path + i] * (uniqueDepth + 1)) / (zeroFraction * (uniqueDepth - i));
      }
    }
    for (int i = pathIndex; i < uniqueDepth; ++i) {
      s.feature[path + i] = s.feature[path + i + 1];
      s.zero[path + i] = s.zero[path + i + 1];
      s.one[path + i] = s.one[path + i + 1];
    }
  }

  private static double unwoundPathSum(Scratch s, int path, int uniqueDepth, int pathIndex) {
    double oneFraction = s.one[path + pathIndex];
    double zeroFraction = s.zero[path + pathIndex];
    double nextOnePortion = s.weight[path + uniqueDepth];
    double total = 0;
    for (int i = uniqueDepth - 1; i >= 0; --i) {
      if (oneFraction != 0) {
        double tmp = nextOnePortion * (uniqueDepth + 1) / ((i + 1) * oneFraction);
        total += tmp;
        nextOnePortion =
            s.weight[path + i]
                - tmp * zeroFraction * ((uniqueDepth - i) / (double) (uniqueDepth + 1));
      } else {
        total +=
            (s.weight[path + i] / zeroFraction) / ((uniqueDepth - i) / (double) (uniqueDepth + 1));
      }
    }
    return total;
  }

  /** A thread's path storage: LightGBM's {@code PathElement} array as parallel arrays. */
  private final class Scratch {
    final int[] feature;
    final double[] zero;
    final double[] one;
    final double[] weight;
    final int[] nodes;
    final Memo[] memos = new Memo[trees.length];
    long kept;

    Scratch(int capacity) {
      feature = new int[capacity];
      zero = new double[capacity];
      one = new double[capacity];
      weight = new double[capacity];
      nodes = new int[capacity];
    }

    Memo memo(int index, CompiledTree tree) {
      Memo memo = memos[index];
      if (memo == null) {
        memo = new Memo(tree.leafValue.length);
        memos[index] = memo;
      }
      return memo;
    }
  }

  /**
   * One thread's memoised leaf terms of one tree: per leaf, an open-addressing table from pattern
   * to the terms; the leaf's features (the same for every pattern) kept once.
   */
  private final class Memo {
    final int[][] features;
    private final long[][] keys;
    private final double[][][] values;
    private final int[] sizes;

    Memo(int leaves) {
      features = new int[leaves][];
      keys = new long[leaves][];
      values = new double[leaves][][];
      sizes = new int[leaves];
    }

    double[] values(int leaf, long pattern) {
      long[] k = keys[leaf];
      if (k == null) {
        return null;
      }
      int mask = k.length - 1;
      for (int at = mix(pattern) & mask; ; at = (at + 1) & mask) {
        double[] v = values[leaf][at];
        if (v == null) {
          return null;
        }
        if (k[at] == pattern) {
          return v;
        }
      }
    }

    /** Keeps {@code terms} unless the thread {@code s} (this memo's owner) is at its cap. */
    void keep(Scratch s, int leaf, long pattern, double[] terms) {
      if (s.kept + terms.length > memoCapacity) {
        return;
      }
      if (keys[leaf] == null) {
        keys[leaf] = new long[4];
        values[leaf] = new double[4][];
      } else if (2 * (sizes[leaf] + 1) > keys[leaf].length) {
        grow(leaf);
      }
      insert(keys[leaf], values[leaf], pattern, terms);
      sizes[leaf]++;
      s.kept += terms.length;
    }

    private void grow(int leaf) {
      long[] oldKeys = keys[leaf];
      double[][] oldValues = values[leaf];
      long[] k = new long[oldKeys.length * 2];
      double[][] v = new double[oldKeys.length * 2][];
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldValues[i] != null) {
          insert(k, v, oldKeys[i], oldValues[i]);
        }
      }
      keys[leaf] = k;
      values[leaf] = v;
    }

    private static void insert(long[] k, double[][] v, long pattern, double[] terms) {
      int mask = k.length - 1;
      int at = mix(pattern) & mask;
      while (v[at] != null) {
        at = (at + 1) & mask;
      }
      k[at] = pattern;
      v[at] = terms;
    }

    private static int mix(long pattern) {
      long h = pattern * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32));
    }
  }

  /**
   * A tree as primitive arrays, LightGBM's node numbering (a child {@code < 0} is leaf {@code ~c}).
   */
  private static final class CompiledTree {
    final int[] feature;
    final double[] threshold;
    final byte[] missingType;
    final boolean[] defaultLeft;
    final int[] left;
    final int[] right;
    final double[] internalCount;
    final double[] leafValue;
    final double[] leafCount;
    final double expectedValue;
    final int maxDepth;

    private CompiledTree(Tree tree) {
      String where = "tree " + tree.index();
      int n = tree.splits().size();
      int leaves = tree.numLeaves();
      feature = new int[n];
      threshold = new double[n];
      missingType = new byte[n];
      defaultLeft = new boolean[n];
      left = new int[n];
      right = new int[n];
      internalCount = new double[n];
      leafValue = new double[leaves];
      leafCount = new double[leaves];
      for (int i = 0; i < leaves; i++) {
        leafValue[i] = tree.leafValues().get(i);
      }
      if (n > 0 && (tree.leafCounts().size() != leaves || tree.internalCounts().size() != n)) {
        throw new IllegalArgumentException(
            where + ": no leaf_count / internal_count, which TreeSHAP needs (the covers)");
      }
      for (int i = 0; i < n; i++) {
        Split split = tree.splits().get(i);
        feature[i] = split.feature();
        threshold[i] = split.threshold();
        MissingType type = split.missingType();
        missingType[i] =
            switch (type) {
              case NONE -> MISSING_NONE;
              case ZERO -> MISSING_ZERO;
              case NAN -> MISSING_NAN;
            };
        defaultLeft[i] = split.defaultLeft();
        left[i] = split.left();
        right[i] = split.right();
        internalCount[i] = tree.internalCounts().get(i);
      }
      for (int i = 0; i < leaves && n > 0; i++) {
        leafCount[i] = tree.leafCounts().get(i);
      }
      expectedValue = n == 0 ? leafValue[0] : expectedValue();
      maxDepth = n == 0 ? 0 : depth(0);
    }

    static CompiledTree of(Tree tree) {
      return new CompiledTree(tree);
    }

    double count(int node) {
      return node >= 0 ? internalCount[node] : leafCount[~node];
    }

    /**
     * LightGBM's {@code Tree::ExpectedValue}: leaves weighted by their share of the root's rows.
     */
    private double expectedValue() {
      double total = internalCount[0];
      double value = 0.0;
      for (int i = 0; i < leafValue.length; i++) {
        value += (leafCount[i] / total) * leafValue[i];
      }
      return value;
    }

    /** The number of splits on the longest path from {@code node} to a leaf. */
    private int depth(int node) {
      if (node < 0) {
        return 0;
      }
      return 1 + Math.max(depth(left[node]), depth(right[node]));
    }
  }
}
