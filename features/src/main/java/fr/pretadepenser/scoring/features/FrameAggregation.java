package fr.pretadepenser.scoring.features;

import java.util.Arrays;

/**
 * One {@code groupby(...).agg({...})} of the kernel over one client's frame: a fixed list of (frame
 * column, aggregation) outputs, optionally restricted to the rows where a 0/1 column is 1 (the
 * kernel's {@code df[df['CREDIT_ACTIVE_Active'] == 1]}).
 *
 * <p>The frame is row-major: {@code frame[row * width + column]}, NaN for missing. Results follow
 * pandas: see KERNEL_FEATURES.md §7. Sums and means use the same Kahan summation as pandas' grouped
 * sum/mean, and the variance the same Welford update as pandas' grouped var, so inf and
 * cancellation behave alike.
 */
final class FrameAggregation {

  /** Filter value meaning "every row". */
  static final int ALL_ROWS = -1;

  /** Filter value for a sub-block whose selecting dummy the vocabulary lacks: always empty. */
  static final int NO_ROWS = -2;

  /** The filter column for "rows where dummy {@code column} is 1", whether or not it exists. */
  static int rowsWhere(TableFrame frame, String column) {
    int c = frame.column(column);
    return c < 0 ? NO_ROWS : c;
  }

  private final int[] columns;
  private final Agg[] aggs;
  private final int filterColumn;

  FrameAggregation(int[] columns, Agg[] aggs, int filterColumn) {
    if (columns.length != aggs.length) {
      throw new IllegalArgumentException("one aggregation per output");
    }
    this.columns = columns.clone();
    this.aggs = aggs.clone();
    this.filterColumn = filterColumn;
  }

  int size() {
    return columns.length;
  }

  /** Writes the {@link #size()} outputs at {@code out[offset...]}, as float. */
  void aggregate(double[] frame, int rows, int width, float[] out, int offset) {
    int matching = 0;
    for (int r = 0; r < rows; r++) {
      if (selected(frame, r, width)) {
        matching++;
      }
    }
    if (matching == 0) {
      // A left join onto an empty group: every output is missing, counts and sums included.
      Arrays.fill(out, offset, offset + columns.length, Float.NaN);
      return;
    }
    int statsColumn = -1;
    double count = 0;
    double sum = 0;
    double min = Double.NaN;
    double max = Double.NaN;
    double m2 = 0;
    for (int i = 0; i < columns.length; i++) {
      int c = columns[i];
      if (c != statsColumn && aggs[i] != Agg.SIZE && aggs[i] != Agg.NUNIQUE) {
        // Outputs of one column are contiguous, so one pass per column suffices.
        statsColumn = c;
        count = 0;
        sum = 0;
        double compensation = 0;
        min = Double.NaN;
        max = Double.NaN;
        double mean = 0;
        m2 = 0;
        for (int r = 0; r < rows; r++) {
          if (!selected(frame, r, width)) {
            continue;
          }
          double v = frame[r * width + c];
          if (Double.isNaN(v)) {
            continue;
          }
          count++;
          double y = v - compensation;
          double t = sum + y;
          compensation = t - sum - y;
          if (Double.isNaN(compensation)) {
            // pandas resets it so that an inf value gives an inf sum, not NaN.
            compensation = 0;
          }
          sum = t;
          if (count == 1) {
            min = v;
            max = v;
          } else {
            if (v < min) {
              min = v;
            }
            if (v > max) {
              max = v;
            }
          }
          double oldMean = mean;
          mean += (v - oldMean) / count;
          m2 += (v - mean) * (v - oldMean);
        }
      }
      double result =
          switch (aggs[i]) {
            case MIN -> min;
            case MAX -> max;
            case MEAN -> count == 0 ? Double.NaN : sum / count;
            case SUM -> sum;
            case VAR -> count < 2 ? Double.NaN : m2 / (count - 1);
            case SIZE -> matching;
            case NUNIQUE -> distinct(frame, rows, width, c);
          };
      out[offset + i] = (float) result;
    }
  }

  private boolean selected(double[] frame, int row, int width) {
    return filterColumn == ALL_ROWS
        || (filterColumn >= 0 && frame[row * width + filterColumn] == 1.0);
  }

  private int distinct(double[] frame, int rows, int width, int column) {
    double[] values = new double[rows];
    int n = 0;
    for (int r = 0; r < rows; r++) {
      double v = frame[r * width + column];
      if (selected(frame, r, width) && !Double.isNaN(v)) {
        values[n++] = v;
      }
    }
    Arrays.sort(values, 0, n);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      // == rather than Double.compare: pandas counts -0.0 and 0.0 as one value.
      if (i == 0 || values[i] != values[i - 1]) {
        distinct++;
      }
    }
    return distinct;
  }
}
