package fr.pretadepenser.scoring.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feature names safe for LightGBM 4 (which rejects JSON special characters in names) and ONNX: the
 * kernel's pandas name with every character outside {@code [A-Za-z0-9_]} replaced by {@code _}, so
 * {@code NAME_TYPE_SUITE_Spouse, partner} becomes {@code NAME_TYPE_SUITE_Spouse__partner}.
 */
final class FeatureNames {

  private FeatureNames() {}

  static String sanitise(String kernelName) {
    StringBuilder out = new StringBuilder(kernelName.length());
    for (int i = 0; i < kernelName.length(); i++) {
      char c = kernelName.charAt(i);
      boolean safe =
          (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      out.append(safe ? c : '_');
    }
    return out.toString();
  }

  /**
   * Fails when two features share a name, which sanitising can cause (levels "a b" and "a/b"): a
   * model cannot tell such columns apart.
   */
  static void requireUnique(List<FeatureInfo> features) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < features.size(); i++) {
      Integer previous = seen.putIfAbsent(features.get(i).name(), i);
      if (previous != null) {
        throw new IllegalArgumentException(
            "feature name "
                + features.get(i).name()
                + " is given to features #"
                + previous
                + " ("
                + features.get(previous).description()
                + ") and #"
                + i
                + " ("
                + features.get(i).description()
                + "); rename a vocabulary level");
      }
    }
  }
}
