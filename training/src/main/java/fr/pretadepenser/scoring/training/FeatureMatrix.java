package fr.pretadepenser.scoring.training;

import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The training rows as LightGBM wants them: one row-major float32 matrix (the feature definition's
 * own type, so LightGBM, ONNX and SHAP see the very same numbers), the labels and the client ids.
 */
public record FeatureMatrix(
    float[] values, int rows, int cols, int[] labels, long[] clientIds, List<String> names) {

  public FeatureMatrix {
    if ((long) rows * cols != values.length) {
      throw new IllegalArgumentException(
          "values hold " + values.length + " numbers, not " + rows + " × " + cols);
    }
    if (labels.length != rows || clientIds.length != rows || names.size() != cols) {
      throw new IllegalArgumentException("labels, ids and names must match the matrix shape");
    }
    names = List.copyOf(names);
  }

  /**
   * Computes every labelled applicant's features on {@code threads} workers.
   *
   * @param progress called with the number of applicants done, from worker threads
   */
  public static FeatureMatrix build(
      HomeCreditData data, FeatureDefinition definition, int threads, IntConsumer progress) {
    int n = data.size();
    int cols = definition.size();
    if ((long) n * cols > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          n + " applicants × " + cols + " features exceed one Java array; train on a sample");
    }
    float[] values = new float[n * cols];
    int[] labels = new int[n];
    long[] ids = new long[n];
    int batch = 512;
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<?>> tasks =
          IntStream.iterate(0, from -> from < n, from -> from + batch)
              .<Future<?>>mapToObj(
                  from ->
                      pool.submit(
                          () -> {
                            int to = Math.min(n, from + batch);
                            float[] row = new float[cols];
                            for (int i = from; i < to; i++) {
                              Applicant a = data.applicant(i);
                              definition.compute(a.application(), a.history(), row);
                              System.arraycopy(row, 0, values, i * cols, cols);
                              labels[i] = a.target() == null ? -1 : a.target();
                              ids[i] = a.clientId();
                            }
                            progress.accept(to - from);
                          }))
              .toList();
      for (Future<?> t : tasks) {
        t.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing features", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new FeatureMatrix(values, n, cols, labels, ids, definition.names());
  }

  public float get(int row, int col) {
    return values[row * cols + col];
  }

  public int positives() {
    int p = 0;
    for (int y : labels) {
      p += y == 1 ? 1 : 0;
    }
    return p;
  }

  /** The given rows, in the given order (a copy). */
  public FeatureMatrix rows(int[] which) {
    float[] v = new float[which.length * cols];
    int[] y = new int[which.length];
    long[] id = new long[which.length];
    for (int i = 0; i < which.length; i++) {
      System.arraycopy(values, which[i] * cols, v, i * cols, cols);
      y[i] = labels[which[i]];
      id[i] = clientIds[which[i]];
    }
    return new FeatureMatrix(v, which.length, cols, y, id, names);
  }

  /** The first {@code count} columns (the application family comes first in the vector). */
  public FeatureMatrix firstColumns(int count) {
    float[] v = new float[rows * count];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(values, r * cols, v, r * count, count);
    }
    return new FeatureMatrix(v, rows, count, labels, clientIds, names.subList(0, count));
  }

  /**
   * The named columns, in the order given (a copy): the vector of a definition that excludes some
   * of this matrix's features.
   *
   * @throws IllegalArgumentException when a name is not a column of this matrix
   */
  public FeatureMatrix columns(List<String> keep) {
    java.util.Map<String, Integer> index = new java.util.HashMap<>();
    for (int c = 0; c < cols; c++) {
      index.put(names.get(c), c);
    }
    int[] from = new int[keep.size()];
    for (int k = 0; k < from.length; k++) {
      Integer c = index.get(keep.get(k));
      if (c == null) {
        throw new IllegalArgumentException(keep.get(k) + " is not a column of the matrix");
      }
      from[k] = c;
    }
    int width = from.length;
    float[] v = new float[rows * width];
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      int to = r * width;
      for (int k = 0; k < width; k++) {
        v[to + k] = values[base + from[k]];
      }
    }
    return new FeatureMatrix(v, rows, width, labels, clientIds, keep);
  }

  /** The labels as LightGBM's float label field. */
  public float[] labelField() {
    float[] y = new float[rows];
    for (int i = 0; i < rows; i++) {
      y[i] = labels[i];
    }
    return y;
  }
}
