package fr.pretadepenser.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.model.BundleFiles;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText.MissingType;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Java TreeSHAP against LightGBM's, the reference: every contribution and the base value within
 * 1e-12 on every sample decision, and on seeded random models (written and trained) and rows aimed
 * at their thresholds, NaN and zeros. The figures printed count how many values are equal to the
 * bit, which is what reproducing LightGBM's operations in its order gives.
 */
class JavaTreeShapExactnessTest {

  static final double TOLERANCE = 1e-12;

  @Test
  void equalsLightGbmOnEveryDecisionOfTheSample() throws Exception {
    String text = Files.readString(SampleBundle.directory().resolve(BundleFiles.MODEL_TXT));
    List<Decision> decisions = SampleBundle.decisions();
    try (JavaTreeShap java = JavaTreeShap.of(text);
        LightGbmTreeShap lightGbm = new LightGbmTreeShap(text, 1)) {
      assertThat(java.featureNames()).isEqualTo(lightGbm.featureNames());
      Comparison c = new Comparison("sample");
      for (Decision d : decisions) {
        float[] features = DecisionExplainer.floats(d.getFeatures());
        double[] row = new double[features.length];
        for (int i = 0; i < row.length; i++) {
          row[i] = features[i];
        }
        c.add(row, java.contributions(row), lightGbm.contributions(row));
      }
      c.report();
      assertThat(c.rows).isEqualTo(3076);
      assertThat(c.maxAbsDiff).isLessThanOrEqualTo(TOLERANCE);
    }
  }

  @Test
  void equalsLightGbmOnRandomWrittenModels() {
    SplittableRandom random = new SplittableRandom(20);
    Comparison c = new Comparison("written models");
    for (int m = 0; m < 60; m++) {
      String text = RandomModels.written(random, 1 + random.nextInt(8));
      compare(text, random, 200, c);
    }
    c.report();
    assertThat(c.maxAbsDiff).isLessThanOrEqualTo(TOLERANCE);
  }

  @Test
  void theRecursionAndTheUnmemoisedReplayEqualLightGbmToo() {
    // The production path memoises leaf terms; the plain recursion (trees deeper than 62) and the
    // replay without memory (past the memory's capacity) must be exact as well.
    SplittableRandom random = new SplittableRandom(21);
    Comparison recursion = new Comparison("written models, plain recursion");
    Comparison replay = new Comparison("written models, nothing memoised");
    for (int m = 0; m < 30; m++) {
      String text = RandomModels.written(random, 1 + random.nextInt(8));
      double[] thresholds = RandomModels.thresholds(text);
      try (JavaTreeShap plain = JavaTreeShap.of(text, -1, 0);
          JavaTreeShap unmemoised = JavaTreeShap.of(text, JavaTreeShap.MAX_MEMO_DEPTH, 0);
          LightGbmTreeShap lightGbm = new LightGbmTreeShap(text, 1)) {
        for (int r = 0; r < 100; r++) {
          double[] row = RandomModels.row(random, plain.features(), thresholds);
          double[] reference = lightGbm.contributions(row);
          recursion.add(row, plain.contributions(row), reference);
          replay.add(row, unmemoised.contributions(row), reference);
        }
      }
    }
    recursion.report();
    replay.report();
    assertThat(recursion.maxAbsDiff).isLessThanOrEqualTo(TOLERANCE);
    assertThat(replay.maxAbsDiff).isLessThanOrEqualTo(TOLERANCE);
  }

  @Test
  void equalsLightGbmOnRandomTrainedModels() throws Exception {
    SplittableRandom random = new SplittableRandom(14);
    Comparison c = new Comparison("trained models");
    for (int m = 0; m < 8; m++) {
      String text = RandomModels.trained(100 + m, 600, 5 + random.nextInt(25), m % 2 == 1);
      if (m % 2 == 1) {
        assertThat(
                LightGbmModelText.read(text).trees().stream()
                    .flatMap(t -> t.splits().stream())
                    .anyMatch(split -> split.missingType() == MissingType.ZERO))
            .as("zero_as_missing gives splits of missing type Zero")
            .isTrue();
      }
      compare(text, random, 200, c);
    }
    c.report();
    assertThat(c.maxAbsDiff).isLessThanOrEqualTo(TOLERANCE);
  }

  @Test
  void addsUpToTheMarginOnItsOwn() {
    // Efficiency, independent of LightGBM: base + sum equals the trees' output.
    String text = RandomModels.written(new SplittableRandom(3), 5);
    try (JavaTreeShap java = JavaTreeShap.of(text);
        LightGbmTreeShap lightGbm = new LightGbmTreeShap(text, 1)) {
      SplittableRandom random = new SplittableRandom(4);
      double[] thresholds = RandomModels.thresholds(text);
      double[] out = new double[java.features() + 1];
      for (int r = 0; r < 100; r++) {
        double[] row = RandomModels.row(random, java.features(), thresholds);
        java.contributions(row, out);
        double sum = 0;
        for (double v : out) {
          sum += v;
        }
        double[] reference = lightGbm.contributions(row);
        double referenceSum = 0;
        for (double v : reference) {
          referenceSum += v;
        }
        assertThat(sum).isCloseTo(referenceSum, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(out[out.length - 1]).isEqualTo(java.baseValue());
      }
    }
  }

  private static void compare(String text, SplittableRandom random, int rows, Comparison c) {
    double[] thresholds = RandomModels.thresholds(text);
    try (JavaTreeShap java = JavaTreeShap.of(text);
        LightGbmTreeShap lightGbm = new LightGbmTreeShap(text, 1)) {
      assertThat(java.features()).isEqualTo(lightGbm.features());
      for (int r = 0; r < rows; r++) {
        double[] row = RandomModels.row(random, java.features(), thresholds);
        c.add(row, java.contributions(row), lightGbm.contributions(row));
      }
    }
  }

  /** Running figures of one comparison. */
  static final class Comparison {
    final String what;
    int rows;
    long values;
    long bitEqual;
    double maxAbsDiff;

    Comparison(String what) {
      this.what = what;
    }

    void add(double[] row, double[] java, double[] lightGbm) {
      assertThat(java).as("width").hasSameSizeAs(lightGbm);
      rows++;
      for (int i = 0; i < java.length; i++) {
        values++;
        if (Double.doubleToLongBits(java[i]) == Double.doubleToLongBits(lightGbm[i])) {
          bitEqual++;
          continue;
        }
        double diff = Math.abs(java[i] - lightGbm[i]);
        if (!(diff <= TOLERANCE)) {
          throw new AssertionError(
              String.format(
                  Locale.ROOT,
                  "%s: value %d differs: java %.17g, LightGBM %.17g, row %s",
                  what,
                  i,
                  java[i],
                  lightGbm[i],
                  Arrays.toString(row)));
        }
        maxAbsDiff = Math.max(maxAbsDiff, diff);
      }
    }

    void report() {
      System.out.printf(
          Locale.ROOT,
          "TreeSHAP java vs LightGBM, %s: %d rows, %d values, %d equal to the bit, max |diff| %.3g%n",
          what,
          rows,
          values,
          bitEqual,
          maxAbsDiff);
    }
  }
}
