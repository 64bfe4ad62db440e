package fr.pretadepenser.scoring.homecredit;

import java.util.Arrays;

/**
 * Finds the row holding a given id (SK_ID_CURR among applicants, SK_ID_BUREAU among bureau credits)
 * by binary search over the sorted ids. A sorted pair of primitive arrays stays small and needs no
 * primitive-map library for a few million keys.
 */
final class KeyIndex {

  private final long[] keys;
  private final int[] rows;

  private KeyIndex(long[] keys, int[] rows) {
    this.keys = keys;
    this.rows = rows;
  }

  /**
   * Indexes the first {@code size} values of {@code ids}.
   *
   * @throws DataFileException when an id appears twice
   */
  static KeyIndex of(Column.LongColumn ids, int size, String fileName) {
    long[] keys = new long[size];
    for (int r = 0; r < size; r++) {
      keys[r] = ids.getLong(r);
    }
    int[] rows = new int[size];
    boolean sorted = true;
    for (int r = 1; r < size && sorted; r++) {
      sorted = keys[r - 1] < keys[r];
    }
    if (sorted) {
      for (int r = 0; r < size; r++) {
        rows[r] = r;
      }
    } else {
      // Files are normally sorted or grouped by id; when not, sort row numbers by id once.
      Integer[] order = new Integer[size];
      long[] packed = new long[size];
      for (int r = 0; r < size; r++) {
        order[r] = r;
      }
      long[] k = keys;
      Arrays.sort(order, (a, b) -> Long.compare(k[a], k[b]));
      for (int i = 0; i < size; i++) {
        rows[i] = order[i];
        packed[i] = k[order[i]];
      }
      keys = packed;
    }
    for (int i = 1; i < size; i++) {
      if (keys[i - 1] == keys[i]) {
        throw new DataFileException(
            fileName + ": " + ids.name + " " + keys[i] + " appears on more than one row");
      }
    }
    return new KeyIndex(keys, rows);
  }

  /** The row of {@code key}, or -1 when absent. */
  int find(long key) {
    int i = Arrays.binarySearch(keys, key);
    return i >= 0 ? rows[i] : -1;
  }
}
