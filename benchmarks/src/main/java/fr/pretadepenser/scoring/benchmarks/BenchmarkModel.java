package fr.pretadepenser.scoring.benchmarks;

import fr.pretadepenser.scoring.model.BundleFiles;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.model.OnnxModel;
import fr.pretadepenser.scoring.model.ReferenceDistributions;
import fr.pretadepenser.scoring.model.ReferenceDistributions.Distribution;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText;
import fr.pretadepenser.scoring.training.onnx.OnnxExport;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The model under measurement, as LightGBM and as the exported ONNX model, and rows to score: a
 * model bundle's model.txt and model.onnx when one is given, else a model trained here on seeded
 * synthetic data the size of the real one.
 */
final class BenchmarkModel implements AutoCloseable {

  static {
    // lightgbm4j's own loader races with other JVMs; see LightGbmNative.
    fr.pretadepenser.scoring.model.LightGbmNative.load();
  }

  final String text;
  final LGBMBooster booster;
  final OnnxModel onnx;
  final int features;
  final String description;

  private BenchmarkModel(
      String text, LGBMBooster booster, OnnxModel onnx, int features, String description) {
    this.text = text;
    this.booster = booster;
    this.onnx = onnx;
    this.features = features;
    this.description = description;
  }

  /** Both models of a bundle directory (model.txt, model.onnx). */
  static BenchmarkModel fromBundle(Path bundle) throws IOException, LGBMException {
    String text = Files.readString(bundle.resolve(BundleFiles.MODEL_TXT));
    OnnxModel onnx = OnnxModel.load(bundle.resolve(BundleFiles.MODEL_ONNX));
    LGBMBooster booster = LGBMBooster.loadModelFromString(text);
    int trees = LightGbmModelText.parse(text).trees().size();
    int width = onnx.metadata().featureNames().size();
    return new BenchmarkModel(
        text, booster, onnx, width, bundle + " (" + trees + " trees, " + width + " features)");
  }

  /**
   * A binary model trained on {@code rows × features} seeded synthetic data, with {@code trees}
   * trees of at most {@code leaves} leaves, then exported. Training is deterministic, so the model
   * text is cached in the temporary directory and reused by the next fork.
   */
  static BenchmarkModel synthetic(int features, int rows, int trees, int leaves)
      throws IOException, LGBMException {
    String params = params(leaves);
    // The key covers everything that shapes the model, so a changed recipe never reuses a stale
    // one.
    String key = features + "x" + rows + "-" + trees + "t-" + GENERATOR + "-" + params;
    Path cache =
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "scoring-benchmarks",
            "synthetic-" + HexFormat.of().toHexDigits(key.hashCode()) + ".txt");
    String text;
    if (Files.isRegularFile(cache)) {
      text = Files.readString(cache);
    } else {
      text = train(features, rows, trees, params);
      Files.createDirectories(cache.getParent());
      Path tmp = Files.createTempFile(cache.getParent(), "model", ".tmp");
      Files.writeString(tmp, text);
      Files.move(tmp, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    LightGbmModelText model = LightGbmModelText.parse(text);
    byte[] bytes =
        OnnxExport.export(model, model.featureNames(), 0.5, Map.of("benchmark", "synthetic"))
            .onnx();
    return new BenchmarkModel(
        text,
        LGBMBooster.loadModelFromString(text),
        OnnxModel.load(bytes, "synthetic"),
        features,
        "synthetic (" + model.trees().size() + " trees, " + features + " features)");
  }

  /** Bump when the synthetic data or the labels change. */
  private static final String GENERATOR = "g1";

  /** One thread: LightGBM's OpenMP threads crawl when the machine's cores are all busy. */
  private static String params(int leaves) {
    return "objective=binary num_leaves="
        + leaves
        + " learning_rate=0.05 min_data_in_leaf=20 num_threads=1 deterministic=true seed=42"
        + " verbose=-1";
  }

  private static String train(int features, int rows, int trees, String params)
      throws LGBMException {
    float[] x = syntheticRows(rows, features, 42);
    SplittableRandom random = new SplittableRandom(43);
    double[] weights = random.doubles(features, -1, 1).toArray();
    float[] y = new float[rows];
    for (int r = 0; r < rows; r++) {
      double logit = -1.5 + random.nextGaussian();
      // A signal spread over the first fifty features, so trees use many of them.
      for (int f = 0; f < Math.min(50, features); f++) {
        float v = x[r * features + f];
        logit += Float.isNaN(v) ? 0.3 : weights[f] * v / 3;
      }
      y[r] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1f : 0f;
    }
    try (LGBMDataset dataset = LGBMDataset.createFromMat(x, rows, features, true, params, null)) {
      dataset.setField("label", y);
      dataset.setFeatureNames(
          IntStream.range(0, features).mapToObj(i -> "f" + i).toArray(String[]::new));
      try (LGBMBooster booster = LGBMBooster.create(dataset, params)) {
        for (int i = 0; i < trees && !booster.updateOneIter(); i++) {
          // updateOneIter returns true when no split is possible any more
        }
        return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
      }
    }
  }

  /**
   * Row-major rows: 20% NaN on three features out of four (the others are never missing), values on
   * several scales, a third of some features exactly 0, as in application data.
   */
  static float[] syntheticRows(int rows, int features, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[rows * features];
    for (int r = 0; r < rows; r++) {
      for (int f = 0; f < features; f++) {
        double v = random.nextGaussian() * (1 + f % 5);
        if (f % 7 == 0 && random.nextDouble() < 1 / 3.0) {
          v = 0;
        }
        x[r * features + f] = f % 4 != 3 && random.nextDouble() < 0.2 ? Float.NaN : (float) v;
      }
    }
    return x;
  }

  /**
   * Rows to score. From a bundle's reference distributions when it has them (each feature missing
   * as often as in training, else one of its training quantiles), so the trees take realistic
   * paths; else synthetic.
   */
  float[] rows(int count, Path bundle, long seed) {
    Path reference = bundle == null ? null : bundle.resolve(BundleFiles.REFERENCE_JSON);
    if (reference == null || !Files.isRegularFile(reference)) {
      return syntheticRows(count, features, seed);
    }
    ReferenceDistributions distributions;
    try {
      distributions = ModelBundle.read(reference, ReferenceDistributions.class);
    } catch (RuntimeException e) {
      throw new UncheckedIOException(new IOException(reference + ": " + e.getMessage(), e));
    }
    List<Distribution> byFeature = distributions.features();
    if (byFeature.size() != features) {
      return syntheticRows(count, features, seed);
    }
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[count * features];
    for (int f = 0; f < features; f++) {
      Distribution d = byFeature.get(f);
      double missing = (double) d.missing() / Math.max(1, distributions.population());
      List<Double> q = d.quantiles() == null ? List.of() : d.quantiles();
      for (int r = 0; r < count; r++) {
        x[r * features + f] =
            q.isEmpty() || random.nextDouble() < missing
                ? Float.NaN
                : q.get(random.nextInt(q.size())).floatValue();
      }
    }
    return x;
  }

  @Override
  public void close() {
    onnx.close();
    try {
      booster.close();
    } catch (LGBMException e) {
      throw new IllegalStateException(e);
    }
  }
}
