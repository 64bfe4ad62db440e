package fr.pretadepenser.scoring.dashboard.client;

import fr.pretadepenser.scoring.dashboard.decisions.DecisionRecord;
import fr.pretadepenser.scoring.dashboard.decisions.DisplayNames;
import fr.pretadepenser.scoring.dashboard.model.Explanations;
import fr.pretadepenser.scoring.dashboard.model.ModelService;
import fr.pretadepenser.scoring.explain.FeatureDescriptions;
import fr.pretadepenser.scoring.model.ReferenceDistributions;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The client compared with the others: one feature's distribution, two features against each other,
 * and the most similar clients. The reference population is the training population of the bundle
 * ({@code reference.json}), whose bins training also counted over the defaulters and over the
 * others apart; the dashboard's own clients (each known client's latest decision) are counted by
 * decision next to it.
 */
public final class Comparisons {

  /**
   * One outcome group of the training population over the bins.
   *
   * @param count the group's rows with a value for the feature
   * @param missing the group's rows without one
   * @param shares share of the group's rows with a value in each bin
   */
  record Group(long count, long missing, List<Double> shares) {}

  /**
   * One feature's distribution with the client marked.
   *
   * @param description what the feature means, in the request's language
   * @param binEdges ascending upper edges (the last bin is open above): bin i holds values ≤ edge i
   *     and above edge i-1
   * @param reference share of the training population in each bin
   * @param granted clients of the dashboard's view granted, per bin
   * @param refused clients refused, per bin
   * @param missingGranted granted clients for whom the feature is missing
   * @param label a short name of the feature, in the request's language
   * @param clientValueText the client's value in human units, null without a client value
   * @param binLabels each bin's range in human units, from its lower to its upper end ("32 years –
   *     41 years"; ranges rather than "≤ edge" because ages and durations are stored as negative
   *     days, where ≤ reads backwards)
   * @param defaulters the training population's defaulters (TARGET = 1) over the bins; null when
   *     the bundle's reference data is not split by outcome (older bundles)
   * @param others the training population's other clients (repaid), null as {@code defaulters}
   */
  record Distribution(
      String feature,
      String description,
      Double clientValue,
      Integer clientBin,
      List<Double> binEdges,
      List<Double> reference,
      long[] granted,
      long[] refused,
      long missingGranted,
      long missingRefused,
      Double referenceMedian,
      int referencePopulation,
      String label,
      String clientValueText,
      List<String> binLabels,
      Group defaulters,
      Group others) {}

  /** Named apart in the OpenAPI description: MonitoringView has a Point of its own. */
  @Schema(name = "ScatterPoint")
  record Point(String clientId, Double x, Double y, String decision) {}

  /** Two features against each other; descriptions and labels in the request's language. */
  record Bivariate(
      String x,
      String xDescription,
      String y,
      String yDescription,
      Point client,
      List<Point> points,
      String xLabel,
      String yLabel) {}

  /**
   * A similar client whose outcome is known, with the key features side by side with this client's.
   *
   * @param distance in standardised feature space (what "similar" means; not for display alone)
   * @param outcome DEFAULTED or REPAID: what became of that client's loan ({@code loan-outcomes})
   * @param features the model's {@value #KEY_FEATURES} most important features (global mean
   *     |SHAP|), this client's value and that client's, in words of the request's language
   */
  record Similar(
      String clientId,
      String displayName,
      double distance,
      double probability,
      String decision,
      String outcome,
      List<SideBySide> features) {}

  /**
   * One feature of two clients, in human units.
   *
   * @param client this client's value ("unknown" when missing)
   * @param other the similar client's value
   */
  record SideBySide(String feature, String label, String client, String other) {}

  /** Features shown side by side for each similar client. */
  static final int KEY_FEATURES = 5;

  private final ModelService model;
  private final double[] mean;
  private final double[] scale;

  Comparisons(ModelService model) {
    this.model = model;
    int n = model.features().size();
    this.mean = new double[n];
    this.scale = new double[n];
    for (int i = 0; i < n; i++) {
      ReferenceDistributions.Distribution d = model.distribution(i);
      mean[i] = d.mean() == null ? 0 : d.mean();
      // A constant or empty feature cannot tell clients apart: weight 0.
      scale[i] = d.std() == null || !(d.std() > 0) ? 0 : 1 / d.std();
    }
  }

  Distribution distribution(
      int feature, DecisionRecord client, List<DecisionRecord> others, FeatureDescriptions words) {
    ReferenceDistributions.Distribution ref = model.distribution(feature);
    List<Double> edges = ref.binEdges() == null ? List.of() : ref.binEdges();
    long[] granted = new long[edges.size() + 1];
    long[] refused = new long[edges.size() + 1];
    long missingGranted = 0;
    long missingRefused = 0;
    for (DecisionRecord d : others) {
      float v = d.features()[feature];
      boolean g = d.granted();
      if (Float.isNaN(v)) {
        if (g) {
          missingGranted++;
        } else {
          missingRefused++;
        }
        continue;
      }
      int bin = bin(edges, v);
      if (g) {
        granted[bin]++;
      } else {
        refused[bin]++;
      }
    }
    Double value = client == null ? null : Explanations.number(client.features()[feature]);
    String name = ref.name();
    List<String> binLabels = binLabels(name, ref, words);
    return new Distribution(
        name,
        words.describe(name),
        value,
        value == null ? null : bin(edges, value),
        edges,
        ref.binFractions(),
        granted,
        refused,
        missingGranted,
        missingRefused,
        model.median(feature),
        model.reference().population(),
        words.label(name),
        value == null ? null : words.formatValue(name, value),
        binLabels,
        group(ref.defaulters()),
        group(ref.others()));
  }

  /**
   * Bin i spans (edge i-1, edge i]; the first starts at the minimum, the last ends at the maximum.
   */
  static List<String> binLabels(
      String name, ReferenceDistributions.Distribution ref, FeatureDescriptions words) {
    List<Double> edges = ref.binEdges() == null ? List.of() : ref.binEdges();
    List<String> labels = new ArrayList<>();
    if (edges.isEmpty()) {
      return labels;
    }
    for (int i = 0; i <= edges.size(); i++) {
      Double from = i == 0 ? ref.min() : edges.get(i - 1);
      Double to = i == edges.size() ? ref.max() : edges.get(i);
      String a = from == null ? "" : words.formatValue(name, from);
      String b = to == null ? "" : words.formatValue(name, to);
      labels.add(a.equals(b) || a.isEmpty() ? b : b.isEmpty() ? a : a + " – " + b);
    }
    return labels;
  }

  private static Group group(ReferenceDistributions.Group g) {
    return g == null ? null : new Group(g.count(), g.missing(), g.binFractions());
  }

  /** The bin of {@code v}: the first whose upper edge is at least {@code v}, else the last. */
  public static int bin(List<Double> edges, double v) {
    for (int i = 0; i < edges.size(); i++) {
      if (v <= edges.get(i)) {
        return i;
      }
    }
    return edges.size();
  }

  Bivariate bivariate(
      int x,
      int y,
      DecisionRecord client,
      List<DecisionRecord> others,
      int limit,
      FeatureDescriptions words) {
    List<Point> points = new ArrayList<>();
    // An even sample over the view, so the plot stays light whatever its size.
    int step = Math.max(1, others.size() / Math.max(1, limit));
    for (int i = 0; i < others.size() && points.size() < limit; i += step) {
      DecisionRecord d = others.get(i);
      points.add(point(d, x, y));
    }
    String xName = model.features().get(x).name();
    String yName = model.features().get(y).name();
    return new Bivariate(
        xName,
        words.describe(xName),
        yName,
        words.describe(yName),
        client == null ? null : point(client, x, y),
        points,
        words.label(xName),
        words.label(yName));
  }

  private static Point point(DecisionRecord d, int x, int y) {
    return new Point(
        Long.toString(d.clientId()),
        Explanations.number(d.features()[x]),
        Explanations.number(d.features()[y]),
        d.decision());
  }

  /**
   * The {@code k} clients nearest to {@code client} in standardised feature space (each feature
   * centred on the training mean and divided by its standard deviation; a missing value counts as
   * the mean), with their latest decisions.
   */
  List<Similar> similar(
      DecisionRecord client,
      List<DecisionRecord> others,
      Map<Long, Boolean> outcomes,
      int k,
      FeatureDescriptions words) {
    double[] z = standardise(client.features());
    PriorityQueue<Similar> nearest =
        new PriorityQueue<>((a, b) -> Double.compare(b.distance(), a.distance()));
    int[] key = keyFeatures();
    for (DecisionRecord d : others) {
      Boolean defaulted = outcomes.get(d.clientId());
      // Only clients whose outcome is known: a neighbour is worth showing for what became of it.
      if (d.clientId() == client.clientId() || defaulted == null) {
        continue;
      }
      float[] f = d.features();
      double sum = 0;
      for (int i = 0; i < z.length; i++) {
        double v = Float.isNaN(f[i]) ? 0 : (f[i] - mean[i]) * scale[i];
        double diff = v - z[i];
        sum += diff * diff;
      }
      double distance = Math.sqrt(sum);
      if (nearest.size() < k || distance < nearest.peek().distance()) {
        nearest.add(
            new Similar(
                Long.toString(d.clientId()),
                DisplayNames.of(d.clientId()),
                distance,
                d.probability(),
                d.decision(),
                defaulted ? "DEFAULTED" : "REPAID",
                sideBySide(key, client.features(), d.features(), words)));
        if (nearest.size() > k) {
          nearest.poll();
        }
      }
    }
    List<Similar> out = new ArrayList<>(nearest);
    out.sort((a, b) -> Double.compare(a.distance(), b.distance()));
    return out;
  }

  /** The model's most important features (vector indices), largest first; the first few else. */
  private int[] keyFeatures() {
    double[] importance = model.importance();
    int n = model.features().size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (importance != null) {
      java.util.Arrays.sort(order, (a, b) -> Double.compare(importance[b], importance[a]));
    }
    int[] out = new int[Math.min(KEY_FEATURES, n)];
    for (int i = 0; i < out.length; i++) {
      out[i] = order[i];
    }
    return out;
  }

  private List<SideBySide> sideBySide(
      int[] key, float[] client, float[] other, FeatureDescriptions words) {
    List<SideBySide> out = new ArrayList<>(key.length);
    for (int i : key) {
      String name = model.features().get(i).name();
      out.add(
          new SideBySide(
              name, words.label(name), text(name, client[i], words), text(name, other[i], words)));
    }
    return out;
  }

  private static String text(String name, float v, FeatureDescriptions words) {
    return Float.isNaN(v)
        ? (Explanations.language(words).equals("fr") ? "inconnu" : "unknown")
        : words.formatValue(name, v);
  }

  private double[] standardise(float[] f) {
    double[] z = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      z[i] = Float.isNaN(f[i]) ? 0 : (f[i] - mean[i]) * scale[i];
    }
    return z;
  }
}
