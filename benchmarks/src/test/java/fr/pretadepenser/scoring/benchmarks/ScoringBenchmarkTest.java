package fr.pretadepenser.scoring.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.pretadepenser.scoring.model.BundleFiles;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.model.ReferenceDistributions;
import fr.pretadepenser.scoring.model.ReferenceDistributions.Distribution;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText;
import fr.pretadepenser.scoring.training.onnx.OnnxExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the benchmark code working without running benchmarks (those are run by hand): every
 * benchmark method once, on a small model, synthetic and from a bundle directory.
 */
class ScoringBenchmarkTest {

  static ScoringBenchmark small(String bundle) {
    ScoringBenchmark benchmark = new ScoringBenchmark();
    benchmark.bundle = bundle;
    benchmark.features = 30;
    benchmark.trainingRows = 600;
    benchmark.trees = 12;
    benchmark.leaves = 7;
    return benchmark;
  }

  @Test
  void everyBenchmarkRunsOnASmallModel() throws Exception {
    ScoringBenchmark benchmark = small("");
    benchmark.setUp();
    try {
      double onnxRow0 = benchmark.onnxSingleRow();
      double lightGbmRow1 = benchmark.lightGbmSingleRow();
      double[] onnxBatch = benchmark.onnxBatch1000PerRow();
      double[] lightGbmBatch = benchmark.lightGbmBatch1000PerRow();
      assertThat(onnxBatch).hasSize(ScoringBenchmark.BATCH);
      assertThat(lightGbmBatch).hasSize(ScoringBenchmark.BATCH);
      // One row at a time the exported model is LightGBM to the bit; batches to the last bits.
      assertThat(onnxRow0).isEqualTo(lightGbmBatch[0]);
      assertThat(lightGbmRow1).isEqualTo(lightGbmBatch[1]);
      for (int r = 0; r < ScoringBenchmark.BATCH; r++) {
        assertThat(onnxBatch[r]).isCloseTo(lightGbmBatch[r], within(1e-15));
      }
    } finally {
      benchmark.tearDown();
    }
  }

  @Test
  void aBundleDirectoryAndItsReferenceDistributions(@TempDir Path dir) throws Exception {
    String text;
    try (BenchmarkModel synthetic = BenchmarkModel.synthetic(30, 600, 12, 7)) {
      text = synthetic.text;
    }
    LightGbmModelText model = LightGbmModelText.parse(text);
    Files.writeString(dir.resolve(BundleFiles.MODEL_TXT), text);
    Files.write(
        dir.resolve(BundleFiles.MODEL_ONNX),
        OnnxExport.export(model, model.featureNames(), 0.4, Map.of()).onnx());
    // Feature i is missing in half of the rows, and otherwise one of {i, i + 0.5}.
    List<Distribution> features = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      features.add(
          new Distribution(
              "f" + i,
              50,
              50,
              null,
              null,
              null,
              null,
              List.of(0.1, 0.9),
              List.of((double) i, i + 0.5),
              null,
              null));
    }
    ModelBundle.JSON.writeValue(
        dir.resolve(BundleFiles.REFERENCE_JSON).toFile(),
        new ReferenceDistributions(100, features, null));

    ScoringBenchmark benchmark = small(dir.toString());
    benchmark.setUp();
    try {
      assertThat(benchmark.model.description).contains("12 trees, 30 features");
      long missing = 0;
      for (int r = 0; r < ScoringBenchmark.BATCH; r++) {
        for (int f = 0; f < 30; f++) {
          float v = benchmark.rows[r][f];
          if (Float.isNaN(v)) {
            missing++;
          } else {
            assertThat(v).isIn((float) f, f + 0.5f);
          }
        }
      }
      assertThat(missing / (30.0 * ScoringBenchmark.BATCH)).isBetween(0.45, 0.55);
      assertThat(benchmark.onnxSingleRow()).isEqualTo(benchmark.lightGbmBatch1000PerRow()[0]);
    } finally {
      benchmark.tearDown();
    }
  }
}
