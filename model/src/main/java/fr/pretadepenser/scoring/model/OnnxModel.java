package fr.pretadepenser.scoring.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exported model run by onnxruntime: input {@value #INPUT} double [N, F], outputs {@value
 * #MARGIN} (log-odds) and {@value #OUTPUT} (probability), both double [N, 1]. Features arrive as
 * float32 (the feature definition's type) and are widened to double losslessly, which is what
 * LightGBM does with them too.
 *
 * <p>The runtime wrapper only: it knows vectors, not applications. Scoring an application (feature
 * definition, this model, threshold) is {@link ApplicationScorer}'s.
 */
public final class OnnxModel implements AutoCloseable {

  public static final String INPUT = "features";
  public static final String MARGIN = "margin";
  public static final String OUTPUT = "probability";

  /** Metadata keys written by the exporter. */
  public static final String KEY_VERSION = "model_version";

  public static final String KEY_THRESHOLD = "threshold";
  public static final String KEY_FEATURES = "feature_names";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OrtEnvironment env;
  private final OrtSession session;
  private final ModelMetadata metadata;
  private final int width;

  /** One direct buffer per thread for single-row calls, so a decision allocates no native row. */
  private final ThreadLocal<DoubleBuffer> row;

  private OnnxModel(OrtEnvironment env, OrtSession session, ModelMetadata metadata) {
    this.env = env;
    this.session = session;
    this.metadata = metadata;
    this.width = metadata.featureNames().size();
    this.row =
        ThreadLocal.withInitial(
            () ->
                ByteBuffer.allocateDirect(width * Double.BYTES)
                    .order(ByteOrder.nativeOrder())
                    .asDoubleBuffer());
  }

  /** Loads model.onnx; fails with the file name when it is not a model this project wrote. */
  public static OnnxModel load(Path file) {
    try {
      return load(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw new BundleException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  public static OnnxModel load(byte[] model, String origin) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try {
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      // One thread inside a prediction keeps the trees' sum in one order, hence bit-exact
      // results; parallelism comes from Kafka partitions instead.
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      // No thread spins waiting for work (ONNX Runtime's pools spin by default): with one thread
      // per pool there is no pool to spin, and this keeps it so if the counts above change. The
      // calling stream thread runs the trees; a spinning worker would take a core from Kafka.
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.addConfigEntry("session.inter_op.allow_spinning", "0");
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      OrtSession session = env.createSession(model, options);
      try {
        return new OnnxModel(env, session, metadata(session, origin));
      } catch (RuntimeException e) {
        session.close();
        throw e;
      }
    } catch (OrtException e) {
      throw new BundleException(origin + ": not a loadable ONNX model (" + e.getMessage() + ")", e);
    }
  }

  private static ModelMetadata metadata(OrtSession session, String origin) throws OrtException {
    Map<String, String> custom = new HashMap<>(session.getMetadata().getCustomMetadata());
    String version = custom.remove(KEY_VERSION);
    String threshold = custom.remove(KEY_THRESHOLD);
    String features = custom.remove(KEY_FEATURES);
    if (version == null || threshold == null || features == null) {
      throw new BundleException(
          origin
              + ": the ONNX metadata lacks "
              + KEY_VERSION
              + ", "
              + KEY_THRESHOLD
              + " or "
              + KEY_FEATURES);
    }
    try {
      List<String> names = JSON.readValue(features, new TypeReference<List<String>>() {});
      return new ModelMetadata(version, Double.parseDouble(threshold), names, custom);
    } catch (IOException | NumberFormatException e) {
      throw new BundleException(origin + ": unreadable ONNX metadata (" + e.getMessage() + ")", e);
    }
  }

  /** Version, threshold and feature names, read from the ONNX metadata. */
  public ModelMetadata metadata() {
    return metadata;
  }

  /** The probability of default of one applicant; NaN features are missing values. Thread-safe. */
  public double probability(float[] features) {
    return run(single(features), OUTPUT)[0];
  }

  /** The log-odds of one applicant: the sum of the trees, before the sigmoid. */
  public double margin(float[] features) {
    return run(single(features), MARGIN)[0];
  }

  /** The probabilities of many applicants at once (faster per row than one at a time). */
  public double[] probabilities(float[][] rows) {
    return runBatch(rows, OUTPUT);
  }

  public double[] margins(float[][] rows) {
    return runBatch(rows, MARGIN);
  }

  private DoubleBuffer single(float[] features) {
    checkWidth(features);
    DoubleBuffer buffer = row.get();
    buffer.clear();
    for (float f : features) {
      buffer.put(f);
    }
    buffer.flip();
    return buffer;
  }

  private double[] runBatch(float[][] rows, String output) {
    if (rows.length == 0) {
      return new double[0];
    }
    DoubleBuffer buffer =
        ByteBuffer.allocateDirect(rows.length * width * Double.BYTES)
            .order(ByteOrder.nativeOrder())
            .asDoubleBuffer();
    for (float[] r : rows) {
      checkWidth(r);
      for (float f : r) {
        buffer.put(f);
      }
    }
    buffer.flip();
    return run(buffer, output);
  }

  private double[] run(DoubleBuffer buffer, String output) {
    long rows = buffer.remaining() / width;
    try (OnnxTensor input = OnnxTensor.createTensor(env, buffer, new long[] {rows, width});
        OrtSession.Result result = session.run(Map.of(INPUT, input), java.util.Set.of(output))) {
      DoubleBuffer out = ((OnnxTensor) result.get(0)).getDoubleBuffer();
      double[] values = new double[out.remaining()];
      out.get(values);
      return values;
    } catch (OrtException e) {
      throw new IllegalStateException("onnxruntime failed: " + e.getMessage(), e);
    }
  }

  private void checkWidth(float[] features) {
    if (features.length != width) {
      throw new IllegalArgumentException("expected " + width + " features, got " + features.length);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
  }
}
