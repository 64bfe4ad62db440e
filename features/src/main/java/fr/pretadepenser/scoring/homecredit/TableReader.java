package fr.pretadepenser.scoring.homecredit;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.RecordWrapper;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one Kaggle CSV file into a {@link ColumnarTable}, driven by the table's Avro schema: each
 * field is parsed straight from FastCSV's buffer into its column (no String per field, no Avro
 * object per row). Rows whose parent id is unknown are counted and dropped.
 */
final class TableReader extends AbstractBaseCsvCallbackHandler<Object> {

  private static final Logger LOG = LoggerFactory.getLogger(TableReader.class);
  private static final Object ROW = new Object();
  private static final int IGNORED = -1;
  private static final int PARENT_KEY = -2;
  private static final int TARGET = -3;

  /** Finds the parent row of a key, or -1; not shared between threads. */
  interface ParentLookup {
    int find(long key);
  }

  private final HomeCreditTable table;
  private final String fileName;
  private final ParentLookup parents;
  private final List<Column> columns = new ArrayList<>();
  private final List<Integer> positions = new ArrayList<>();
  private final List<String> header = new ArrayList<>();
  private final Column.IntColumn parentOf = new Column.IntColumn("parent", false);
  private Column.IntColumn target;
  private int[] route;
  private boolean readingHeader = true;
  private boolean firstFieldPending;
  private boolean orphan;
  private long lastKey = Long.MIN_VALUE;
  private int lastParent = -1;
  private int size;
  private long rowsRead;
  private long orphans;

  private TableReader(HomeCreditTable table, String fileName, ParentLookup parents) {
    this.table = table;
    this.fileName = fileName;
    this.parents = parents;
  }

  /** What reading one file gave. */
  record Result(
      ColumnarTable rows,
      Column.IntColumn parentOf,
      Column.IntColumn target,
      long rowsRead,
      long orphans) {}

  /**
   * Reads {@code file} ({@code .csv} or {@code .csv.gz}).
   *
   * @param parents the parent of each row by its {@link HomeCreditTable#parentKey()}; null for the
   *     application table
   * @param progress told the number of file bytes read as reading goes
   */
  static Result read(
      HomeCreditTable table, Path file, ParentLookup parents, LongConsumer progress) {
    String fileName = file.getFileName().toString();
    TableReader handler = new TableReader(table, fileName, parents);
    try (InputStream in = open(file, progress);
        CsvReader<Object> csv =
            CsvReader.builder()
                .ignoreDifferentFieldCount(true)
                .skipEmptyLines(true)
                .detectBomHeader(true)
                .build(handler, in, StandardCharsets.UTF_8)) {
      for (Object ignored : csv) {
        // the handler stores each row as it is parsed
      }
    } catch (CsvParseException e) {
      if (e.getCause() instanceof DataFileException d) {
        throw d;
      }
      throw new DataFileException(fileName + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof java.util.zip.ZipException) {
        throw new DataFileException(
            fileName + ": not a readable gzip file (" + e.getMessage() + ")", e);
      }
      throw new DataFileException(fileName + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new DataFileException(fileName + ": cannot be read (" + e.getMessage() + ")", e);
    }
    if (handler.readingHeader) {
      throw new DataFileException(fileName + ": the file is empty (no header line)");
    }
    ColumnarTable rows =
        new ColumnarTable(
            table,
            fileName,
            List.copyOf(handler.columns),
            handler.positions.stream().mapToInt(Integer::intValue).toArray(),
            handler.size);
    return new Result(rows, handler.parentOf, handler.target, handler.rowsRead, handler.orphans);
  }

  private static InputStream open(Path file, LongConsumer progress) throws IOException {
    InputStream raw = new CountingInputStream(Files.newInputStream(file), progress);
    if (file.getFileName().toString().endsWith(".gz")) {
      return new GZIPInputStream(raw, 1 << 16);
    }
    return new BufferedInputStream(raw, 1 << 16);
  }

  @Override
  protected void handleField(int index, char[] buf, int off, int len, boolean quoted) {
    if (readingHeader) {
      header.add(new String(buf, off, len));
      return;
    }
    if (index == 0 && len == 0 && !quoted) {
      // Maybe an empty line rather than an empty first field: decided when a second field comes.
      firstFieldPending = true;
      return;
    }
    if (index == 1 && firstFieldPending) {
      firstFieldPending = false;
      store(0, buf, off, 0);
    }
    if (index < route.length) {
      store(index, buf, off, len);
    }
  }

  private void store(int index, char[] buf, int off, int len) {
    int to = route[index];
    try {
      if (to >= 0) {
        columns.get(to).parse(size, buf, off, len);
      } else if (to == PARENT_KEY) {
        if (len == 0) {
          throw new BadValueException("empty, but this column requires a value");
        }
        long key = Numbers.parseLong(buf, off, len);
        if (key != lastKey) {
          lastKey = key;
          lastParent = parents.find(key);
        }
        if (lastParent < 0) {
          orphan = true;
        } else {
          parentOf.set(size, lastParent);
        }
      } else if (to == TARGET) {
        target.parse(size, buf, off, len);
      }
    } catch (BadValueException e) {
      throw new DataFileException(
          fileName
              + " line "
              + getStartingLineNumber()
              + ", column "
              + header.get(index)
              + ": "
              + e.getMessage());
    }
  }

  @Override
  protected RecordWrapper<Object> buildRecord() {
    if (readingHeader) {
      readHeader();
      readingHeader = false;
      return wrapRecord(ROW);
    }
    boolean emptyLine = firstFieldPending && getFieldCount() == 1;
    firstFieldPending = false;
    if (emptyLine) {
      return wrapRecord(ROW);
    }
    if (getFieldCount() != header.size()) {
      throw new DataFileException(
          fileName
              + " line "
              + getStartingLineNumber()
              + ": "
              + getFieldCount()
              + " fields, but the header has "
              + header.size());
    }
    rowsRead++;
    if (orphan) {
      orphans++;
      orphan = false;
    } else {
      size++;
    }
    return wrapRecord(ROW);
  }

  private void readHeader() {
    Map<String, Integer> seen = new HashMap<>();
    Set<String> duplicated = new LinkedHashSet<>();
    for (int i = 0; i < header.size(); i++) {
      if (seen.putIfAbsent(header.get(i), i) != null) {
        duplicated.add(header.get(i));
      }
    }
    if (!duplicated.isEmpty()) {
      throw new DataFileException(
          fileName + ": the header repeats column(s) " + String.join(", ", duplicated));
    }
    Schema schema = table.schema();
    List<String> missing = new ArrayList<>();
    route = new int[header.size()];
    java.util.Arrays.fill(route, IGNORED);
    if (table.parentKey() != null) {
      Integer at = seen.get(table.parentKey());
      if (at == null) {
        missing.add(table.parentKey());
      } else {
        route[at] = PARENT_KEY;
      }
    }
    for (Schema.Field field : schema.getFields()) {
      if (table.filledByReader().contains(field.name())) {
        continue;
      }
      Integer at = seen.get(field.name());
      if (at == null) {
        missing.add(field.name());
        continue;
      }
      route[at] = columns.size();
      columns.add(Column.forSchema(field.name(), field.schema()));
      positions.add(field.pos());
    }
    if (!missing.isEmpty()) {
      throw new DataFileException(
          fileName + ": the header lacks column(s) " + String.join(", ", missing));
    }
    if (table == HomeCreditTable.APPLICATION && seen.containsKey(HomeCreditTable.TARGET)) {
      route[seen.get(HomeCreditTable.TARGET)] = TARGET;
      target = new Column.IntColumn(HomeCreditTable.TARGET, true);
    }
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < route.length; i++) {
      if (route[i] == IGNORED) {
        unknown.add(header.get(i));
      }
    }
    if (!unknown.isEmpty()) {
      LOG.warn(
          "{}: ignoring column(s) unknown to the schema: {}", fileName, String.join(", ", unknown));
    }
  }

  /** Reports bytes read from the file itself (compressed bytes for .gz), for a progress bar. */
  private static final class CountingInputStream extends FilterInputStream {
    private final LongConsumer progress;

    CountingInputStream(InputStream in, LongConsumer progress) {
      super(in);
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        progress.accept(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        progress.accept(n);
      }
      return n;
    }
  }
}
