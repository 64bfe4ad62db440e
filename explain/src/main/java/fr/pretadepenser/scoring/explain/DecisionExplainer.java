package fr.pretadepenser.scoring.explain;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.ReasonFeature;
import fr.pretadepenser.scoring.features.ReasonFamily;
import fr.pretadepenser.scoring.model.BundleException;
import fr.pretadepenser.scoring.model.BundleFiles;
import fr.pretadepenser.scoring.model.DecisionRule;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.model.ReferenceDistributions;
import fr.pretadepenser.scoring.model.ScoringModel;
import fr.pretadepenser.scoring.schemas.FloatArrayList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.PrimitivesArrays;

/**
 * Explains decisions of one model bundle with an exact TreeSHAP on the bundle's model.txt (by
 * default {@link JavaTreeShap}, in the JVM; LightGBM's own on request, the reference): each
 * feature's exact contribution to the log-odds, the base value, and the principal reasons in plain
 * words. The streaming explainer and the dashboard's what-if both use it, so an explanation shown
 * anywhere is the one computed here.
 *
 * <p>Feature vectors are {@code float[]}, the feature definition's type, exactly as a {@link
 * Decision} carries them; they are widened to double (losslessly) before TreeSHAP, as the ONNX
 * model widens them, so the contributions add up to the log-odds the scorer computed.
 *
 * <p>Reasons are reason families ({@link ReasonFamily}: external credit scores, late payments, debt
 * at other lenders...), each the sum of its features' exact contributions: for a refusal, the
 * families that pushed most towards refusal (largest positive sums, "raise the estimated risk");
 * for a grant, those that helped most (largest negative sums), so an advisor can tell a client what
 * weighed for the decision made, in things a client recognises rather than hundreds of features. At
 * most {@value #MAX_REASONS} (US Reg B §1002.9: more than four is not likely to be helpful); a
 * family whose sum is under {@value #NEGLIGIBLE} log-odds is left out, except the largest when no
 * family reaches it, so that a decision always has its principal reason and never a filler. Each
 * reason carries the features that drive it (same sign, largest first, at most {@value
 * #MAX_FEATURES_PER_REASON}) with the client's values. A feature no family holds (a model outside
 * any feature definition) is a reason of its own, with code "". The contributions themselves are
 * untouched: base + Σ still equals logit(p).
 *
 * <p>Thread-safe; close it to free LightGBM's boosters when it uses them.
 */
public final class DecisionExplainer implements AutoCloseable {

  /** base + Σ contributions must equal logit(p) this closely with the double-precision model. */
  public static final double INVARIANT_TOLERANCE = 1e-9;

  public static final int MAX_REASONS = 4;

  /** At least this many reasons when some family pushes in the decision's direction at all. */
  public static final int MIN_REASONS = 1;

  /**
   * A family's summed contribution below this (in log-odds) is too small to be worth saying: about
   * half a percentage point of probability around a 10% risk.
   */
  public static final double NEGLIGIBLE = 0.05;

  /** How many driving features a reason carries. */
  public static final int MAX_FEATURES_PER_REASON = 3;

  /** A driving feature after the first is listed only when it moves the log-odds this much. */
  public static final double NEGLIGIBLE_FEATURE = 0.01;

  private static final Schema CONTRIBUTIONS_SCHEMA =
      ExplainedDecision.SCHEMA$.getField("contributions").schema();

  private final TreeShapEngine shap;
  private final TreeShapImplementation implementation;
  private final List<String> names;
  private final String modelVersion;
  private final double threshold;
  private final Double[] typical;
  private final FeatureDescriptions descriptions;

  /** Each feature's reason family, null for a feature of none (its own reason). */
  private final ReasonFamily[] families;

  private final InvariantWatch invariant;
  private final Clock clock;

  /**
   * The explainer of the bundle's thin-file model (its own trees, threshold and medians, the same
   * invariant watch), or null; null on the thin-file explainer itself.
   */
  private final DecisionExplainer thinFile;

  private DecisionExplainer(
      TreeShapEngine shap,
      TreeShapImplementation implementation,
      List<String> names,
      String modelVersion,
      double threshold,
      Double[] typical,
      FeatureDescriptions descriptions,
      Clock clock,
      InvariantWatch invariant,
      DecisionExplainer thinFile) {
    this.invariant = invariant;
    this.thinFile = thinFile;
    this.shap = shap;
    this.implementation = implementation;
    this.names = List.copyOf(names);
    this.modelVersion = modelVersion;
    this.threshold = threshold;
    this.typical = typical;
    this.descriptions = descriptions;
    this.families =
        names.stream()
            .map(n -> ReasonFamily.ofFeature(n).orElse(null))
            .toArray(ReasonFamily[]::new);
    this.clock = clock;
  }

  /** An explainer of {@code bundle}'s model, with reasons in English. */
  public static DecisionExplainer of(ModelBundle bundle) {
    return of(bundle, Locale.ENGLISH);
  }

  /** An explainer of {@code bundle}'s model, with reasons in {@code locale}'s language. */
  public static DecisionExplainer of(ModelBundle bundle, Locale locale) {
    return of(bundle, locale, TreeShapImplementation.JAVA);
  }

  /**
   * An explainer of {@code bundle}'s model running the given TreeSHAP: LightGBM's for comparisons
   * (the explainer benchmark, the exactness tests).
   */
  public static DecisionExplainer of(
      ModelBundle bundle, Locale locale, TreeShapImplementation implementation) {
    DecisionExplainer full = ofOne(bundle, bundle, locale, implementation);
    if (bundle.thinFile().isEmpty()) {
      return full;
    }
    DecisionExplainer thin;
    try {
      thin = ofOne(bundle.thinFile().get(), bundle, locale, implementation);
    } catch (RuntimeException e) {
      full.close();
      throw e;
    }
    // The thin-file explainer answers to the bundle's version (decisions carry the top model's
    // version and name the sub-model in scoring_model) and records in the same invariant watch.
    return new DecisionExplainer(
        full.shap,
        implementation,
        full.names,
        full.modelVersion,
        full.threshold,
        full.typical,
        full.descriptions,
        full.clock,
        full.invariant,
        new DecisionExplainer(
            thin.shap,
            implementation,
            thin.names,
            full.modelVersion,
            thin.threshold,
            thin.typical,
            thin.descriptions,
            thin.clock,
            full.invariant,
            null));
  }

  /** The explainer of one model of a bundle, answering to {@code top}'s model version. */
  private static DecisionExplainer ofOne(
      ModelBundle bundle, ModelBundle top, Locale locale, TreeShapImplementation implementation) {
    Path file = bundle.directory().resolve(BundleFiles.MODEL_TXT);
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new BundleException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    List<String> names = bundle.metadata().featureNames();
    return create(
        text,
        names,
        top.metadata().modelVersion(),
        bundle.metadata().threshold(),
        medians(bundle.reference(), names),
        FeatureDescriptions.forLocale(locale),
        Clock.systemUTC(),
        implementation);
  }

  /**
   * An explainer of a LightGBM text model outside a bundle (tests, tools).
   *
   * @param typical each feature's typical (median) value, null entries when unknown
   */
  public static DecisionExplainer of(
      String modelText,
      List<String> names,
      String modelVersion,
      double threshold,
      Double[] typical,
      Locale locale) {
    return of(
        modelText, names, modelVersion, threshold, typical, locale, TreeShapImplementation.JAVA);
  }

  /** The same, running the given TreeSHAP. */
  public static DecisionExplainer of(
      String modelText,
      List<String> names,
      String modelVersion,
      double threshold,
      Double[] typical,
      Locale locale,
      TreeShapImplementation implementation) {
    return create(
        modelText,
        names,
        modelVersion,
        threshold,
        typical.clone(),
        FeatureDescriptions.forLocale(locale),
        Clock.systemUTC(),
        implementation);
  }

  private static DecisionExplainer create(
      String text,
      List<String> names,
      String version,
      double threshold,
      Double[] typical,
      FeatureDescriptions descriptions,
      Clock clock,
      TreeShapImplementation implementation) {
    TreeShapEngine shap = implementation.open(text);
    try {
      ModelBundle.requireSame("the model's feature names", names, "model.txt", shap.featureNames());
      if (typical.length != names.size()) {
        throw new IllegalArgumentException(
            typical.length + " typical values for " + names.size() + " features");
      }
      return new DecisionExplainer(
          shap,
          implementation,
          names,
          version,
          threshold,
          typical,
          descriptions,
          clock,
          new InvariantWatch(INVARIANT_TOLERANCE),
          null);
    } catch (RuntimeException e) {
      shap.close();
      throw e;
    }
  }

  /** Each feature's median in the training population (reference.json's 0.5 quantile). */
  static Double[] medians(ReferenceDistributions reference, List<String> names) {
    Map<String, Double> byName = new HashMap<>();
    for (ReferenceDistributions.Distribution d : reference.features()) {
      int at = d.quantileLevels() == null ? -1 : d.quantileLevels().indexOf(0.5);
      if (at >= 0 && d.quantiles() != null && at < d.quantiles().size()) {
        byName.put(d.name(), d.quantiles().get(at));
      }
    }
    Double[] medians = new Double[names.size()];
    for (int i = 0; i < medians.length; i++) {
      medians[i] = byName.get(names.get(i));
    }
    return medians;
  }

  /**
   * Explains a feature vector, with reasons for the outcome the model gives it (refused when the
   * probability these contributions add up to reaches the threshold): the dashboard's what-if.
   */
  public Explanation explain(float[] features) {
    double[] all = contributions(features);
    double base = all[all.length - 1];
    double[] contributions = Arrays.copyOf(all, all.length - 1);
    Explanation bare = new Explanation(base, contributions, List.of());
    boolean refused = DecisionRule.refuses(bare.probability(), threshold);
    return withReasons(features, base, contributions, refused, descriptions);
  }

  /** Explains a feature vector, with reasons for the given outcome. */
  public Explanation explain(float[] features, boolean refused) {
    return explain(features, refused, descriptions);
  }

  /** The same, with reasons in the words of {@code words} (e.g. French for the dashboard). */
  public Explanation explain(float[] features, boolean refused, FeatureDescriptions words) {
    double[] all = contributions(features);
    return withReasons(
        features, all[all.length - 1], Arrays.copyOf(all, all.length - 1), refused, words);
  }

  /**
   * Explains a decision of this explainer's model, checking that the explanation adds up to the
   * decision's probability (the check is recorded in {@link #invariant()}).
   *
   * @throws UnexplainableDecisionException for another model version, a vector of the wrong width,
   *     or an explanation off by more than {@link #INVARIANT_TOLERANCE}
   */
  public ExplainedDecision explain(Decision decision) {
    if (ScoringModel.THIN_FILE.equals(decision.getScoringModel())) {
      if (thinFile == null) {
        throw new UnexplainableDecisionException(
            UnexplainableDecisionException.Kind.OTHER_MODEL_VERSION,
            "decided by the thin-file model of version "
                + decision.getModelVersion()
                + ", and this explainer's bundle has no thin-file model");
      }
      return thinFile.explainOwn(decision);
    }
    return explainOwn(decision);
  }

  /** {@link #explain(Decision)} with this explainer's own trees. */
  private ExplainedDecision explainOwn(Decision decision) {
    if (!modelVersion.equals(decision.getModelVersion())) {
      throw new UnexplainableDecisionException(
          UnexplainableDecisionException.Kind.OTHER_MODEL_VERSION,
          "decided by model version "
              + decision.getModelVersion()
              + ", this explainer holds version "
              + modelVersion);
    }
    float[] features = floats(decision.getFeatures());
    if (features.length != names.size()) {
      throw new UnexplainableDecisionException(
          UnexplainableDecisionException.Kind.WRONG_FEATURE_COUNT,
          "the decision has " + features.length + " features, the model " + names.size());
    }
    // A REVIEW is explained like a refusal: what kept the application from an automatic grant is
    // what the advisor and the client need to hear.
    boolean refused = decision.getDecision() != DecisionOutcome.GRANTED;
    Explanation explanation = explain(features, refused);
    double error = explanation.invariantError(decision.getProbability());
    if (!invariant.record(error)) {
      throw new UnexplainableDecisionException(
          UnexplainableDecisionException.Kind.INVARIANT_VIOLATED,
          String.format(
              Locale.ROOT,
              "base value + sum of contributions = %.17g but logit(probability %.17g) = %.17g:"
                  + " off by %.3g (tolerance %.0g)",
              explanation.logOdds(),
              decision.getProbability(),
              Explanation.logit(decision.getProbability()),
              error,
              INVARIANT_TOLERANCE));
    }
    return toEvent(decision, explanation);
  }

  private ExplainedDecision toEvent(Decision decision, Explanation explanation) {
    double[] c = explanation.contributions();
    PrimitivesArrays.DoubleArray contributions =
        new PrimitivesArrays.DoubleArray(c.length, CONTRIBUTIONS_SCHEMA);
    for (int i = 0; i < c.length; i++) {
      contributions.add(i, c[i]);
    }
    List<fr.pretadepenser.scoring.events.Reason> reasons = new ArrayList<>();
    for (Explanation.Reason r : explanation.reasons()) {
      List<ReasonFeature> drivers = new ArrayList<>();
      for (Explanation.ReasonFeature f : r.features()) {
        drivers.add(
            ReasonFeature.newBuilder()
                .setFeature(f.feature())
                .setValue(Double.isNaN(f.value()) ? null : f.value())
                .setTypicalValue(f.typicalValue())
                .setContribution(f.contribution())
                .build());
      }
      reasons.add(
          fr.pretadepenser.scoring.events.Reason.newBuilder()
              .setFeature(r.feature())
              .setDescription(r.description())
              .setValue(Double.isNaN(r.value()) ? null : r.value())
              .setTypicalValue(r.typicalValue())
              .setContribution(r.contribution())
              .setText(r.text())
              .setCode(r.code())
              .setFeatures(drivers)
              .build());
    }
    return ExplainedDecision.newBuilder()
        .setDecision(decision)
        .setBaseValue(explanation.baseValue())
        .setContributions(contributions)
        .setReasons(reasons)
        .setExplainedAt(clock.instant())
        .build();
  }

  /**
   * TreeSHAP's output alone (contributions then base value), without reasons nor checks: public for
   * the explainer service's benchmark, which times TreeSHAP apart from the rest.
   */
  public double[] contributionsOnly(float[] features) {
    return contributions(features);
  }

  private double[] contributions(float[] features) {
    double[] row = new double[features.length];
    for (int i = 0; i < row.length; i++) {
      row[i] = features[i];
    }
    return shap.contributions(row);
  }

  private Explanation withReasons(
      float[] features,
      double base,
      double[] contributions,
      boolean refused,
      FeatureDescriptions words) {
    return new Explanation(base, contributions, reasons(features, contributions, refused, words));
  }

  /**
   * The principal reasons for a decision: see the class comment for which and how many. Public so
   * that a caller holding contributions already (an explained decision) can word them in another
   * language.
   */
  public List<Explanation.Reason> reasons(
      float[] features, double[] contributions, boolean refused, FeatureDescriptions words) {
    double sign = refused ? 1 : -1;
    // Groups: a family's features, or one feature of no family (keyed past the families).
    int familyCount = ReasonFamily.values().length;
    Map<Integer, List<Integer>> groups = new HashMap<>();
    for (int i = 0; i < contributions.length; i++) {
      int key = families[i] == null ? familyCount + i : families[i].ordinal();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    Map<Integer, Double> sums = new HashMap<>();
    List<Integer> candidates = new ArrayList<>();
    groups.forEach(
        (key, members) -> {
          double sum = 0;
          for (int i : members) {
            sum += contributions[i];
          }
          if (sign * sum > 0) {
            sums.put(key, sum);
            candidates.add(key);
          }
        });
    candidates.sort(
        Comparator.comparingDouble((Integer k) -> -sign * sums.get(k)).thenComparing(k -> k));
    List<Explanation.Reason> reasons = new ArrayList<>();
    for (int key : candidates) {
      double sum = sums.get(key);
      if (reasons.size() == MAX_REASONS
          || (reasons.size() >= MIN_REASONS && Math.abs(sum) < NEGLIGIBLE)) {
        break;
      }
      reasons.add(reason(groups.get(key), sum, features, contributions, sign, words));
    }
    return reasons;
  }

  /** One family's reason: its sum, its drivers (same sign, largest first) and its words. */
  private Explanation.Reason reason(
      List<Integer> members,
      double sum,
      float[] features,
      double[] contributions,
      double sign,
      FeatureDescriptions words) {
    List<Integer> pushing = new ArrayList<>();
    for (int i : members) {
      if (sign * contributions[i] > 0) {
        pushing.add(i);
      }
    }
    pushing.sort(
        Comparator.comparingDouble((Integer i) -> -sign * contributions[i]).thenComparing(i -> i));
    List<Explanation.ReasonFeature> drivers = new ArrayList<>();
    for (int i : pushing) {
      if (drivers.size() == MAX_FEATURES_PER_REASON
          || (!drivers.isEmpty() && Math.abs(contributions[i]) < NEGLIGIBLE_FEATURE)) {
        break;
      }
      drivers.add(
          new Explanation.ReasonFeature(
              i, names.get(i), features[i], typical[i], contributions[i]));
    }
    Explanation.ReasonFeature first = drivers.get(0);
    ReasonFamily family = families[first.index()];
    String text;
    String code;
    String label;
    if (family == null) {
      code = "";
      label = words.label(first.feature());
      text = words.reason(first.feature(), first.value(), first.typicalValue(), sum);
    } else {
      code = family.code();
      label = words.familyLabel(family);
      text = words.familyReason(family, sum > 0, drivers);
    }
    return new Explanation.Reason(
        first.index(),
        first.feature(),
        words.describe(first.feature()),
        first.value(),
        first.typicalValue(),
        sum,
        text,
        code,
        label,
        drivers);
  }

  /** The vector of a decision as floats, without boxing when the list wraps an array. */
  public static float[] floats(List<Float> list) {
    float[] out = new float[list.size()];
    if (list instanceof FloatArrayList wrapped) {
      for (int i = 0; i < out.length; i++) {
        out[i] = wrapped.getFloat(i);
      }
    } else if (list instanceof PrimitivesArrays.FloatArray decoded) {
      for (int i = 0; i < out.length; i++) {
        out[i] = decoded.getFloat(i);
      }
    } else {
      for (int i = 0; i < out.length; i++) {
        out[i] = list.get(i);
      }
    }
    return out;
  }

  /** The largest invariant error seen, checks and violations: watched in production. */
  public InvariantWatch invariant() {
    return invariant;
  }

  /** Which TreeSHAP this explainer runs. */
  public TreeShapImplementation implementation() {
    return implementation;
  }

  public String modelVersion() {
    return modelVersion;
  }

  public double threshold() {
    return threshold;
  }

  public List<String> featureNames() {
    return names;
  }

  /** The population's median of feature {@code index}, null when unknown. */
  public Double typicalValue(int index) {
    return typical[index];
  }

  public FeatureDescriptions descriptions() {
    return descriptions;
  }

  /**
   * The explainer of the model named as in {@code Decision.scoring_model}: the thin-file one for
   * {@code thin_file} when the bundle has one, this one otherwise.
   */
  public DecisionExplainer forModel(String scoringModel) {
    return ScoringModel.THIN_FILE.equals(scoringModel) && thinFile != null ? thinFile : this;
  }

  @Override
  public void close() {
    shap.close();
    if (thinFile != null) {
      thinFile.close();
    }
  }
}
