package fr.pretadepenser.scoring.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark code working without running benchmarks (those are run by hand): every
 * benchmark method once, on a small model, and the two libraries agree.
 */
class ScoringBenchmarkTest {

  @Test
  void everyBenchmarkRunsOnASmallModel() throws Exception {
    ScoringBenchmark benchmark = new ScoringBenchmark();
    benchmark.bundle = "";
    benchmark.features = 30;
    benchmark.trainingRows = 600;
    benchmark.trees = 12;
    benchmark.leaves = 7;
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
}
