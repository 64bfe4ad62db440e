package fr.pretadepenser.scoring.training.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.microsoft.ml.lightgbm.PredictionType;
import fr.pretadepenser.scoring.model.OnnxModel;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText.MissingType;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText.Split;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText.Tree;
import fr.pretadepenser.scoring.training.onnx.LightGbmTraining.Data;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A model trained by LightGBM here, exported, and scored by both on many kinds of rows. */
class OnnxParityTest {

  static {
    // lightgbm4j's own loader races with other JVMs; see LightGbmNative.
    fr.pretadepenser.scoring.model.LightGbmNative.load();
  }

  static final int COLS = 20;
  static Data train;
  static String text;
  static LightGbmModelText model;
  static byte[] onnx;

  @BeforeAll
  static void trainAndExport() throws Exception {
    // ~20% NaN on f0..f14; f15..f19 never NaN in training, so their splits are of missing type
    // None and NaN at prediction time must go where 0.0 goes.
    train = LightGbmTraining.synthetic(4_000, COLS, 1, 0.2, false);
    text = LightGbmTraining.train(train, LightGbmTraining.PARAMS, 100);
    model = LightGbmModelText.parse(text);
    onnx = OnnxExport.export(model, model.featureNames(), 0.5, Map.of("test", "parity")).onnx();
  }

  @Test
  void theTrainedModelExercisesEveryKindOfSplit() {
    List<Split> splits = model.trees().stream().flatMap(t -> t.splits().stream()).toList();
    assertThat(model.trees()).hasSize(100);
    assertThat(splits).anyMatch(s -> s.missingType() == MissingType.NONE);
    assertThat(splits).anyMatch(s -> s.missingType() == MissingType.NAN && s.defaultLeft());
    assertThat(splits).anyMatch(s -> s.missingType() == MissingType.NAN && !s.defaultLeft());
    assertThat(splits).anyMatch(s -> s.threshold() == -OnnxExport.ZERO_THRESHOLD);
    assertThat(splits).anyMatch(s -> s.threshold() == OnnxExport.ZERO_THRESHOLD);
    // Shrinkage is informational: the leaf values already carry it.
    assertThat(model.trees().get(1).shrinkage()).isEqualTo(0.1);
  }

  @Test
  void trainingRowsScoreTheSame() {
    report("training rows", train);
  }

  @Test
  void freshRowsWithNaNInEveryFeatureScoreTheSame() {
    report(
        "fresh rows, NaN in every feature", LightGbmTraining.synthetic(20_000, COLS, 2, 0.3, true));
  }

  @Test
  void valuesAtAndOneFloatAroundEverySplitThresholdScoreTheSame() {
    Data base = LightGbmTraining.synthetic(500, COLS, 3, 0.2, true);
    List<float[]> rows = new ArrayList<>();
    int next = 0;
    for (Tree tree : model.trees()) {
      for (Split s : tree.splits()) {
        float t = (float) s.threshold();
        for (float v : new float[] {Math.nextDown(t), t, Math.nextUp(t)}) {
          float[] row = base.row(next++ % base.rows());
          row[s.feature()] = v;
          rows.add(row);
        }
      }
    }
    float[] special = {
      0f,
      -0f,
      1e-35f,
      -1e-35f,
      Math.nextUp(1e-35f),
      Math.nextDown(1e-35f),
      Math.nextUp(-1e-35f),
      Math.nextDown(-1e-35f),
      Float.MIN_VALUE,
      -Float.MIN_VALUE,
      Float.MIN_NORMAL,
      Float.MAX_VALUE,
      -Float.MAX_VALUE,
      Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY,
      Float.NaN
    };
    for (int f = 0; f < COLS; f++) {
      for (float v : special) {
        float[] row = base.row(next++ % base.rows());
        row[f] = v;
        rows.add(row);
      }
    }
    float[] x = new float[rows.size() * COLS];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, x, r * COLS, COLS);
    }
    report("threshold probes", new Data(x, new float[rows.size()], rows.size(), COLS));
  }

  /**
   * Margins and single-row probabilities must be equal to the bit. Batch probabilities go through
   * Eigen's vectorized exp instead of the C library's, which may differ in the last bit.
   */
  private static void report(String what, Data data) {
    OnnxParity.Result result =
        OnnxParity.compare(text, onnx, data.x(), data.rows(), data.cols(), 3_000);
    System.out.printf(
        "ONNX parity, %s: %d rows, max |Δmargin| = %s, max |Δp| single row = %s, batch = %s%n",
        what,
        result.rows(),
        result.maxAbsMarginDiff(),
        result.maxAbsSingleRowProbabilityDiff(),
        result.maxAbsBatchProbabilityDiff());
    assertThat(result.rows()).isEqualTo(data.rows());
    assertThat(result.maxAbsMarginDiff()).isZero();
    assertThat(result.maxAbsSingleRowProbabilityDiff()).isZero();
    assertThat(result.maxAbsProbabilityDiff()).isLessThanOrEqualTo(1e-12);
  }

  @Test
  void lightGbmComputesWhatTheParsedModelSays() throws Exception {
    // An independent reading of the parsed trees (leaf values summed, no shrinkage applied)
    // against LightGBM's raw scores, single-row API included.
    Data data = LightGbmTraining.synthetic(2_000, COLS, 4, 0.3, true);
    try (LGBMBooster booster = LGBMBooster.loadModelFromString(text)) {
      double[] raw =
          booster.predictForMat(
              data.x(), data.rows(), data.cols(), true, PredictionType.C_API_PREDICT_RAW_SCORE);
      for (int r = 0; r < data.rows(); r++) {
        assertThat(LightGbmSemantics.margin(model, data.row(r))).as("row %d", r).isEqualTo(raw[r]);
      }
      for (int r = 0; r < 50; r++) {
        assertThat(
                booster.predictForMatSingleRow(data.row(r), PredictionType.C_API_PREDICT_RAW_SCORE))
            .isEqualTo(raw[r]);
      }
    }
  }

  @Test
  void batchingDoesNotChangeTheResult() {
    Data data = LightGbmTraining.synthetic(1_000, COLS, 5, 0.2, true);
    OnnxParity.Result one = OnnxParity.compare(text, onnx, data.x(), 1_000, COLS, 1_000);
    OnnxParity.Result many = OnnxParity.compare(text, onnx, data.x(), 1_000, COLS, 333);
    assertThat(many).isEqualTo(one);
    assertThat(OnnxParity.maxAbsProbabilityDiff(text, onnx, data.x(), 1_000, COLS))
        .isEqualTo(one.maxAbsProbabilityDiff());
  }

  @Test
  void singleRowAndBatchMarginsAreEqual() {
    Data data = LightGbmTraining.synthetic(200, COLS, 6, 0.2, true);
    try (OnnxModel m = OnnxModel.load(onnx, "parity")) {
      float[][] rows = new float[data.rows()][];
      for (int r = 0; r < rows.length; r++) {
        rows[r] = data.row(r);
      }
      double[] margins = m.margins(rows);
      double[] probabilities = m.probabilities(rows);
      for (int r = 0; r < rows.length; r++) {
        assertThat(m.margin(rows[r])).isEqualTo(margins[r]);
        assertThat(m.probability(rows[r])).isCloseTo(probabilities[r], within(1e-15));
      }
    }
  }

  @Test
  void aConstantModelTrainedByLightGbm() throws Exception {
    // No split can hold min_data_in_leaf rows: LightGBM keeps one single-leaf tree (the prior).
    String constant =
        LightGbmTraining.train(
            train,
            "objective=binary num_threads=1 deterministic=true seed=7 verbose=-1"
                + " min_data_in_leaf=4000",
            10);
    LightGbmModelText parsed = LightGbmModelText.parse(constant);
    assertThat(parsed.trees()).singleElement().satisfies(t -> assertThat(t.numLeaves()).isOne());
    byte[] bytes = OnnxExport.export(parsed, parsed.featureNames(), 0.5, Map.of()).onnx();
    OnnxParity.Result result =
        OnnxParity.compare(constant, bytes, train.x(), train.rows(), COLS, 10_000);
    assertThat(result.maxAbsMarginDiff()).isZero();
    assertThat(result.maxAbsSingleRowProbabilityDiff()).isZero();
    assertThat(result.maxAbsProbabilityDiff()).isLessThanOrEqualTo(1e-12);
  }
}
