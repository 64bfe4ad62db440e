package fr.pretadepenser.scoring.training.onnx;

import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText.MissingType;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText.Split;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText.Tree;

/**
 * LightGBM's prediction rules written out in Java (c_api.cpp's dense rows, tree.h's numerical
 * decision), to show that the parsed model means what LightGBM computes: shrinkage already in the
 * leaf values, NaN read as 0.0 on missing type None, |x| ≤ 1e-35 read as 0.0.
 */
final class LightGbmSemantics {

  private LightGbmSemantics() {}

  static double margin(LightGbmModelText model, float[] row) {
    double sum = 0.0;
    for (Tree tree : model.trees()) {
      sum += output(tree, row);
    }
    return sum;
  }

  static double output(Tree tree, float[] row) {
    if (tree.splits().isEmpty()) {
      return tree.leafValues().get(0);
    }
    int node = 0;
    while (true) {
      Split s = tree.splits().get(node);
      double x = row[s.feature()];
      if (Math.abs(x) <= OnnxExport.ZERO_THRESHOLD) {
        x = 0.0;
      }
      if (Double.isNaN(x) && s.missingType() != MissingType.NAN) {
        x = 0.0;
      }
      int next;
      if (Double.isNaN(x)) {
        next = s.defaultLeft() ? s.left() : s.right();
      } else {
        next = x <= s.threshold() ? s.left() : s.right();
      }
      if (next < 0) {
        return tree.leafValues().get(~next);
      }
      node = next;
    }
  }
}
