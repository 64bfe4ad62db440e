package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.LoanApplication;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one feature definition: a pure function from (application, client history) to a named float
 * vector, called by training (batch) and by the scorer (stream) alike. It reproduces the feature
 * engineering of the Kaggle kernel "LightGBM with simple features" (see KERNEL_FEATURES.md), family
 * by family in {@link FeatureFamily} order.
 *
 * <p>Which dummies exist depends on the {@link CategoryVocabulary}, which is saved with each model;
 * its javadoc gives the rule for unseen values. Names are the kernel's with every character outside
 * {@code [A-Za-z0-9_]} replaced by {@code _}; two features ending with the same name is an error.
 *
 * <p>Values are computed in double and stored as float32, the vector type handed to LightGBM, ONNX
 * and SHAP alike. NaN means missing: an applicant with no rows in a table has NaN for every feature
 * of that table, counts and sums included.
 *
 * <p>A {@link FeatureExclusion} (saved in the model bundle) takes every feature read from some
 * source columns out of the vector: the blocks still compute them, and the vector handed out holds
 * only the others, in the same relative order. {@link #features()} and {@link #names()} are the
 * model's features; {@link #excludedFeatures()} are the ones left out.
 *
 * <p>Instances are immutable and thread-safe: the plan (field positions, dummy levels, output
 * order) is resolved in the constructor, and a call only allocates its own scratch arrays.
 */
public final class FeatureDefinition {

  private final CategoryVocabulary vocabulary;
  private final FeatureBlock[] blocks;
  private final int[] offsets;
  private final int fullSize;
  private final FeatureExclusion exclusion;

  /** Positions in the full vector of the features kept; null when nothing is excluded. */
  private final int[] kept;

  private final List<FeatureInfo> features;
  private final List<FeatureInfo> excludedFeatures;
  private final List<String> names;

  /**
   * Every feature, none excluded.
   *
   * @throws IllegalArgumentException when two features would share a name (e.g. levels differing
   *     only by characters the sanitising replaces)
   */
  public FeatureDefinition(CategoryVocabulary vocabulary) {
    this(vocabulary, FeatureExclusion.NONE);
  }

  /**
   * The features not read from an excluded column.
   *
   * @throws IllegalArgumentException when two features would share a name, or when the exclusion
   *     leaves no feature
   */
  public FeatureDefinition(CategoryVocabulary vocabulary, FeatureExclusion exclusion) {
    this.vocabulary = vocabulary;
    this.exclusion = exclusion == null ? FeatureExclusion.NONE : exclusion;
    Glossary glossary = Glossary.get();
    this.blocks =
        new FeatureBlock[] {
          new ApplicationFeatures(vocabulary, glossary),
          new BureauFeatures(vocabulary, glossary),
          new PreviousFeatures(vocabulary, glossary),
          new PosCashFeatures(vocabulary, glossary),
          new InstalmentFeatures(vocabulary, glossary),
          new CreditCardFeatures(vocabulary, glossary)
        };
    this.offsets = new int[blocks.length];
    List<FeatureInfo> all = new ArrayList<>();
    for (int b = 0; b < blocks.length; b++) {
      offsets[b] = all.size();
      all.addAll(blocks[b].features());
    }
    FeatureNames.requireUnique(all);
    // Every feature keeps its words, excluded or not: a reader may still name an excluded column.
    FeatureWords.remember(all);
    this.fullSize = all.size();
    List<FeatureInfo> in = new ArrayList<>();
    List<FeatureInfo> out = new ArrayList<>();
    int[] positions = new int[all.size()];
    for (int i = 0; i < all.size(); i++) {
      FeatureInfo f = all.get(i);
      if (this.exclusion.excludes(f)) {
        out.add(f);
      } else {
        positions[in.size()] = i;
        in.add(f);
      }
    }
    if (in.isEmpty()) {
      throw new IllegalArgumentException(
          "the exclusion " + this.exclusion.columns() + " leaves no feature");
    }
    this.features = List.copyOf(in);
    this.excludedFeatures = List.copyOf(out);
    this.kept = out.isEmpty() ? null : Arrays.copyOf(positions, in.size());
    this.names = features.stream().map(FeatureInfo::name).toList();
  }

  public CategoryVocabulary vocabulary() {
    return vocabulary;
  }

  /** The source columns left out of the vector ({@link FeatureExclusion#NONE} for none). */
  public FeatureExclusion exclusion() {
    return exclusion;
  }

  /** The features the exclusion takes out, in the order they would have had. */
  public List<FeatureInfo> excludedFeatures() {
    return excludedFeatures;
  }

  /** Every feature in vector order. */
  public List<FeatureInfo> features() {
    return features;
  }

  /** Feature names in vector order. */
  public List<String> names() {
    return names;
  }

  public int size() {
    return features.size();
  }

  /**
   * The feature vector of one applicant; NaN means missing. A null history is an applicant with no
   * history at all.
   */
  public float[] compute(LoanApplication application, ClientHistory history) {
    float[] out = new float[size()];
    compute(application, history, out);
    return out;
  }

  /** Writes the feature vector into {@code out} (length {@link #size()}), for batch callers. */
  public void compute(LoanApplication application, ClientHistory history, float[] out) {
    if (out.length != features.size()) {
      throw new IllegalArgumentException(
          "vector has length " + out.length + ", the definition has " + features.size());
    }
    if (kept == null) {
      computeAll(application, history, out);
      return;
    }
    float[] all = new float[fullSize];
    computeAll(application, history, all);
    for (int i = 0; i < kept.length; i++) {
      out[i] = all[kept[i]];
    }
  }

  private void computeAll(LoanApplication application, ClientHistory history, float[] out) {
    for (int b = 0; b < blocks.length; b++) {
      blocks[b].compute(application, history, out, offsets[b]);
    }
  }
}
