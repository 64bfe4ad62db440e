package fr.pretadepenser.scoring.homecredit;

import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The rows of one table as columns, one per Avro field read from the file, able to fill an Avro
 * record for any row.
 */
final class ColumnarTable {

  final HomeCreditTable table;
  final String fileName;
  private final List<Column> columns;
  private final int[] fieldPositions;
  final int size;

  ColumnarTable(
      HomeCreditTable table,
      String fileName,
      List<Column> columns,
      int[] fieldPositions,
      int size) {
    this.table = table;
    this.fileName = fileName;
    this.columns = columns;
    this.fieldPositions = fieldPositions;
    this.size = size;
  }

  <T extends SpecificRecordBase> T fill(int row, T record) {
    for (int i = 0; i < fieldPositions.length; i++) {
      record.put(fieldPositions[i], columns.get(i).get(row));
    }
    return record;
  }

  Column column(String name) {
    for (Column c : columns) {
      if (c.name.equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException(table + " has no column " + name);
  }

  List<Column> columns() {
    return columns;
  }
}
