package fr.pretadepenser.scoring.homecredit;

import java.nio.file.Path;

/**
 * What was read from one table.
 *
 * @param file the file read, or null when the table was absent (its family is then empty)
 * @param rowsSkipped rows whose parent is not in the data: history rows of a client absent from the
 *     application file, monthly balances of a credit absent from bureau
 */
public record TableReport(
    HomeCreditTable table, Path file, long rowsRead, long rowsKept, long rowsSkipped) {

  static TableReport absent(HomeCreditTable table) {
    return new TableReport(table, null, 0, 0, 0);
  }
}
