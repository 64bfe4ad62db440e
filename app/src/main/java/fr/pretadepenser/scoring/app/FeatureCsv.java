package fr.pretadepenser.scoring.app;

import java.util.List;

/**
 * The text of the features file: NaN (missing) is an empty field, infinities are {@code inf} and
 * {@code -inf}, every other value is {@link Float#toString}, the shortest text that reads back as
 * the same float. Feature names are [A-Za-z0-9_], so nothing needs quoting.
 */
final class FeatureCsv {

  private FeatureCsv() {}

  static String header(boolean withTarget, List<String> names) {
    StringBuilder b = new StringBuilder("SK_ID_CURR");
    if (withTarget) {
      b.append(",TARGET");
    }
    for (String n : names) {
      b.append(',').append(n);
    }
    return b.append('\n').toString();
  }

  static void appendRow(
      StringBuilder b, long clientId, boolean withTarget, Integer target, float[] values) {
    b.append(clientId);
    if (withTarget) {
      b.append(',');
      if (target != null) {
        b.append(target.intValue());
      }
    }
    for (float v : values) {
      b.append(',');
      appendValue(b, v);
    }
    b.append('\n');
  }

  static void appendValue(StringBuilder b, float v) {
    if (Float.isNaN(v)) {
      return;
    }
    if (Float.isInfinite(v)) {
      b.append(v > 0 ? "inf" : "-inf");
    } else {
      b.append(v);
    }
  }
}
