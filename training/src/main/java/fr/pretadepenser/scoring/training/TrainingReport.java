package fr.pretadepenser.scoring.training;

import fr.pretadepenser.scoring.features.FeatureInfo;
import fr.pretadepenser.scoring.features.FeatureWords;
import fr.pretadepenser.scoring.model.ModelCard;
import fr.pretadepenser.scoring.model.fairness.FairnessGroup;
import fr.pretadepenser.scoring.model.fairness.FairnessTable;
import fr.pretadepenser.scoring.model.metrics.BusinessCost;
import fr.pretadepenser.scoring.model.metrics.Metrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.stream.IntStream;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * report.html (English) and report.fr.html (French): one self-contained page (inline CSS and SVG,
 * no script, no network) that says how the model was chosen, how well it does out of fold, which
 * columns it does not read and how fair its decisions are by group, for the risk team that signs it
 * off. The words are in resource bundles ({@code words/ReportWords.properties} and {@code _fr}), as
 * the features' words are; numbers are written the language's way.
 */
final class TrainingReport {

  private static final int TOP_FEATURES = 25;

  private static final String BUNDLE = "fr.pretadepenser.scoring.training.words.ReportWords";

  private final ResourceBundle words;
  private final Locale numbers;
  private final FeatureWords featureWords;
  private final boolean french;

  private TrainingReport(Locale language) {
    this.words =
        ResourceBundle.getBundle(
            BUNDLE,
            language,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    this.french = "fr".equals(language.getLanguage());
    this.numbers = french ? Locale.FRANCE : Locale.UK;
    this.featureWords = FeatureWords.of(language);
  }

  /** The English report (report.html). */
  static String html(TrainingResult r, ModelCard card) {
    return html(r, card, Locale.ENGLISH);
  }

  /** The report in English or French (French for a French locale). */
  static String html(TrainingResult r, ModelCard card, Locale language) {
    return new TrainingReport(language).page(r, card);
  }

  private String page(TrainingResult r, ModelCard card) {
    StringBuilder h = new StringBuilder(256 * 1024);
    h.append(
        """
        <!DOCTYPE html>
        <html lang="%s"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s</title>
        <style>
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;
          max-width:1180px;color:#222;padding:0 1rem}
        h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
        table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;
          padding:.25rem .6rem;text-align:right}th{background:#f4f4f4}td.l,th.l{text-align:left}
        .grid{display:flex;flex-wrap:wrap;gap:1rem}.plot{border:1px solid #eee;margin:0}
        .note{color:#555;font-size:.9rem;max-width:900px}
        .chosen{font-weight:bold;background:#eef6ee}.flag{color:#b00020;font-weight:bold}
        </style></head><body>
        """
            .formatted(w("lang"), esc(w("title", card.modelVersion()))));
    h.append("<p class=\"note\"><a href=\"")
        .append(esc(w("other.file")))
        .append("\" hreflang=\"")
        .append(french ? "en" : "fr")
        .append("\">")
        .append(esc(w("other.language")))
        .append("</a></p>\n");
    h.append("<h1>").append(esc(w("heading", card.modelVersion()))).append("</h1>\n");
    h.append("<p class=\"note\">")
        .append(
            w(
                "intro",
                esc(card.createdAt()),
                String.format(numbers, "%,d", card.nTrain()),
                pct(card.defaultRate()),
                String.valueOf(card.nFeatures()),
                esc(card.trainingDataSha256())))
        .append("</p>\n");

    summary(h, r, card);
    reviewBand(h, card);
    plots(h, r, card);
    exclusion(h, r, card);
    fairness(h, card);
    weighting(h, r, card);
    search(h, r);
    importance(h, r);
    params(h, card);
    h.append("</body></html>\n");
    return h.toString();
  }

  private void exclusion(StringBuilder h, TrainingResult r, ModelCard c) {
    h.append("<h2 id=\"exclusion\">").append(esc(w("exclusion"))).append("</h2>\n");
    h.append("<p class=\"note\">").append(esc(w("exclusion.note"))).append("</p>\n<table>\n");
    ModelCard.ExcludedColumns ex = c.excludedColumns();
    ModelCard.NonActionableDecision d = c.nonActionableDecision();
    row(h, w("exclusion.protected"), codes(ex == null ? List.of() : ex.protectedColumns()));
    row(h, w("exclusion.non.actionable"), codes(d == null ? List.of() : d.candidates()));
    List<String> out = r.definition().excludedFeatures().stream().map(FeatureInfo::name).toList();
    row(h, w("exclusion.features.out"), out.size() + (out.isEmpty() ? "" : ": " + codes(out)));
    h.append("</table>\n");
    if (d != null) {
      h.append("<p class=\"note\">").append(esc(w("exclusion.rule"))).append(' ');
      if (d.evaluated()) {
        h.append(
            w(
                "exclusion.rule.result",
                f4(d.with().auc()) + " ± " + f4(d.with().aucStd()),
                f4(d.without().auc()) + " ± " + f4(d.without().aucStd()),
                signed4(d.aucLoss()),
                f4(d.noise()),
                esc(w(d.excluded() ? "exclusion.rule.out" : "exclusion.rule.in"))));
      } else {
        h.append(esc(w(d.excluded() ? "exclusion.rule.not.run" : "exclusion.rule.kept.option")));
      }
      h.append("</p>\n");
    }
    ModelCard.ExclusionComparison cmp = c.exclusionComparison();
    if (cmp == null) {
      return;
    }
    h.append("<p class=\"note\">").append(esc(w("exclusion.comparison"))).append("</p>\n");
    h.append("<table><tr><th class=\"l\">")
        .append(esc(w("exclusion.col.set")))
        .append("</th><th>")
        .append(esc(w("exclusion.col.features")))
        .append("</th><th>")
        .append(esc(w("exclusion.col.auc")))
        .append("</th><th>")
        .append(esc(w("exclusion.col.std")))
        .append("</th><th>")
        .append(esc(w("exclusion.col.cost")))
        .append("</th><th>")
        .append(esc(w("exclusion.col.threshold")))
        .append("</th></tr>\n");
    figuresRow(h, w("exclusion.with"), cmp.withExcluded(), false);
    figuresRow(h, w("exclusion.without"), cmp.withoutExcluded(), true);
    h.append("</table>\n");
  }

  private void figuresRow(StringBuilder h, String label, ModelCard.CvFigures f, boolean chosen) {
    h.append(chosen ? "<tr class=\"chosen\">" : "<tr>")
        .append("<td class=\"l\">")
        .append(esc(label))
        .append("</td><td>")
        .append(f.nFeatures())
        .append("</td><td>")
        .append(f4(f.auc()))
        .append("</td><td>")
        .append(f4(f.aucStd()))
        .append("</td><td>")
        .append(num(f.cost()))
        .append("</td><td>")
        .append(f4(f.threshold()))
        .append("</td></tr>\n");
  }

  private void fairness(StringBuilder h, ModelCard c) {
    h.append("<h2 id=\"fairness\">").append(esc(w("fairness"))).append("</h2>\n");
    List<FairnessGroup> groups = c.fairness();
    if (groups == null || groups.isEmpty()) {
      h.append("<p class=\"note\">").append(esc(w("fairness.none"))).append("</p>\n");
      return;
    }
    h.append("<p class=\"note\">")
        .append(esc(w("fairness.note", f4(c.threshold()))))
        .append("</p>\n<table><tr>");
    for (String col :
        List.of("attribute", "group", "decisions", "approval", "default", "tpr", "fpr", "di")) {
      h.append(col.equals("attribute") || col.equals("group") ? "<th class=\"l\">" : "<th>")
          .append(esc(w("fairness.col." + col)))
          .append("</th>");
    }
    h.append("<th class=\"l\">").append(esc(w("fairness.col.flag"))).append("</th></tr>\n");
    for (FairnessGroup g : groups) {
      h.append("<tr><td class=\"l\">")
          .append(esc(w("attribute." + g.attribute())))
          .append("</td><td class=\"l\">")
          .append(esc(groupLabel(g)))
          .append("</td><td>")
          .append(String.format(numbers, "%,d", g.decisions()))
          .append("</td><td>")
          .append(pct(g.approvalRate()))
          .append("</td><td>")
          .append(pct(g.defaultRate()))
          .append("</td><td>")
          .append(pct(g.truePositiveRate()))
          .append("</td><td>")
          .append(pct(g.falsePositiveRate()))
          .append("</td><td>")
          .append(g.disparateImpact() == null ? "–" : f3(g.disparateImpact()))
          .append("</td><td class=\"l\">")
          .append(
              g.fourFifthsFlag()
                  ? "<span class=\"flag\">" + esc(w("fairness.flagged")) + "</span>"
                  : "")
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  /** A group's value in words: gender and family status through the features' words. */
  private String groupLabel(FairnessGroup g) {
    if (g.group().equals(FairnessTable.UNKNOWN)) {
      return w("group.unknown");
    }
    if (g.group().equals(FairnessTable.OTHER)) {
      return w("group.other");
    }
    return switch (g.attribute()) {
      case FairnessTable.GENDER -> featureWords.valueLabel("CODE_GENDER", g.group());
      case FairnessTable.FAMILY_STATUS -> featureWords.valueLabel("NAME_FAMILY_STATUS", g.group());
      default -> g.group();
    };
  }

  private static String codes(List<String> columns) {
    if (columns.isEmpty()) {
      return "–";
    }
    StringBuilder s = new StringBuilder();
    for (String c : columns) {
      s.append(s.length() == 0 ? "" : ", ").append("<code>").append(esc(c)).append("</code>");
    }
    return s.toString();
  }

  /** The word of a key, formatted with its arguments. */
  private String w(String key, Object... args) {
    String pattern;
    try {
      pattern = words.getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalStateException("the report has no words for " + key, e);
    }
    return args.length == 0 ? pattern : String.format(Locale.ROOT, pattern, args);
  }

  private void summary(StringBuilder h, TrainingResult r, ModelCard c) {
    h.append("<h2>").append(esc(w("summary"))).append("</h2>\n<table>\n");
    row(h, w("summary.auc", c.folds()), f3(c.cvAucMean()) + " ± " + f3(c.cvAucStd()));
    row(
        h,
        w("summary.baseline"),
        w(
            "summary.baseline.value",
            f3(c.baselineCvAucMean()),
            f3(c.baselineCvAucStd()),
            c.baselineNFeatures()));
    row(h, w("summary.history"), signed(c.cvAucMean() - c.baselineCvAucMean()));
    row(h, w("summary.threshold"), f4(c.threshold()));
    row(h, w("summary.costs"), num(c.costFn()) + " / " + num(c.costFp()));
    row(h, w("summary.cost.model"), num(c.oofBusinessCost()));
    row(h, w("summary.cost.grant"), num(c.grantAllBusinessCost()));
    row(h, w("summary.cost.refuse"), num(c.refuseAllBusinessCost()));
    ModelCard.Confusion m = c.oofConfusion();
    row(h, w("summary.tp.fp"), m.tp() + " / " + m.fp());
    row(h, w("summary.tn.fn"), m.tn() + " / " + m.fn());
    row(
        h,
        w("summary.refusal.rate"),
        pct((double) (m.tp() + m.fp()) / (m.tp() + m.fp() + m.tn() + m.fn())));
    row(h, w("summary.brier"), f4(c.brier()));
    row(h, w("summary.weighting"), esc(weightingWord(c.classWeighting())));
    row(h, w("summary.rounds"), String.valueOf(c.bestIteration()));
    row(h, w("summary.trees"), c.nTrees() + " / " + c.nLeaves());
    row(h, w("summary.parity"), String.format(numbers, "%.3g", c.onnxMaxAbsDiff()));
    StringBuilder stages = new StringBuilder();
    r.stageSeconds()
        .forEach(
            (k, v) -> stages.append(esc(stageWord(k))).append(' ').append(f1(v)).append(" s, "));
    row(
        h,
        w("summary.time"),
        f1(c.trainSeconds())
            + " s ("
            + stages.substring(0, Math.max(0, stages.length() - 2))
            + ")");
    h.append("</table>\n");
  }

  /**
   * The review band: its edges, who falls in it out of fold, and why, said from the card's figures
   * in the report's language (the card's own {@code why} is English).
   */
  private void reviewBand(StringBuilder h, ModelCard c) {
    h.append("<h2 id=\"review-band\">").append(esc(w("band"))).append("</h2>\n");
    ModelCard.ReviewBandChoice b = c.reviewBand();
    if (b == null || b.band() == null) {
      String key =
          b == null
              ? "band.none"
              : ModelCard.ReviewBandChoice.OFF.equals(b.source()) ? "band.off" : "band.empty";
      h.append("<p class=\"note\">")
          .append(
              esc(
                  b != null && "band.empty".equals(key)
                      ? w(key, pct(b.costMargin()), pct(b.maxShare()))
                      : w(key)))
          .append("</p>\n");
      return;
    }
    h.append("<table>\n");
    row(h, w("band.edges"), f4(b.low()) + " – " + f4(b.high()));
    row(h, w("band.share"), pct(b.share()));
    row(
        h,
        w("band.applicants"),
        b.applicants() + " / " + (b.defaulters() == null ? "–" : b.defaulters()));
    if (b.minCost() != null && b.costAtLow() != null && b.costAtHigh() != null) {
      row(
          h,
          w("band.costs"),
          num(b.costAtLow()) + " / " + num(b.minCost()) + " / " + num(b.costAtHigh()));
    }
    row(h, w("band.source"), esc(w("band.source." + b.source())));
    h.append("</table>\n<p class=\"note\">");
    if (ModelCard.ReviewBandChoice.OUT_OF_FOLD.equals(b.source())) {
      h.append(
          esc(
              w(
                  "band.why",
                  f4(c.threshold()),
                  pct(b.costMargin()),
                  num(b.minCost()),
                  pct(b.maxShare()))));
    } else {
      h.append(esc(w("band.why.option")));
    }
    h.append("</p>\n");
  }

  private void plots(StringBuilder h, TrainingResult r, ModelCard c) {
    h.append("<h2>").append(esc(w("plots"))).append("</h2>\n<div class=\"grid\">\n");
    List<Charts.Line> roc = new ArrayList<>();
    roc.add(rocLine(w("plot.roc.full", f3(auc(r.full()))), r.full().roc()));
    roc.add(rocLine(w("plot.roc.baseline", f3(auc(r.baseline()))), r.baseline().roc()));
    roc.add(
        new Charts.Line(
            w("plot.roc.chance"), new double[] {0, 1}, new double[] {0, 1}, true, false));
    plot(h, "roc", Charts.lines(w("plot.roc"), w("plot.fpr"), w("plot.tpr"), roc));

    List<BusinessCost.Point> curve = r.threshold().curve();
    double[] tx = curve.stream().mapToDouble(BusinessCost.Point::threshold).toArray();
    double[] ty = curve.stream().mapToDouble(BusinessCost.Point::cost).toArray();
    List<Charts.Line> costLines = new ArrayList<>();
    costLines.add(new Charts.Line(w("plot.cost.y"), tx, ty, false, false));
    costLines.add(
        new Charts.Line(
            w("plot.cost.chosen", f4(c.threshold())),
            new double[] {c.threshold()},
            new double[] {r.threshold().cost()},
            false,
            true));
    ModelCard.ReviewBandChoice b = c.reviewBand();
    if (b != null && b.band() != null && b.costAtLow() != null && b.costAtHigh() != null) {
      // The band's edges on the curve: how little the cost moves across it.
      costLines.add(
          new Charts.Line(
              w("plot.cost.band", f4(b.low()), f4(b.high())),
              new double[] {b.low(), b.high()},
              new double[] {b.costAtLow(), b.costAtHigh()},
              true,
              true));
    }
    plot(
        h,
        "cost",
        Charts.lines(
            w("plot.cost", num(c.costFn()), num(c.costFp())),
            w("plot.cost.x"),
            w("plot.cost.y"),
            costLines));

    double[] px =
        r.reliability().stream().mapToDouble(Metrics.ReliabilityBin::meanPredicted).toArray();
    double[] py =
        r.reliability().stream().mapToDouble(Metrics.ReliabilityBin::observedRate).toArray();
    double top = Math.max(max(px), max(py));
    plot(
        h,
        "calibration",
        Charts.lines(
            w("plot.calibration", f4(c.brier())),
            w("plot.calibration.x"),
            w("plot.calibration.y"),
            List.of(
                new Charts.Line(w("plot.calibration.model"), px, py, false, true),
                new Charts.Line(
                    w("plot.calibration.perfect"),
                    new double[] {0, top},
                    new double[] {0, top},
                    true,
                    false))));

    DefaultCategoryDataset folds = new DefaultCategoryDataset();
    for (int f = 0; f < r.full().foldAuc().length; f++) {
      String fold = w("plot.folds.fold", f + 1);
      folds.addValue(r.full().foldAuc()[f], w("plot.folds.full"), fold);
      folds.addValue(r.baseline().foldAuc()[f], w("plot.folds.baseline"), fold);
    }
    double low = Math.min(min(r.full().foldAuc()), min(r.baseline().foldAuc()));
    plot(
        h,
        "folds",
        Charts.bars(
            w("plot.folds"),
            w("plot.folds.x"),
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
        Charts.bars(w("plot.importance", TOP_FEATURES), "", "|SHAP|", imp, true, null));
    h.append("</div>\n");
  }

  private void weighting(StringBuilder h, TrainingResult r, ModelCard c) {
    h.append("<h2>")
        .append(esc(w("weighting")))
        .append("</h2>\n<p class=\"note\">")
        .append(w("weighting.note", pct(c.defaultRate()), esc(weightingWord(c.classWeighting()))))
        .append("</p>\n<table><tr><th class=\"l\">")
        .append(esc(w("weighting.col.weighting")))
        .append("</th><th>")
        .append(esc(w("weighting.col.auc")))
        .append("</th><th>")
        .append(esc(w("weighting.col.threshold")))
        .append("</th><th>")
        .append(esc(w("weighting.col.cost")))
        .append("</th><th>")
        .append(esc(w("weighting.col.brier")))
        .append("</th></tr>\n");
    for (TrainingResult.WeightingOutcome o : r.weightings().values()) {
      h.append(o.weighting().equals(r.weighting()) ? "<tr class=\"chosen\">" : "<tr>")
          .append("<td class=\"l\">")
          .append(esc(weightingWord(o.weighting())))
          .append("</td><td>")
          .append(f4(o.meanAuc()))
          .append("</td><td>")
          .append(f4(o.threshold()))
          .append("</td><td>")
          .append(num(o.businessCost()))
          .append("</td><td>")
          .append(f4(o.brier()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private void search(StringBuilder h, TrainingResult r) {
    h.append("<h2>")
        .append(esc(w("search")))
        .append("</h2>\n<p class=\"note\">")
        .append(esc(w("search.note", r.trials().size())))
        .append("</p>\n<table><tr><th>")
        .append(esc(w("search.col.trial")))
        .append("</th><th>")
        .append(esc(w("search.col.auc")))
        .append("</th><th>")
        .append(esc(w("search.col.std")))
        .append("</th><th>")
        .append(esc(w("search.col.rounds")))
        .append("</th><th class=\"l\">")
        .append(esc(w("search.col.params")))
        .append("</th></tr>\n");
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

  private void importance(StringBuilder h, TrainingResult r) {
    h.append("<h2>")
        .append(esc(w("importance")))
        .append("</h2>\n<table><tr><th>#</th><th class=\"l\">")
        .append(esc(w("importance.col.feature")))
        .append("</th><th>")
        .append(esc(w("importance.col.shap")))
        .append("</th><th class=\"l\">")
        .append(esc(w("importance.col.meaning")))
        .append("</th></tr>\n");
    int rank = 1;
    List<FeatureInfo> features = r.definition().features();
    for (int i : topFeatures(r)) {
      FeatureInfo f = features.get(i);
      // English keeps Home Credit's own sentence; French has the features' French words.
      String meaning = french ? featureWords.describe(f) : f.description();
      h.append("<tr><td>")
          .append(rank++)
          .append("</td><td class=\"l\"><code>")
          .append(esc(f.name()))
          .append("</code></td><td>")
          .append(f4(r.meanAbsShap()[i]))
          .append("</td><td class=\"l\">")
          .append(esc(meaning))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private void params(StringBuilder h, ModelCard c) {
    h.append("<h2>").append(esc(w("params"))).append("</h2>\n<table>\n");
    for (Map.Entry<String, Object> e : c.params().entrySet()) {
      row(h, e.getKey(), esc(String.valueOf(e.getValue())));
    }
    h.append("</table>\n");
  }

  private String weightingWord(String weighting) {
    return words.containsKey("weighting.value." + weighting)
        ? w("weighting.value." + weighting)
        : weighting;
  }

  private String stageWord(String stage) {
    return words.containsKey("stage." + stage) ? w("stage." + stage) : stage;
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

  /** A table row: the label is text (escaped here), the value is HTML already. */
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

  private String f1(double v) {
    return String.format(numbers, "%.1f", v);
  }

  private String f3(double v) {
    return String.format(numbers, "%.3f", v);
  }

  private String f4(double v) {
    return String.format(numbers, "%.4f", v);
  }

  private String signed(double v) {
    return String.format(numbers, "%+.3f", v);
  }

  private String signed4(double v) {
    return String.format(numbers, "%+.4f", v);
  }

  private String pct(Double v) {
    return v == null ? "–" : String.format(numbers, french ? "%.1f %%" : "%.1f%%", 100 * v);
  }

  private String num(double v) {
    return v == Math.rint(v)
        ? String.format(numbers, "%,.0f", v)
        : String.format(numbers, "%,.2f", v);
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
