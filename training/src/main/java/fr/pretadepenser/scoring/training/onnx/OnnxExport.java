package fr.pretadepenser.scoring.training.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import fr.pretadepenser.scoring.model.OnnxModel;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText.MissingType;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText.Split;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText.Tree;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a LightGBM binary model as an ONNX model that computes the same margins bit for bit, and
 * the same probabilities bit for bit when scored one row at a time: {@code features} double [N, F]
 * → ai.onnx.ml {@code TreeEnsemble} (opset 5, double) → {@code margin} double [N, 1] → {@code 1 /
 * (1 + exp(-margin))} → {@code probability} double [N, 1].
 *
 * <p>The metadata carry what {@link OnnxModel} reads ({@value OnnxModel#KEY_VERSION}, {@value
 * OnnxModel#KEY_THRESHOLD}, {@value OnnxModel#KEY_FEATURES}) and the caller's provenance.
 */
public final class OnnxExport {

  static final long IR_VERSION = 10;
  static final long ONNX_OPSET = 21;
  static final long ML_OPSET = 5;
  static final String ML_DOMAIN = "ai.onnx.ml";
  static final String PRODUCER = "pret-a-depenser-scoring-training";
  static final String VERSION_PREFIX = "lgbm-";
  private static final String ONE = "one";

  /**
   * LightGBM's {@code kZeroThreshold} ({@code 1e-35f} widened to double). Its prediction API drops
   * any input whose magnitude is at most this before the trees see it, i.e. reads it as 0.0.
   */
  static final double ZERO_THRESHOLD = 1e-35f;

  private static final Set<String> RESERVED_KEYS =
      Set.of(OnnxModel.KEY_VERSION, OnnxModel.KEY_THRESHOLD, OnnxModel.KEY_FEATURES);
  private static final ObjectMapper JSON = new ObjectMapper();

  private OnnxExport() {}

  /** The serialized model and the content hash stamped in its metadata. */
  public record ExportedModel(byte[] onnx, String modelVersion) {
    public ExportedModel {
      onnx = onnx.clone();
    }

    @Override
    public byte[] onnx() {
      return onnx.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ExportedModel that
          && java.util.Arrays.equals(onnx, that.onnx)
          && modelVersion.equals(that.modelVersion);
    }

    @Override
    public int hashCode() {
      return 31 * java.util.Arrays.hashCode(onnx) + modelVersion.hashCode();
    }

    @Override
    public String toString() {
      return "ExportedModel[" + modelVersion + ", " + onnx.length + " bytes]";
    }
  }

  /**
   * Exports {@code model}.
   *
   * @param featureNames the model's inputs in order; when LightGBM stored real names (not its
   *     {@code Column_i} defaults) they must be the same, which catches a shuffled feature order
   * @param threshold the decision threshold, a probability in [0, 1]
   * @param provenance free-form metadata (training data hash, parameters, code version…); part of
   *     the content hash, so the same trees with another provenance get another version
   * @return the model and its version: {@value #VERSION_PREFIX} + the first 16 hex digits of the
   *     SHA-256 of the model serialized without its version
   */
  public static ExportedModel export(
      LightGbmModelText model,
      List<String> featureNames,
      double threshold,
      Map<String, String> provenance) {
    checkFeatureNames(model, featureNames);
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
      throw new IllegalArgumentException("threshold must be a probability, got " + threshold);
    }
    for (String key : provenance.keySet()) {
      if (RESERVED_KEYS.contains(key)) {
        throw new IllegalArgumentException("provenance key '" + key + "' is reserved");
      }
    }
    List<StringStringEntryProto> metadata = new ArrayList<>();
    metadata.add(entry(OnnxModel.KEY_THRESHOLD, Double.toString(threshold)));
    metadata.add(entry(OnnxModel.KEY_FEATURES, json(featureNames)));
    // Sorted, so that equal provenance maps serialize (and hash) the same whatever their order.
    new TreeMap<>(provenance).forEach((k, v) -> metadata.add(entry(k, v)));

    ModelProto.Builder builder = skeleton(model, featureNames.size());
    byte[] unversioned = builder.clone().addAllMetadataProps(metadata).build().toByteArray();
    String version =
        VERSION_PREFIX + HexFormat.of().formatHex(sha256(unversioned)).substring(0, 16);
    byte[] onnx =
        builder
            .addMetadataProps(entry(OnnxModel.KEY_VERSION, version))
            .addAllMetadataProps(metadata)
            .build()
            .toByteArray();
    return new ExportedModel(onnx, version);
  }

  private static void checkFeatureNames(LightGbmModelText model, List<String> featureNames) {
    if (featureNames.size() != model.featureCount()) {
      throw new IllegalArgumentException(
          featureNames.size()
              + " feature names for a model of "
              + model.featureCount()
              + " features");
    }
    List<String> stored = model.featureNames();
    boolean defaults = true;
    for (int i = 0; i < stored.size() && defaults; i++) {
      defaults = stored.get(i).equals("Column_" + i);
    }
    if (!defaults && !stored.equals(featureNames)) {
      for (int i = 0; i < stored.size(); i++) {
        if (!stored.get(i).equals(featureNames.get(i))) {
          throw new IllegalArgumentException(
              "feature "
                  + i
                  + " is '"
                  + featureNames.get(i)
                  + "' but the model was trained with '"
                  + stored.get(i)
                  + "'");
        }
      }
    }
  }

  private static ModelProto.Builder skeleton(LightGbmModelText model, int width) {
    GraphProto graph =
        GraphProto.newBuilder()
            .setName("lightgbm_binary")
            .addInput(tensor(OnnxModel.INPUT, width))
            .addNode(treeEnsemble(model.trees()))
            .addInitializer(scalar(ONE, 1.0))
            .addAllNode(sigmoid(OnnxModel.MARGIN, OnnxModel.OUTPUT))
            .addOutput(tensor(OnnxModel.MARGIN, 1))
            .addOutput(tensor(OnnxModel.OUTPUT, 1))
            .build();
    return ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(ONNX_OPSET))
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(ML_DOMAIN).setVersion(ML_OPSET))
        .setProducerName(PRODUCER)
        .setDocString(
            "LightGBM binary classifier ("
                + model.trees().size()
                + " trees, "
                + width
                + " features), exported exactly: "
                + OnnxModel.MARGIN
                + " = sum of the trees (log-odds), "
                + OnnxModel.OUTPUT
                + " = 1 / (1 + exp(-margin)). NaN is a missing value.")
        .setGraph(graph);
  }

  /**
   * LightGBM's own sigmoid, {@code 1.0 / (1.0 + exp(-margin))}, operation by operation. The
   * standard Sigmoid operator gives the same function but not the same bits: onnxruntime computes
   * {@code 1 - 1 / (1 + exp(x))} for negative x and so differs from LightGBM in the last bit or two
   * on about a third of the rows. Neg, Add and Div are exact in IEEE arithmetic, and Exp on a
   * single value calls the C library's exp as LightGBM does, so a single row's probability is
   * LightGBM's to the bit. On a batch, onnxruntime's Exp runs Eigen's vectorized exp, which can
   * still differ from the C library's in the last bit.
   */
  static List<NodeProto> sigmoid(String margin, String probability) {
    return List.of(
        op("Neg", "neg_margin", margin),
        op("Exp", "exp_neg_margin", "neg_margin"),
        op("Add", "one_plus_exp", ONE, "exp_neg_margin"),
        op("Div", probability, ONE, "one_plus_exp"));
  }

  private static NodeProto op(String type, String output, String... inputs) {
    return NodeProto.newBuilder()
        .setName(output)
        .setOpType(type)
        .addAllInput(List.of(inputs))
        .addOutput(output)
        .build();
  }

  private static TensorProto scalar(String name, double value) {
    return TensorProto.newBuilder()
        .setName(name)
        .setDataType(TensorProto.DataType.DOUBLE_VALUE)
        .setRawData(
            ByteString.copyFrom(
                ByteBuffer.allocate(Double.BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putDouble(value)
                    .array()))
        .build();
  }

  /** The flattened forest, in the layout of TreeEnsemble's {@code nodes_*} and {@code leaf_*}. */
  static final class Forest {
    final List<Long> featureIds = new ArrayList<>();
    final List<Double> splits = new ArrayList<>();
    final List<Long> missingTracksTrue = new ArrayList<>();
    final List<Long> trueIds = new ArrayList<>();
    final List<Long> trueLeafs = new ArrayList<>();
    final List<Long> falseIds = new ArrayList<>();
    final List<Long> falseLeafs = new ArrayList<>();
    final List<Double> leafWeights = new ArrayList<>();
    final List<Long> roots = new ArrayList<>();

    static Forest of(List<Tree> trees) {
      Forest forest = new Forest();
      trees.forEach(forest::add);
      return forest;
    }

    private void add(Tree tree) {
      long nodeBase = featureIds.size();
      long leafBase = leafWeights.size();
      roots.add(nodeBase);
      if (tree.splits().isEmpty()) {
        // onnxruntime evaluates a tree whose root is a leaf wrongly, so a constant tree becomes a
        // split whose two branches are the same value: the result cannot depend on the input.
        double value = tree.leafValues().get(0);
        node(0, 0.0, false, leafBase, true, leafBase + 1, true);
        leafWeights.add(value);
        leafWeights.add(value);
        return;
      }
      for (Split s : tree.splits()) {
        node(
            s.feature(),
            onnxThreshold(s.threshold()),
            nanGoesLeft(s),
            s.left() >= 0 ? nodeBase + s.left() : leafBase + ~s.left(),
            s.left() < 0,
            s.right() >= 0 ? nodeBase + s.right() : leafBase + ~s.right(),
            s.right() < 0);
      }
      leafWeights.addAll(tree.leafValues());
    }

    private void node(
        long feature,
        double split,
        boolean nanTrue,
        long trueId,
        boolean trueLeaf,
        long falseId,
        boolean falseLeaf) {
      featureIds.add(feature);
      splits.add(split);
      missingTracksTrue.add(nanTrue ? 1L : 0L);
      trueIds.add(trueId);
      trueLeafs.add(trueLeaf ? 1L : 0L);
      falseIds.add(falseId);
      falseLeafs.add(falseLeaf ? 1L : 0L);
    }
  }

  /**
   * LightGBM sends NaN to the default side on NaN-type splits and reads it as 0.0 on splits that
   * saw no missing value in training (missing type None).
   */
  static boolean nanGoesLeft(Split s) {
    return s.missingType() == MissingType.NAN ? s.defaultLeft() : 0.0 <= s.threshold();
  }

  /**
   * The ONNX threshold that sends every double to the side LightGBM sends it. LightGBM's prediction
   * API reads any |x| ≤ {@link #ZERO_THRESHOLD} as 0.0, so a threshold within that band decides for
   * the whole band at once: x ≤ t becomes x ≤ +band when 0 ≤ t, and x &lt; −band when t &lt; 0.
   * LightGBM writes −band itself as a threshold (the upper bound of its last negative bin), so this
   * matters for real models; every other threshold is kept as it is.
   */
  static double onnxThreshold(double t) {
    if (Math.abs(t) > ZERO_THRESHOLD) {
      return t;
    }
    return t >= 0.0 ? ZERO_THRESHOLD : Math.nextDown(-ZERO_THRESHOLD);
  }

  private static NodeProto treeEnsemble(List<Tree> trees) {
    Forest f = Forest.of(trees);
    int nodes = f.featureIds.size();
    byte[] modes = new byte[nodes]; // all 0: BRANCH_LEQ, LightGBM's x <= threshold
    return NodeProto.newBuilder()
        .setName("tree_ensemble")
        .setOpType("TreeEnsemble")
        .setDomain(ML_DOMAIN)
        .addInput(OnnxModel.INPUT)
        .addOutput(OnnxModel.MARGIN)
        .addAttribute(ints("tree_roots", f.roots))
        .addAttribute(ints("nodes_featureids", f.featureIds))
        .addAttribute(tensorAttribute("nodes_splits", doubles(f.splits)))
        .addAttribute(
            tensorAttribute(
                "nodes_modes",
                TensorProto.newBuilder()
                    .setDataType(TensorProto.DataType.UINT8_VALUE)
                    .addDims(nodes)
                    .setRawData(ByteString.copyFrom(modes))
                    .build()))
        .addAttribute(ints("nodes_truenodeids", f.trueIds))
        .addAttribute(ints("nodes_trueleafs", f.trueLeafs))
        .addAttribute(ints("nodes_falsenodeids", f.falseIds))
        .addAttribute(ints("nodes_falseleafs", f.falseLeafs))
        .addAttribute(ints("nodes_missing_value_tracks_true", f.missingTracksTrue))
        .addAttribute(
            ints("leaf_targetids", java.util.Collections.nCopies(f.leafWeights.size(), 0L)))
        .addAttribute(tensorAttribute("leaf_weights", doubles(f.leafWeights)))
        .addAttribute(integer("n_targets", 1))
        .addAttribute(integer("aggregate_function", 1)) // SUM
        // The sigmoid is computed by separate nodes: onnxruntime ignores post_transform for one
        // target.
        .addAttribute(integer("post_transform", 0))
        .build();
  }

  private static TensorProto doubles(List<Double> values) {
    ByteBuffer raw = ByteBuffer.allocate(values.size() * Double.BYTES);
    raw.order(ByteOrder.LITTLE_ENDIAN); // raw_data is little-endian whatever the machine
    values.forEach(raw::putDouble);
    return TensorProto.newBuilder()
        .setDataType(TensorProto.DataType.DOUBLE_VALUE)
        .addDims(values.size())
        .setRawData(ByteString.copyFrom(raw.array()))
        .build();
  }

  private static AttributeProto tensorAttribute(String name, TensorProto tensor) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.TENSOR)
        .setT(tensor.toBuilder().setName(name))
        .build();
  }

  private static AttributeProto ints(String name, List<Long> values) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INTS)
        .addAllInts(values)
        .build();
  }

  private static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  /** A double tensor [N, columns] with a symbolic batch size. */
  private static ValueInfoProto tensor(String name, int columns) {
    TensorShapeProto shape =
        TensorShapeProto.newBuilder()
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(columns))
            .build();
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.DOUBLE_VALUE)
                        .setShape(shape)))
        .build();
  }

  private static StringStringEntryProto entry(String key, String value) {
    return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }

  private static String json(List<String> names) {
    try {
      return JSON.writeValueAsString(names);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
