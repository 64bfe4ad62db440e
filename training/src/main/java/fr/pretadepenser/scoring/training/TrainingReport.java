package fr.pretadepenser.scoring.training;

import fr.pretadepenser.scoring.features.FeatureInfo;
import fr.pretadepenser.scoring.model.ModelCard;
import fr.pretadepenser.scoring.model.metrics.BusinessCost;
import fr.pretadepenser.scoring.model.metrics.Metrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no network) that says how
 * the model was chosen and how well it does out of fold, for the risk team that signs it off.
 */
final class TrainingReport {

  private static final int TOP_FEATURES = 25;

  private TrainingReport() {}

  static String html(TrainingResult r, ModelCard card) {
    StringBuilder h = new StringBuilder(256 * 1024);
    h.append(
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Training report %s</title>
        <style>
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;
          max-width:1180px;color:#222;padding:0 1rem}
        h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
        table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;
          padding:.25rem .6rem;text-align:right}th{background:#f4f4f4}td.l,th.l{text-align:left}
        .grid{display:flex;flex-wrap:wrap;gap:1rem}.plot{border:1px solid #eee;margin:0}
        .note{color:#555;font-size:.9rem;max-width:900px}
        .chosen{font-weight:bold;background:#eef6ee}
        </style></head><body>
        """
            .formatted(esc(card.modelVersion())));
    h.append("<h1>Default-risk model ").append(esc(card.modelVersion())).append("</h1>\n");
    h.append("<p class=\"note\">Trained ")
        .append(esc(card.createdAt()))
        .append(" on ")
        .append(card.nTrain())
        .append(" applicants (default rate ")
        .append(pct(card.defaultRate()))
        .append(") with ")
        .append(card.nFeatures())
        .append(" features; training data SHA-256 <code>")
        .append(esc(card.trainingDataSha256()))
        .append("</code>. Every figure below is out of fold: each applicant is scored by the")
        .append(" fold model that did not see them.</p>\n");

    summary(h, r, card);
    plots(h, r, card);
    weighting(h, r, card);
    search(h, r);
    importance(h, r);
    params(h, card);
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void summary(StringBuilder h, TrainingResult r, ModelCard c) {
    h.append("<h2>Summary</h2>\n<table>\n");
    row(
        h,
        "Cross-validated AUC (" + c.folds() + " stratified folds)",
        f3(c.cvAucMean()) + " ± " + f3(c.cvAucStd()));
    row(
        h,
        "Application table alone (baseline, same folds)",
        f3(c.baselineCvAucMean())
            + " ± "
            + f3(c.baselineCvAucStd())
            + " ("
            + c.baselineNFeatures()
            + " features)");
    row(h, "What the history sources add (AUC)", signed(c.cvAucMean() - c.baselineCvAucMean()));
    row(h, "Decision threshold (refuse at or above)", f4(c.threshold()));
    row(
        h,
        "Costs: defaulter granted / good client refused",
        num(c.costFn()) + " / " + num(c.costFp()));
    row(h, "Business cost, model at the threshold (OOF)", num(c.oofBusinessCost()));
    row(h, "Business cost, granting everyone", num(c.grantAllBusinessCost()));
    row(h, "Business cost, refusing everyone", num(c.refuseAllBusinessCost()));
    ModelCard.Confusion m = c.oofConfusion();
    row(h, "Refused defaulters (TP) / refused good clients (FP)", m.tp() + " / " + m.fp());
    row(h, "Granted good clients (TN) / granted defaulters (FN)", m.tn() + " / " + m.fn());
    row(
        h,
        "Refusal rate at the threshold",
        pct((double) (m.tp() + m.fp()) / (m.tp() + m.fp() + m.tn() + m.fn())));
    row(h, "Brier score (OOF probabilities)", f4(c.brier()));
    row(h, "Class weighting kept", esc(c.classWeighting()));
    row(h, "Boosting rounds of the final model", String.valueOf(c.bestIteration()));
    row(h, "Trees / leaves", c.nTrees() + " / " + c.nLeaves());
    row(
        h,
        "Max |p_ONNX − p_LightGBM| over every training row",
        String.format(Locale.ROOT, "%.3g", c.onnxMaxAbsDiff()));
    StringBuilder stages = new StringBuilder();
    r.stageSeconds().forEach((k, v) -> stages.append(k).append(' ').append(f1(v)).append(" s, "));
    row(
        h,
        "Training time",
        f1(c.trainSeconds())
            + " s ("
            + stages.substring(0, Math.max(0, stages.length() - 2))
            + ")");
    h.append("</table>\n");
  }

  private static void plots(StringBuilder h, TrainingResult r, ModelCard c) {
    h.append("<h2>Plots</h2>\n<div class=\"grid\">\n");
    List<Charts.Line> roc = new ArrayList<>();
    roc.add(rocLine("Full model (AUC " + f3(auc(r.full())) + ")", r.full().roc()));
    roc.add(rocLine("Application only (AUC " + f3(auc(r.baseline())) + ")", r.baseline().roc()));
    roc.add(new Charts.Line("Chance", new double[] {0, 1}, new double[] {0, 1}, true, false));
    plot(
        h,
        "roc",
        Charts.lines("ROC curve, out of fold", "False positive rate", "True positive rate", roc));

    List<BusinessCost.Point> curve = r.threshold().curve();
    double[] tx = curve.stream().mapToDouble(BusinessCost.Point::threshold).toArray();
    double[] ty = curve.stream().mapToDouble(BusinessCost.Point::cost).toArray();
    plot(
        h,
        "cost",
        Charts.lines(
            "Business cost vs threshold (" + num(c.costFn()) + "×FN + " + num(c.costFp()) + "×FP)",
            "Threshold (refuse at or above)",
            "Cost",
            List.of(
                new Charts.Line("Cost", tx, ty, false, false),
                new Charts.Line(
                    "Chosen " + f4(c.threshold()),
                    new double[] {c.threshold()},
                    new double[] {r.threshold().cost()},
                    false,
                    true))));

    double[] px =
        r.reliability().stream().mapToDouble(Metrics.ReliabilityBin::meanPredicted).toArray();
    double[] py =
        r.reliability().stream().mapToDouble(Metrics.ReliabilityBin::observedRate).toArray();
    double top = Math.max(max(px), max(py));
    plot(
        h,
        "calibration",
        Charts.lines(
            "Calibration (10 equal-count bins), Brier " + f4(c.brier()),
            "Mean predicted probability",
            "Observed default rate",
            List.of(
                new Charts.Line("Model", px, py, false, true),
                new Charts.Line(
                    "Perfect", new double[] {0, top}, new double[] {0, top}, true, false))));

    DefaultCategoryDataset folds = new DefaultCategoryDataset();
    for (int f = 0; f < r.full().foldAuc().length; f++) {
      folds.addValue(r.full().foldAuc()[f], "Full model", "fold " + (f + 1));
      folds.addValue(r.baseline().foldAuc()[f], "Application only", "fold " + (f + 1));
    }
    double low = Math.min(min(r.full().foldAuc()), min(r.baseline().foldAuc()));
    plot(
        h,
        "folds",
        Charts.bars(
            "AUC per fold",
            "Fold",
            "AUC",
            folds,
            false,
            Math.max(0, Math.floor((low - 0.05) * 20) / 20)));

    DefaultCategoryDataset imp = new DefaultCategoryDataset();
    for (int i : topFeatures(r)) {
      imp.addValue(r.meanAbsShap()[i], "mean |SHAP|", r.definition().names().get(i));
    }
    plot(
        h,
        "importance",
        Charts.bars(
            "Global importance: mean |SHAP| (log-odds), top " + TOP_FEATURES,
            "",
            "mean |SHAP|",
            imp,
            true,
            null));
    h.append("</div>\n");
  }

  private static void weighting(StringBuilder h, TrainingResult r, ModelCard c) {
    h.append("<h2>Class imbalance</h2>\n<p class=\"note\">Only ")
        .append(pct(c.defaultRate()))
        .append(" of applicants default. Both options were cross-validated on the same folds;")
        .append(
            " each is judged at its own cost-minimising threshold, and the cheaper is kept: <b>")
        .append(esc(c.classWeighting()))
        .append("</b>. Balanced weighting (scale_pos_weight = good clients / defaulters) inflates")
        .append(" the probabilities, which the threshold absorbs but the Brier score shows.</p>\n")
        .append("<table><tr><th class=\"l\">weighting</th><th>CV AUC</th><th>threshold</th>")
        .append("<th>business cost</th><th>Brier</th></tr>\n");
    for (TrainingResult.WeightingOutcome w : r.weightings().values()) {
      h.append(w.weighting().equals(r.weighting()) ? "<tr class=\"chosen\">" : "<tr>")
          .append("<td class=\"l\">")
          .append(esc(w.weighting()))
          .append("</td><td>")
          .append(f4(w.meanAuc()))
          .append("</td><td>")
          .append(f4(w.threshold()))
          .append("</td><td>")
          .append(num(w.businessCost()))
          .append("</td><td>")
          .append(f4(w.brier()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void search(StringBuilder h, TrainingResult r) {
    h.append("<h2>Hyperparameter search</h2>\n<p class=\"note\">Seeded random search, ")
        .append(r.trials().size())
        .append(" trial(s) including the kernel's configuration (trial 0), each scored by")
        .append(" cross-validated AUC on the same folds, without class weighting.</p>\n")
        .append("<table><tr><th>trial</th><th>CV AUC</th><th>±</th><th>rounds</th>")
        .append("<th class=\"l\">parameters</th></tr>\n");
    for (TrainingResult.Trial t : r.trials()) {
      h.append(t.index() == r.chosenTrial() ? "<tr class=\"chosen\">" : "<tr>")
          .append("<td>")
          .append(t.index())
          .append("</td><td>")
          .append(f4(t.meanAuc()))
          .append("</td><td>")
          .append(f4(t.stdAuc()))
          .append("</td><td>")
          .append(t.meanBestIteration())
          .append("</td><td class=\"l\"><code>")
          .append(esc(t.params().toString()))
          .append("</code></td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void importance(StringBuilder h, TrainingResult r) {
    h.append("<h2>Most important features</h2>\n<table><tr><th>#</th><th class=\"l\">feature")
        .append("</th><th>mean |SHAP|</th><th class=\"l\">meaning</th></tr>\n");
    int rank = 1;
    List<FeatureInfo> features = r.definition().features();
    for (int i : topFeatures(r)) {
      h.append("<tr><td>")
          .append(rank++)
          .append("</td><td class=\"l\"><code>")
          .append(esc(features.get(i).name()))
          .append("</code></td><td>")
          .append(f4(r.meanAbsShap()[i]))
          .append("</td><td class=\"l\">")
          .append(esc(features.get(i).description()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void params(StringBuilder h, ModelCard c) {
    h.append("<h2>Parameters of the final model</h2>\n<table>\n");
    for (Map.Entry<String, Object> e : c.params().entrySet()) {
      row(h, e.getKey(), esc(String.valueOf(e.getValue())));
    }
    h.append("</table>\n");
  }

  private static int[] topFeatures(TrainingResult r) {
    double[] v = r.meanAbsShap();
    return IntStream.range(0, v.length)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -v[i]))
        .limit(TOP_FEATURES)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  private static Charts.Line rocLine(String name, List<Metrics.RocPoint> points) {
    List<Metrics.RocPoint> p = thin(points, 500);
    return new Charts.Line(
        name,
        p.stream().mapToDouble(Metrics.RocPoint::falsePositiveRate).toArray(),
        p.stream().mapToDouble(Metrics.RocPoint::truePositiveRate).toArray(),
        false,
        false);
  }

  private static <T> List<T> thin(List<T> points, int max) {
    if (points.size() <= max) {
      return points;
    }
    List<T> out = new ArrayList<>();
    double step = (double) (points.size() - 1) / (max - 1);
    for (int k = 0; k < max; k++) {
      out.add(points.get((int) Math.round(k * step)));
    }
    return out;
  }

  private static double auc(TrainingResult.Cv cv) {
    return cv.meanAuc();
  }

  private static void plot(StringBuilder h, String id, String svg) {
    h.append("<figure class=\"plot\" id=\"plot-")
        .append(id)
        .append("\">")
        .append(svg)
        .append("</figure>\n");
  }

  private static void row(StringBuilder h, String label, String value) {
    h.append("<tr><th class=\"l\">")
        .append(esc(label))
        .append("</th><td>")
        .append(value)
        .append("</td></tr>\n");
  }

  private static double max(double[] v) {
    return java.util.Arrays.stream(v).max().orElse(1);
  }

  private static double min(double[] v) {
    return java.util.Arrays.stream(v).min().orElse(0);
  }

  private static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String f4(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String signed(double v) {
    return String.format(Locale.ROOT, "%+.3f", v);
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  private static String num(double v) {
    return v == Math.rint(v)
        ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%,.2f", v);
  }

  /** HTML text escaping: five characters, not worth a dependency. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
