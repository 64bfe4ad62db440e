package fr.pretadepenser.scoring.monitoring;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Readable labels of bins cut at edges: "≤ a", "a – b" (a excluded, b included), "> z". */
final class BinLabels {

  private BinLabels() {}

  static List<String> of(double[] edges) {
    List<String> labels = new ArrayList<>(edges.length + 1);
    if (edges.length == 0) {
      labels.add("all values");
      return labels;
    }
    labels.add("≤ " + number(edges[0]));
    for (int i = 1; i < edges.length; i++) {
      labels.add(number(edges[i - 1]) + " – " + number(edges[i]));
    }
    labels.add("> " + number(edges[edges.length - 1]));
    return labels;
  }

  /** Four significant digits, thousands grouped: enough to tell decile edges apart. */
  static String number(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    if (v == 0) {
      return "0";
    }
    BigDecimal rounded = new BigDecimal(v).round(new MathContext(4));
    if (Math.abs(v) >= 10_000) {
      return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT))
          .format(rounded);
    }
    return rounded.stripTrailingZeros().toPlainString();
  }
}
