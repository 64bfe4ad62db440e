package fr.pretadepenser.scoring.benchmarks;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to score with the exported ONNX model (as the scorer does, through {@code OnnxModel}) and
 * with LightGBM itself (through lightgbm4j), one row per call and in batches of {@value #BATCH}.
 * Every score is in microseconds per row: a batch benchmark counts {@value #BATCH} operations per
 * call, so its time per batch is the score × {@value #BATCH}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class ScoringBenchmark {

  static final int BATCH = 1_000;

  /** A bundle directory (model.txt, model.onnx); empty: the -Dbundle property, else synthetic. */
  @Param("")
  public String bundle;

  @Param("800")
  public int features;

  @Param("5000")
  public int trainingRows;

  @Param("300")
  public int trees;

  @Param("31")
  public int leaves;

  BenchmarkModel model;
  float[][] rows;
  float[] flat;
  private int next;

  /** LightGBM predicts a batch with one thread, as onnxruntime does here (intra-op threads 1). */
  static final String ONE_THREAD = "num_threads=1";

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String dir = bundle.isEmpty() ? System.getProperty("bundle", "") : bundle;
    Path path = dir.isEmpty() ? null : Path.of(dir);
    model =
        path != null
            ? BenchmarkModel.fromBundle(path)
            : BenchmarkModel.synthetic(features, trainingRows, trees, leaves);
    int width = model.features;
    flat = model.rows(BATCH, path, 7);
    rows = new float[BATCH][];
    for (int r = 0; r < BATCH; r++) {
      rows[r] = Arrays.copyOfRange(flat, r * width, (r + 1) * width);
    }
    System.out.println("\nmodel: " + model.description);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    model.close();
  }

  /** The next of the rows, so that successive calls do not score one row over and over. */
  private float[] nextRow() {
    float[] row = rows[next];
    next = next + 1 == rows.length ? 0 : next + 1;
    return row;
  }

  @Benchmark
  public double onnxSingleRow() {
    return model.onnx.probability(nextRow());
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double[] onnxBatch1000PerRow() {
    return model.onnx.probabilities(rows);
  }

  @Benchmark
  public double lightGbmSingleRow() throws LGBMException {
    return model.booster.predictForMatSingleRow(nextRow(), PredictionType.C_API_PREDICT_NORMAL);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double[] lightGbmBatch1000PerRow() throws LGBMException {
    return model.booster.predictForMat(
        flat, BATCH, model.features, true, PredictionType.C_API_PREDICT_NORMAL, ONE_THREAD);
  }
}
