package fr.pretadepenser.scoring.training.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.microsoft.ml.lightgbm.PredictionType;
import fr.pretadepenser.scoring.model.ModelMetadata;
import fr.pretadepenser.scoring.model.OnnxModel;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText;
import fr.pretadepenser.scoring.training.onnx.OnnxExport.ExportedModel;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxExportTest {

  static {
    // lightgbm4j's own loader races with other JVMs; see LightGbmNative.
    fr.pretadepenser.scoring.model.LightGbmNative.load();
  }

  static final double L0 = 0.1111111111111111;
  static final double L1 = -0.3333333333333333;
  static final double L2 = 0.7071067811865476;
  static final double M0 = -0.7;
  static final double M1 = 0.3;
  static final float A = 0.3f;
  static final float B = -1.5f;
  static final float K = 1e-35f;

  /**
   * Tree 0: a ≤ 0.3f (NaN type, NaN goes left) ? (b ≤ -1.5 (type None) ? L0 : L1) : L2. Tree 1: c ≤
   * −1e-35 (NaN type, NaN goes right) ? M0 : M1. The thresholds are floats widened to double, as
   * LightGBM writes them, and −1e-35 is the bound of LightGBM's zero bin.
   */
  static final String TWO_TREES =
      """
      tree
      version=v4
      num_class=1
      num_tree_per_iteration=1
      label_index=0
      max_feature_idx=2
      objective=binary sigmoid:1
      feature_names=a b c
      feature_infos=[-10:10] [-10:10] [-10:10]

      Tree=0
      num_leaves=3
      num_cat=0
      split_feature=0 1
      threshold=0.30000001192092896 -1.5
      decision_type=10 0
      left_child=1 -1
      right_child=-3 -2
      leaf_value=0.1111111111111111 -0.33333333333333331 0.70710678118654757
      is_linear=0
      shrinkage=1


      Tree=1
      num_leaves=2
      num_cat=0
      split_feature=2
      threshold=-1.0000000180025095e-35
      decision_type=8
      left_child=-1
      right_child=-2
      leaf_value=-0.69999999999999996 0.29999999999999999
      is_linear=0
      shrinkage=0.1


      end of trees
      """;

  /** A row and the leaves LightGBM reaches, worked out from the trees above. */
  record Case(String why, float a, float b, float c, double tree0, double tree1) {}

  static final List<Case> CASES =
      List.of(
          new Case("zeros, c positive", 0f, 0f, 1f, L1, M1),
          new Case("NaN follows the defaults", Float.NaN, -2f, Float.NaN, L0, M1),
          new Case("a at its threshold goes left; NaN b reads 0.0", A, Float.NaN, -1f, L1, M0),
          new Case("a one float above; c = -1e-35 reads 0.0", Math.nextUp(A), B, -K, L2, M1),
          new Case("a one float below; b at its threshold", Math.nextDown(A), B, 0f, L0, M1),
          new Case(
              "b one float above; c below the band",
              0.1f,
              Math.nextUp(B),
              Math.nextDown(-K),
              L1,
              M0),
          new Case(
              "b one float below; c inside the band",
              0.1f,
              Math.nextDown(B),
              Math.nextUp(-K),
              L0,
              M1),
          new Case("NaN b on a None split; tiny c", -5f, Float.NaN, Float.MIN_VALUE, L1, M1),
          new Case("all NaN; tiny negative c", Float.NaN, Float.NaN, -Float.MIN_VALUE, L1, M1));

  static ExportedModel export(String text, double threshold, Map<String, String> provenance) {
    LightGbmModelText model = LightGbmModelText.parse(text);
    return OnnxExport.export(model, model.featureNames(), threshold, provenance);
  }

  @Test
  void twoTreesGiveTheHandComputedMarginsAndProbabilities() throws Exception {
    ExportedModel exported = export(TWO_TREES, 0.5, Map.of());
    try (OnnxModel onnx = OnnxModel.load(exported.onnx(), "two trees");
        LGBMBooster lightGbm = LGBMBooster.loadModelFromString(TWO_TREES)) {
      for (Case c : CASES) {
        float[] row = {c.a(), c.b(), c.c()};
        double margin = c.tree0() + c.tree1();
        double p = 1 / (1 + Math.exp(-margin));
        assertThat(onnx.margin(row)).as(c.why()).isEqualTo(margin);
        // Java's exp and the C library's may differ in the last bit: the hand value is checked
        // to 1e-15, LightGBM's to the bit.
        assertThat(onnx.probability(row)).as(c.why()).isCloseTo(p, within(1e-15));
        assertThat(lightGbm.predictForMatSingleRow(row, PredictionType.C_API_PREDICT_RAW_SCORE))
            .as("LightGBM agrees with the hand computation: " + c.why())
            .isEqualTo(margin);
        assertThat(onnx.probability(row))
            .as(c.why())
            .isEqualTo(lightGbm.predictForMatSingleRow(row, PredictionType.C_API_PREDICT_NORMAL));
      }
    }
  }

  @Test
  void lightGbmReadsMinusTheZeroBandAsZeroSoTheExportMovesThatThreshold() {
    // Without the move, ONNX would send c = -1e-35f left (x <= t) where LightGBM sends it right.
    assertThat(OnnxExport.onnxThreshold(-OnnxExport.ZERO_THRESHOLD))
        .isEqualTo(Math.nextDown(-OnnxExport.ZERO_THRESHOLD));
    assertThat(OnnxExport.onnxThreshold(OnnxExport.ZERO_THRESHOLD))
        .isEqualTo(OnnxExport.ZERO_THRESHOLD);
    assertThat(OnnxExport.onnxThreshold(0.0)).isEqualTo(OnnxExport.ZERO_THRESHOLD);
    assertThat(OnnxExport.onnxThreshold(-1e-40))
        .isEqualTo(Math.nextDown(-OnnxExport.ZERO_THRESHOLD));
    assertThat(OnnxExport.onnxThreshold(-1.5)).isEqualTo(-1.5);
    assertThat(OnnxExport.onnxThreshold(2e-35)).isEqualTo(2e-35);
  }

  static final String SINGLE_LEAF_THEN_SPLIT =
      """
      tree
      version=v4
      num_class=1
      num_tree_per_iteration=1
      label_index=0
      max_feature_idx=1
      objective=binary sigmoid:1
      feature_names=x y
      feature_infos=[-10:10] [-10:10]

      Tree=0
      num_leaves=1
      num_cat=0
      split_feature=
      split_gain=
      threshold=
      decision_type=
      left_child=
      right_child=
      leaf_value=-1.2345678901234567
      leaf_weight=0
      leaf_count=0
      internal_value=
      internal_weight=
      internal_count=
      is_linear=0
      shrinkage=1


      Tree=1
      num_leaves=2
      num_cat=0
      split_feature=1
      threshold=2.5
      decision_type=2
      left_child=-1
      right_child=-2
      leaf_value=0.25 -0.5
      is_linear=0
      shrinkage=0.1


      end of trees
      """;

  @Test
  void singleLeafTreeAddsItsValueWhateverTheInput() throws Exception {
    ExportedModel exported = export(SINGLE_LEAF_THEN_SPLIT, 0.5, Map.of());
    double leaf = -1.2345678901234567;
    try (OnnxModel onnx = OnnxModel.load(exported.onnx(), "single leaf");
        LGBMBooster lightGbm = LGBMBooster.loadModelFromString(SINGLE_LEAF_THEN_SPLIT)) {
      float[][] rows = {
        {0f, 0f}, {-1f, 2.5f}, {1f, Math.nextUp(2.5f)}, {Float.NaN, Float.NaN}, {1e30f, -3f}
      };
      double[] expected = {leaf + 0.25, leaf + 0.25, leaf - 0.5, leaf + 0.25, leaf + 0.25};
      assertThat(onnx.margins(rows)).containsExactly(expected);
      for (int i = 0; i < rows.length; i++) {
        assertThat(onnx.probability(rows[i]))
            .isEqualTo(
                lightGbm.predictForMatSingleRow(rows[i], PredictionType.C_API_PREDICT_NORMAL));
      }
    }
  }

  @Test
  void modelOfOneSingleLeafTree() throws Exception {
    String text =
        SINGLE_LEAF_THEN_SPLIT.substring(0, SINGLE_LEAF_THEN_SPLIT.indexOf("Tree=1"))
            + "end of trees\n";
    try (OnnxModel onnx = OnnxModel.load(export(text, 0.5, Map.of()).onnx(), "constant")) {
      assertThat(onnx.margins(new float[][] {{0f, 0f}, {Float.NaN, 7f}, {-7f, Float.NaN}}))
          .containsExactly(-1.2345678901234567, -1.2345678901234567, -1.2345678901234567);
    }
  }

  @Test
  void metadataCarryVersionThresholdFeaturesAndProvenance() {
    Map<String, String> provenance =
        Map.of("training_data_sha256", "abc123", "params", "{\"num_leaves\":3}", "code", "g1");
    ExportedModel exported = export(TWO_TREES, 0.42, provenance);
    try (OnnxModel onnx = OnnxModel.load(exported.onnx(), "metadata")) {
      ModelMetadata meta = onnx.metadata();
      assertThat(meta.modelVersion())
          .isEqualTo(exported.modelVersion())
          .matches("lgbm-[0-9a-f]{16}");
      assertThat(meta.threshold()).isEqualTo(0.42);
      assertThat(meta.featureNames()).containsExactly("a", "b", "c");
      assertThat(meta.provenance()).isEqualTo(provenance);
    }
  }

  @Test
  void versionIsAContentHash() {
    Map<String, String> one = new java.util.LinkedHashMap<>();
    one.put("x", "1");
    one.put("y", "2");
    Map<String, String> sameOtherOrder = new java.util.LinkedHashMap<>();
    sameOtherOrder.put("y", "2");
    sameOtherOrder.put("x", "1");
    ExportedModel first = export(TWO_TREES, 0.3, one);
    assertThat(export(TWO_TREES, 0.3, sameOtherOrder)).isEqualTo(first);
    assertThat(export(TWO_TREES, 0.31, one).modelVersion()).isNotEqualTo(first.modelVersion());
    assertThat(export(TWO_TREES, 0.3, Map.of("x", "1", "y", "3")).modelVersion())
        .isNotEqualTo(first.modelVersion());
    String otherLeaf = TWO_TREES.replace("0.29999999999999999", "0.29999999999999993");
    assertThat(export(otherLeaf, 0.3, one).modelVersion()).isNotEqualTo(first.modelVersion());
  }

  @Test
  void graphIsTheDocumentedEncoding() throws Exception {
    ModelProto proto = ModelProto.parseFrom(export(TWO_TREES, 0.5, Map.of()).onnx());
    assertThat(proto.getIrVersion()).isEqualTo(10);
    assertThat(proto.getOpsetImportList())
        .extracting(o -> o.getDomain() + ":" + o.getVersion())
        .containsExactly(":21", "ai.onnx.ml:5");
    assertThat(proto.getMetadataProps(0).getKey()).isEqualTo(OnnxModel.KEY_VERSION);
    NodeProto trees = proto.getGraph().getNode(0);
    assertThat(trees.getOpType()).isEqualTo("TreeEnsemble");
    // 1 / (1 + exp(-margin)) as LightGBM writes it, not the Sigmoid operator (see README).
    assertThat(proto.getGraph().getNodeList())
        .extracting(NodeProto::getOpType)
        .containsExactly("TreeEnsemble", "Neg", "Exp", "Add", "Div");
    Map<String, AttributeProto> a =
        trees.getAttributeList().stream()
            .collect(java.util.stream.Collectors.toMap(AttributeProto::getName, x -> x));
    assertThat(a.get("tree_roots").getIntsList()).containsExactly(0L, 2L);
    assertThat(a.get("nodes_featureids").getIntsList()).containsExactly(0L, 1L, 2L);
    assertThat(doubles(a.get("nodes_splits").getT()))
        .containsExactly(0.30000001192092896, -1.5, Math.nextDown(-OnnxExport.ZERO_THRESHOLD));
    assertThat(a.get("nodes_modes").getT().getRawData().toByteArray()).containsExactly(0, 0, 0);
    assertThat(a.get("nodes_truenodeids").getIntsList()).containsExactly(1L, 0L, 3L);
    assertThat(a.get("nodes_trueleafs").getIntsList()).containsExactly(0L, 1L, 1L);
    assertThat(a.get("nodes_falsenodeids").getIntsList()).containsExactly(2L, 1L, 4L);
    assertThat(a.get("nodes_falseleafs").getIntsList()).containsExactly(1L, 1L, 1L);
    // NaN goes left on tree 0's NaN split, where 0.0 goes (right) on the None split, right on
    // tree 1's NaN split.
    assertThat(a.get("nodes_missing_value_tracks_true").getIntsList()).containsExactly(1L, 0L, 0L);
    assertThat(doubles(a.get("leaf_weights").getT())).containsExactly(L0, L1, L2, M0, M1);
    assertThat(a.get("leaf_targetids").getIntsList()).containsOnly(0L);
    assertThat(a.get("n_targets").getI()).isEqualTo(1);
    assertThat(a.get("aggregate_function").getI()).isEqualTo(1);
    assertThat(a.get("post_transform").getI()).isZero();
  }

  private static double[] doubles(TensorProto t) {
    assertThat(t.getDataType()).isEqualTo(TensorProto.DataType.DOUBLE_VALUE);
    ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    double[] values = new double[raw.remaining() / Double.BYTES];
    raw.asDoubleBuffer().get(values);
    return values;
  }

  @Test
  void refusesWhatWouldBreakTheContract() {
    LightGbmModelText model = LightGbmModelText.parse(TWO_TREES);
    assertThatThrownBy(() -> OnnxExport.export(model, List.of("a", "b"), 0.5, Map.of()))
        .hasMessageContaining("2 feature names for a model of 3 features");
    assertThatThrownBy(() -> OnnxExport.export(model, List.of("a", "c", "b"), 0.5, Map.of()))
        .hasMessageContaining("feature 1 is 'c' but the model was trained with 'b'");
    assertThatThrownBy(() -> OnnxExport.export(model, model.featureNames(), 1.5, Map.of()))
        .hasMessageContaining("threshold must be a probability");
    assertThatThrownBy(
            () ->
                OnnxExport.export(
                    model, model.featureNames(), 0.5, Map.of(OnnxModel.KEY_VERSION, "mine")))
        .hasMessageContaining("reserved");
  }

  @Test
  void lightGbmDefaultNamesAcceptAnyNames() {
    LightGbmModelText model =
        LightGbmModelText.parse(
            TWO_TREES.replace("feature_names=a b c", "feature_names=Column_0 Column_1 Column_2"));
    assertThat(OnnxExport.export(model, List.of("x", "y", "z"), 0.5, Map.of()).modelVersion())
        .startsWith("lgbm-");
  }
}
