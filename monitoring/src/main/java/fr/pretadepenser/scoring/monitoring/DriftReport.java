package fr.pretadepenser.scoring.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The drift report as a self-contained page (inline CSS and SVG, no script, no network) and as
 * JSON: the dataset verdict, then every feature with {@code feature}, {@code statistic} and {@code
 * drift} (and method, thresholds, PSI, importance, counts and the bins compared), in the report's
 * order: drifted features first, the most important first within each group.
 */
public final class DriftReport {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DriftReport() {}

  /** report.json. Numbers that cannot be computed (NaN) are null. */
  public static String json(DatasetDrift d, ReportContext context) {
    ObjectNode root = JSON.createObjectNode();
    root.put("dataset_drift", d.drift());
    root.put("rule", rule(d.thresholds()));
    root.put("drifted_features", d.drifted());
    root.put("compared_features", d.compared());
    number(root, "drifted_share", d.driftedShare());
    number(root, "importance_share", d.importanceShare());
    ObjectNode t = root.putObject("thresholds");
    t.put("wasserstein", d.thresholds().wasserstein());
    t.put("psi", d.thresholds().psi());
    t.put("jensenshannon", d.thresholds().jensenShannon());
    t.put("dataset_share", d.thresholds().datasetShare());
    root.put("model_version", context.modelVersion());
    root.put("data", context.data());
    root.put("created_at", context.createdAt());
    root.put("reference_population", d.referencePopulation());
    root.put("current_rows", d.currentRows());
    ArrayNode features = root.putArray("features");
    for (FeatureDrift f : d.features()) {
      ObjectNode n = features.addObject();
      n.put("feature", f.feature());
      number(n, "statistic", f.statistic());
      n.put("drift", f.drift());
      n.put("method", f.method());
      n.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
      number(n, "threshold", f.threshold());
      number(n, "psi", f.psi());
      number(n, "psi_threshold", f.psiThreshold());
      number(n, "importance", f.importance());
      stats(n.putObject("reference"), f.reference());
      stats(n.putObject("current"), f.current());
      ArrayNode bins = n.putArray("bins");
      for (FeatureDrift.Bin b : f.bins()) {
        ObjectNode bin = bins.addObject();
        bin.put("label", b.label());
        number(bin, "reference", b.reference());
        number(bin, "current", b.current());
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void stats(ObjectNode n, FeatureDrift.ColumnStats s) {
    n.put("count", s.count());
    n.put("missing", s.missing());
    number(n, "mean", s.mean());
    number(n, "std", s.std());
  }

  private static void number(ObjectNode n, String field, double v) {
    if (Double.isFinite(v)) {
      n.put(field, v);
    } else {
      n.putNull(field);
    }
  }

  static String rule(DriftThresholds t) {
    return "the dataset drifts when at least "
        + pct(t.datasetShare())
        + " of the compared features drift, counted by number or weighted by the model's"
        + " importance; a numeric feature drifts when its normalised Wasserstein distance reaches "
        + t.wasserstein()
        + " or its PSI reaches "
        + t.psi()
        + ", a categorical one when its Jensen-Shannon distance reaches "
        + t.jensenShannon();
  }

  /** report.html: verdict, method, the drifted features with a chart each, then every feature. */
  public static String html(DatasetDrift d, ReportContext context) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append(
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Data drift against model %s</title>
        <style>
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;
          max-width:1180px;color:#222;padding:0 1rem}
        h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
        table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;
          padding:.25rem .6rem;text-align:right}th{background:#f4f4f4}td.l,th.l{text-align:left}
        .verdict{padding:.8rem 1rem;border-radius:6px;font-size:1.1rem;margin:1rem 0}
        .drift{background:#fdecea;border:1px solid #d62728}
        .stable{background:#eef6ee;border:1px solid #2ca02c}
        .grid{display:flex;flex-wrap:wrap;gap:1rem}.plot{border:1px solid #eee;margin:0}
        .plot figcaption{font-size:.85rem;color:#444;max-width:560px;padding:.3rem}
        .note{color:#555;font-size:.9rem;max-width:900px}
        tr.yes td:first-child{border-left:4px solid #d62728}
        .what{color:#666;font-size:.8rem;max-width:420px;white-space:normal}
        td code{font-size:.85rem;word-break:break-all}
        </style></head><body>
        """
            .formatted(esc(context.modelVersion())));
    h.append("<h1>Data drift against model ").append(esc(context.modelVersion())).append("</h1>\n");
    h.append("<p class=\"note\">")
        .append(d.currentRows())
        .append(" applicants of <code>")
        .append(esc(context.data()))
        .append("</code> compared with the ")
        .append(d.referencePopulation())
        .append(" applicants the model was trained on; report made ")
        .append(esc(context.createdAt()))
        .append(".</p>\n");
    verdict(h, d);
    method(h, d.thresholds());
    drifted(h, d);
    all(h, d);
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void verdict(StringBuilder h, DatasetDrift d) {
    h.append("<div id=\"verdict\" class=\"verdict ")
        .append(d.drift() ? "drift" : "stable")
        .append("\"><b>")
        .append(d.drift() ? "Dataset drift detected" : "No dataset drift")
        .append("</b>: ")
        .append(d.drifted())
        .append(" of ")
        .append(d.compared())
        .append(" features drift (")
        .append(pct(d.driftedShare()))
        .append(" by number, ")
        .append(pct(d.importanceShare()))
        .append(" of the model's importance); the dataset drifts at ")
        .append(pct(d.thresholds().datasetShare()))
        .append(" either way.</div>\n");
  }

  private static void method(StringBuilder h, DriftThresholds t) {
    h.append("<h2>How drift is measured</h2>\n<ul class=\"note\">")
        .append("<li><b>Numeric features</b>: the normalised Wasserstein distance (the area")
        .append(" between the two quantile functions, through the quantiles at 1, 5, 10, 25, 50,")
        .append(" 75, 90, 95 and 99% that the model bundle keeps, divided by the training")
        .append(" standard deviation; missing values left out), drifting at ")
        .append(t.wasserstein())
        .append("; and the PSI over the training deciles plus a bin for missing values, drifting")
        .append(" at ")
        .append(t.psi())
        .append(". Either is enough.</li>")
        .append("<li><b>Categorical features</b> (the application's one-hot categories, its")
        .append(" binary-coded columns and its 0/1 flags): the Jensen-Shannon distance (base 2)")
        .append(" between the category shares, missing counted as a category, drifting at ")
        .append(t.jensenShannon())
        .append(".</li>")
        .append("<li><b>The dataset</b> drifts when at least ")
        .append(pct(t.datasetShare()))
        .append(" of the features drift, counted by number (Evidently's rule) or weighted by the")
        .append(" model's importance (LightGBM total gain).</li>")
        .append("<li>Features are listed drifted first, then by importance.</li></ul>\n");
  }

  private static void drifted(StringBuilder h, DatasetDrift d) {
    List<FeatureDrift> drifted = d.driftedFeatures();
    h.append("<h2 id=\"drifted\">Drifted features (").append(drifted.size()).append(")</h2>\n");
    if (drifted.isEmpty()) {
      h.append("<p class=\"note\">No feature passes its threshold.</p>\n");
      return;
    }
    table(h, drifted);
    h.append("<div class=\"grid\">\n");
    for (FeatureDrift f : drifted) {
      h.append("<figure class=\"plot\" id=\"chart-")
          .append(esc(f.feature()))
          .append("\">")
          .append(DriftCharts.bins(f))
          .append("<figcaption>")
          .append(esc(f.description()))
          .append(": ")
          .append(methodName(f))
          .append(" ")
          .append(num(f.statistic()))
          .append(f.kind() == FeatureKind.NUMERIC ? ", PSI " + num(f.psi()) : "")
          .append("</figcaption></figure>\n");
    }
    h.append("</div>\n");
  }

  private static void all(StringBuilder h, DatasetDrift d) {
    h.append("<h2>Every feature</h2>\n<details><summary>")
        .append(d.features().size())
        .append(" features, drifted first, then by importance</summary>\n");
    table(h, d.features());
    h.append("</details>\n");
  }

  private static void table(StringBuilder h, List<FeatureDrift> features) {
    h.append(
        "<table><tr><th>#</th><th class=\"l\">feature</th><th class=\"l\">kind</th>"
            + "<th class=\"l\">method</th><th>statistic</th><th>threshold</th><th>PSI</th>"
            + "<th>missing: training → current</th><th>importance</th><th>drift</th></tr>\n");
    int rank = 1;
    for (FeatureDrift f : features) {
      h.append("<tr")
          .append(f.drift() ? " class=\"yes\"" : "")
          .append("><td>")
          .append(rank++)
          .append("</td><td class=\"l\"><code>")
          .append(esc(f.feature()))
          .append("</code><div class=\"what\">")
          .append(esc(f.description()))
          .append("</div></td><td class=\"l\">")
          .append(f.kind().name().toLowerCase(Locale.ROOT))
          .append("</td><td class=\"l\">")
          .append(methodName(f))
          .append("</td><td>")
          .append(num(f.statistic()))
          .append("</td><td>")
          .append(num(f.threshold()))
          .append("</td><td>")
          .append(num(f.psi()))
          .append("</td><td>")
          .append(pct(f.reference().missingShare()))
          .append(" → ")
          .append(pct(f.current().missingShare()))
          .append("</td><td>")
          .append(pct(f.importance()))
          .append("</td><td>")
          .append(f.drift() ? "<b>yes</b>" : "no")
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static String methodName(FeatureDrift f) {
    return switch (f.method()) {
      case "wasserstein" -> "Wasserstein (normed)";
      case "jensenshannon" -> "Jensen-Shannon";
      default -> "not compared (no training value)";
    };
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "–";
  }

  private static String pct(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "–";
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
