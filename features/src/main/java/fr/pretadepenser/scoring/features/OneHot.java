package fr.pretadepenser.scoring.features;

import java.util.Arrays;
import java.util.List;
import org.apache.avro.generic.IndexedRecord;

/**
 * {@code pd.get_dummies} of one string column with levels fixed by the vocabulary: one 0/1 column
 * per sorted level, plus a last {@code _nan} column when {@code withNan} (the kernel's {@code
 * dummy_na=True}). An unseen value sets none of them (CategoryVocabulary's unseen rule).
 */
final class OneHot {

  final String column;
  final int fieldPosition;
  final String[] levels;
  final boolean withNan;

  OneHot(String column, int fieldPosition, List<String> levels, boolean withNan) {
    this.column = column;
    this.fieldPosition = fieldPosition;
    this.levels = levels.toArray(String[]::new);
    this.withNan = withNan;
  }

  /** Number of dummy columns. */
  int width() {
    return levels.length + (withNan ? 1 : 0);
  }

  /** Name of dummy {@code i} before sanitising, as pandas names it. */
  String dummyName(int i) {
    return column + "_" + (i < levels.length ? levels[i] : "nan");
  }

  /** The level of dummy {@code i}, or null for the {@code _nan} dummy. */
  String level(int i) {
    return i < levels.length ? levels[i] : null;
  }

  /**
   * Sets the record's dummy to 1 at {@code target[start + i]}; the caller provides zeros. An unseen
   * value, or a null without {@code _nan}, leaves every dummy at 0.
   */
  void encode(IndexedRecord record, double[] target, int start) {
    int d = dummyOf(record);
    if (d >= 0) {
      target[start + d] = 1.0;
    }
  }

  /** Which dummy the record's value sets, or -1 for none (unseen, or null without _nan). */
  int dummyOf(IndexedRecord record) {
    Object raw = record.get(fieldPosition);
    if (raw == null) {
      return withNan ? levels.length : -1;
    }
    int i = Arrays.binarySearch(levels, AvroValues.string(raw));
    return i >= 0 ? i : -1;
  }
}
