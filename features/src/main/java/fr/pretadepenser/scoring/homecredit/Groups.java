package fr.pretadepenser.scoring.homecredit;

/**
 * The rows of a child table grouped by parent (history rows by applicant, monthly balances by
 * bureau credit), in file order within each parent: a stable counting sort, linear in the rows.
 */
final class Groups {

  static final Groups EMPTY = new Groups(new int[] {0}, new int[0]);

  private final int[] offsets;
  private final int[] rows;

  private Groups(int[] offsets, int[] rows) {
    this.offsets = offsets;
    this.rows = rows;
  }

  static Groups of(Column.IntColumn parentOf, int size, int parentCount) {
    int[] offsets = new int[parentCount + 1];
    for (int r = 0; r < size; r++) {
      offsets[parentOf.getInt(r) + 1]++;
    }
    for (int p = 0; p < parentCount; p++) {
      offsets[p + 1] += offsets[p];
    }
    int[] next = java.util.Arrays.copyOf(offsets, parentCount);
    int[] rows = new int[size];
    for (int r = 0; r < size; r++) {
      rows[next[parentOf.getInt(r)]++] = r;
    }
    return new Groups(offsets, rows);
  }

  int start(int parent) {
    return parent + 1 < offsets.length ? offsets[parent] : 0;
  }

  int end(int parent) {
    return parent + 1 < offsets.length ? offsets[parent + 1] : 0;
  }

  int row(int i) {
    return rows[i];
  }
}
