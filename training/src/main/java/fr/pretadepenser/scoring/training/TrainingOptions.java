package fr.pretadepenser.scoring.training;

import fr.pretadepenser.scoring.model.ReviewBand;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a training run may vary.
 *
 * @param folds stratified cross-validation folds
 * @param seed seeds folds, search, bagging and the SHAP sample: the same seed, data and code give
 *     the same model version
 * @param searchTrials random-search trials beyond the kernel's configuration (0 = kernel only)
 * @param costFn cost of granting a loan to a defaulter
 * @param costFp cost of refusing a good client
 * @param threads LightGBM and feature threads
 * @param learningRate boosting learning rate (fixed during the search)
 * @param maxRounds cap on boosting rounds per fit (early stopping usually ends sooner)
 * @param weighting "compare" (none vs balanced, keep the cheaper), "none" or "balanced"
 * @param params LightGBM parameters that override the kernel's and the search's values (e.g. {@code
 *     max_bin=63} or {@code bagging_fraction=0.5} to trade a little accuracy for speed at scale);
 *     dataset parameters among them also apply to the binning
 * @param exclusion the source columns the model may not read ({@link ExclusionOptions#defaults()}
 *     unless given)
 * @param reviewBand the review band written in the model card: {@link #AUTO} (chosen from the
 *     out-of-fold costs by {@code ReviewBands}), {@link #OFF}, or {@code LOW,HIGH} set by hand (it
 *     must contain the threshold training chooses)
 */
public record TrainingOptions(
    int folds,
    long seed,
    int searchTrials,
    double costFn,
    double costFp,
    int threads,
    double learningRate,
    int maxRounds,
    String weighting,
    Map<String, String> params,
    ExclusionOptions exclusion,
    String reviewBand) {

  public static final String COMPARE = "compare";
  public static final String NONE = "none";
  public static final String BALANCED = "balanced";

  /** {@code --review-band auto}: the band of the out-of-fold rule (the default). */
  public static final String AUTO = "auto";

  /** {@code --review-band off}: no band, the threshold alone decides. */
  public static final String OFF = "off";

  /** Parameters another option or the recipe itself sets; overriding them would be misleading. */
  private static final Set<String> RESERVED =
      Set.of("objective", "metric", "num_threads", "seed", "learning_rate", "scale_pos_weight");

  private static final Pattern PARAM_KEY = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern PARAM_VALUE = Pattern.compile("[A-Za-z0-9_.+-]+");

  /** The options with the default exclusions (protected and non-actionable columns). */
  public TrainingOptions(
      int folds,
      long seed,
      int searchTrials,
      double costFn,
      double costFp,
      int threads,
      double learningRate,
      int maxRounds,
      String weighting,
      Map<String, String> params) {
    this(
        folds,
        seed,
        searchTrials,
        costFn,
        costFp,
        threads,
        learningRate,
        maxRounds,
        weighting,
        params,
        ExclusionOptions.defaults(),
        AUTO);
  }

  /** The options with the default review band (chosen from the out-of-fold costs). */
  public TrainingOptions(
      int folds,
      long seed,
      int searchTrials,
      double costFn,
      double costFp,
      int threads,
      double learningRate,
      int maxRounds,
      String weighting,
      Map<String, String> params,
      ExclusionOptions exclusion) {
    this(
        folds,
        seed,
        searchTrials,
        costFn,
        costFp,
        threads,
        learningRate,
        maxRounds,
        weighting,
        params,
        exclusion,
        AUTO);
  }

  public TrainingOptions {
    if (exclusion == null) {
      exclusion = ExclusionOptions.defaults();
    }
    if (reviewBand == null) {
      reviewBand = AUTO;
    }
    // A hand-set band is checked now (a malformed one would only fail after the training); whether
    // it contains the threshold can only be checked once training has chosen it.
    fixedReviewBand(reviewBand);
    if (folds < 2) {
      throw new IllegalArgumentException("--folds must be at least 2");
    }
    if (searchTrials < 0) {
      throw new IllegalArgumentException("--search must be 0 or more");
    }
    if (!(costFn > 0) || !(costFp > 0)) {
      throw new IllegalArgumentException("--cost-fn and --cost-fp must be positive");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1");
    }
    if (!(learningRate > 0 && learningRate <= 1)) {
      throw new IllegalArgumentException("--learning-rate must be in (0, 1]");
    }
    if (maxRounds < 1) {
      throw new IllegalArgumentException("--max-rounds must be at least 1");
    }
    if (!weighting.equals(COMPARE) && !weighting.equals(NONE) && !weighting.equals(BALANCED)) {
      throw new IllegalArgumentException("--weighting must be compare, none or balanced");
    }
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (!PARAM_KEY.matcher(e.getKey()).matches()
          || !PARAM_VALUE.matcher(e.getValue()).matches()) {
        throw new IllegalArgumentException(
            "--param " + e.getKey() + "=" + e.getValue() + ": expected a LightGBM key=value");
      }
      if (RESERVED.contains(e.getKey())) {
        throw new IllegalArgumentException(
            "--param "
                + e.getKey()
                + " is set by the recipe or by its own option (--seed, --threads, --learning-rate,"
                + " --weighting)");
      }
    }
  }

  /**
   * The band set by hand, null for {@link #AUTO} and {@link #OFF}.
   *
   * @throws IllegalArgumentException for anything else than auto, off or LOW,HIGH
   */
  public ReviewBand fixedReviewBand() {
    return fixedReviewBand(reviewBand);
  }

  private static ReviewBand fixedReviewBand(String value) {
    if (value.equals(AUTO) || value.equals(OFF)) {
      return null;
    }
    try {
      return ReviewBand.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--review-band: auto, off or " + e.getMessage());
    }
  }

  public static TrainingOptions defaults() {
    return new TrainingOptions(5, 42, 10, 10, 1, 2, 0.05, 5000, COMPARE, Map.of());
  }
}
