package fr.pretadepenser.scoring.training.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText.MissingType;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText.Split;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText.Tree;
import fr.pretadepenser.scoring.training.onnx.LightGbmTraining.Data;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class LightGbmModelTextTest {

  static final String PARAMS = "num_threads=1 deterministic=true seed=7 verbose=-1 num_leaves=7";

  @Test
  void parsesTheHandWrittenModel() {
    LightGbmModelText model = LightGbmModelText.parse(OnnxExportTest.TWO_TREES);
    assertThat(model.featureCount()).isEqualTo(3);
    assertThat(model.featureNames()).containsExactly("a", "b", "c");
    assertThat(model.objective()).isEqualTo("binary sigmoid:1");
    assertThat(model.trees()).hasSize(2);
    Tree first = model.trees().get(0);
    assertThat(first.splits())
        .containsExactly(
            new Split(0, 0.30000001192092896, 10, 1, -3), new Split(1, -1.5, 0, -1, -2));
    assertThat(first.leafValues())
        .containsExactly(OnnxExportTest.L0, OnnxExportTest.L1, OnnxExportTest.L2);
    assertThat(first.splits().get(0).missingType()).isEqualTo(MissingType.NAN);
    assertThat(first.splits().get(0).defaultLeft()).isTrue();
    assertThat(first.splits().get(1).missingType()).isEqualTo(MissingType.NONE);
    assertThat(model.trees().get(1).shrinkage()).isEqualTo(0.1);
  }

  @Test
  void parsesSingleLeafTrees() {
    LightGbmModelText model = LightGbmModelText.parse(OnnxExportTest.SINGLE_LEAF_THEN_SPLIT);
    Tree constant = model.trees().get(0);
    assertThat(constant.splits()).isEmpty();
    assertThat(constant.numLeaves()).isOne();
    assertThat(constant.leafValues()).containsExactly(-1.2345678901234567);
  }

  @Test
  void numbersAreReadToTheBitLightGbmPrinted() throws Exception {
    Data data = LightGbmTraining.synthetic(1_000, 8, 11, 0.2, false);
    String text = LightGbmTraining.train(data, "objective=binary " + PARAMS, 20);
    LightGbmModelText model = LightGbmModelText.parse(text);
    List<String> printed =
        text.lines()
            .filter(l -> l.startsWith("threshold=") || l.startsWith("leaf_value="))
            .flatMap(l -> List.of(l.substring(l.indexOf('=') + 1).split(" ")).stream())
            .toList();
    List<Double> parsed =
        model.trees().stream()
            .flatMap(
                t ->
                    java.util.stream.Stream.concat(
                        t.splits().stream().map(Split::threshold), t.leafValues().stream()))
            .toList();
    assertThat(parsed).hasSameSizeAs(printed).hasSize(20 * (6 + 7));
    // LightGBM prints 17 significant digits: each token is the exact value rounded to 17 digits.
    for (int i = 0; i < printed.size(); i++) {
      BigDecimal exact = new BigDecimal(parsed.get(i));
      assertThat(exact.round(new MathContext(17)).compareTo(new BigDecimal(printed.get(i))))
          .as(printed.get(i))
          .isZero();
    }
  }

  @Test
  void refusesCategoricalSplits() throws Exception {
    Data data = LightGbmTraining.synthetic(2_000, 6, 12, 0.0, false);
    float[] x = data.x().clone();
    for (int r = 0; r < data.rows(); r++) {
      x[r * 6] = r % 7;
      data.y()[r] = (r % 7 == 3 || r % 7 == 5) ? 1f : data.y()[r];
    }
    Data categorical = new Data(x, data.y(), data.rows(), 6);
    String text =
        LightGbmTraining.train(categorical, "objective=binary categorical_feature=0 " + PARAMS, 5);
    assertThat(text).contains("cat_threshold=");
    assertThatThrownBy(() -> LightGbmModelText.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("categorical splits");
    String handWritten =
        OnnxExportTest.TWO_TREES.replace("decision_type=10 0", "decision_type=11 0");
    assertThatThrownBy(() -> LightGbmModelText.parse(handWritten))
        .hasMessage("tree 0, node 0: categorical split, which the export does not support");
  }

  @Test
  void refusesMissingTypeZero() throws Exception {
    Data data = LightGbmTraining.synthetic(2_000, 8, 13, 0.2, false);
    String text =
        LightGbmTraining.train(data, "objective=binary zero_as_missing=true " + PARAMS, 5);
    assertThatThrownBy(() -> LightGbmModelText.parse(text))
        .hasMessageContaining("missing type Zero (zero_as_missing=true) cannot be exported");
  }

  @Test
  void refusesMulticlassAndOtherObjectives() throws Exception {
    Data data = LightGbmTraining.synthetic(1_500, 6, 14, 0.1, false);
    float[] classes = new float[data.rows()];
    for (int r = 0; r < classes.length; r++) {
      classes[r] = r % 3;
    }
    String multiclass =
        LightGbmTraining.train(
            new Data(data.x(), classes, data.rows(), 6),
            "objective=multiclass num_class=3 " + PARAMS,
            3);
    assertThatThrownBy(() -> LightGbmModelText.parse(multiclass))
        .hasMessageContaining("cannot export a multiclass model (num_class=3");
    String regression = LightGbmTraining.train(data, "objective=regression " + PARAMS, 3);
    assertThatThrownBy(() -> LightGbmModelText.parse(regression))
        .hasMessageContaining("cannot export objective 'regression'");
    String scaled = OnnxExportTest.TWO_TREES.replace("sigmoid:1", "sigmoid:2");
    assertThatThrownBy(() -> LightGbmModelText.parse(scaled))
        .hasMessageContaining("cannot export objective 'binary sigmoid:2'");
  }

  @Test
  void refusesLinearTrees() throws Exception {
    Data data = LightGbmTraining.synthetic(1_500, 6, 15, 0.0, false);
    String text = LightGbmTraining.train(data, "objective=binary linear_tree=true " + PARAMS, 3);
    assertThatThrownBy(() -> LightGbmModelText.parse(text))
        .hasMessageContaining("linear tree (is_linear=1)");
  }

  @Test
  void refusesMalformedText() {
    assertThatThrownBy(() -> LightGbmModelText.parse("hello"))
        .hasMessageContaining("not a LightGBM text model");
    assertThatThrownBy(
            () ->
                LightGbmModelText.parse(
                    OnnxExportTest.TWO_TREES.replace("version=v4", "version=v2")))
        .hasMessageContaining("only v4");
    assertThatThrownBy(
            () ->
                LightGbmModelText.parse(
                    OnnxExportTest.TWO_TREES.replace("left_child=1 -1", "left_child=1")))
        .hasMessage("tree 0: left_child has 1 entries, expected 2");
    assertThatThrownBy(
            () ->
                LightGbmModelText.parse(
                    OnnxExportTest.TWO_TREES.replace("right_child=-3 -2", "right_child=-2 -2")))
        .hasMessageContaining("is not a tree leaf");
    assertThatThrownBy(
            () -> LightGbmModelText.parse(OnnxExportTest.TWO_TREES.replace("end of trees", "")))
        .hasMessageContaining("expected 'end of trees'");
    assertThatThrownBy(
            () ->
                LightGbmModelText.parse(
                    OnnxExportTest.TWO_TREES.replace("split_feature=2\n", "split_feature=3\n")))
        .hasMessage("tree 1, node 0: feature 3 out of range");
  }
}
