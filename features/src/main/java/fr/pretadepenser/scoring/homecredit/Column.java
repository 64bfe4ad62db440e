package fr.pretadepenser.scoring.homecredit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * One column of a table held as primitive arrays. Storage grows by fixed-size chunks rather than by
 * copying one big array, so loading 27 million rows never needs twice the memory. A value is
 * written at any row and read back boxed, as the Avro record wants it.
 */
abstract class Column {

  static final int CHUNK_BITS = 16;
  static final int CHUNK = 1 << CHUNK_BITS;
  static final int MASK = CHUNK - 1;

  final String name;
  final boolean nullable;
  private long[][] nulls = new long[16][];

  Column(String name, boolean nullable) {
    this.name = name;
    this.nullable = nullable;
  }

  /** A column for an Avro field of type int, long, double or string, nullable or not. */
  static Column forSchema(String name, Schema schema) {
    boolean nullable = false;
    Schema type = schema;
    if (schema.getType() == Schema.Type.UNION) {
      List<Schema> branches = new ArrayList<>();
      for (Schema s : schema.getTypes()) {
        if (s.getType() == Schema.Type.NULL) {
          nullable = true;
        } else {
          branches.add(s);
        }
      }
      if (branches.size() != 1) {
        throw new IllegalArgumentException("Unsupported union for column " + name + ": " + schema);
      }
      type = branches.get(0);
    }
    if (type.getLogicalType() != null) {
      throw new IllegalArgumentException("Unsupported logical type for column " + name);
    }
    return switch (type.getType()) {
      case INT -> new IntColumn(name, nullable);
      case LONG -> new LongColumn(name, nullable);
      case DOUBLE -> new DoubleColumn(name, nullable);
      case STRING -> new StringColumn(name, nullable);
      default ->
          throw new IllegalArgumentException(
              "Unsupported type " + type.getType() + " for column " + name);
    };
  }

  /** Stores the field at {@code row}; an empty field is null. */
  final void parse(int row, char[] buf, int off, int len) throws BadValueException {
    if (len == 0) {
      if (!nullable) {
        throw new BadValueException("empty, but this column requires a value");
      }
      setNull(row, true);
      return;
    }
    if (nullable) {
      setNull(row, false);
    }
    parseValue(row, buf, off, len);
  }

  abstract void parseValue(int row, char[] buf, int off, int len) throws BadValueException;

  /** The value at {@code row}, boxed, or null. */
  final Object get(int row) {
    return isNull(row) ? null : value(row);
  }

  abstract Object value(int row);

  final boolean isNull(int row) {
    if (!nullable) {
      return false;
    }
    long[] chunk = nulls[row >>> CHUNK_BITS];
    return (chunk[(row & MASK) >>> 6] & (1L << row)) != 0;
  }

  private void setNull(int row, boolean isNull) {
    int c = row >>> CHUNK_BITS;
    if (c >= nulls.length) {
      nulls = java.util.Arrays.copyOf(nulls, Math.max(c + 1, nulls.length * 2));
    }
    long[] chunk = nulls[c];
    if (chunk == null) {
      chunk = nulls[c] = new long[CHUNK / 64];
    }
    int word = (row & MASK) >>> 6;
    if (isNull) {
      chunk[word] |= 1L << row;
    } else {
      chunk[word] &= ~(1L << row);
    }
  }

  static int chunkCount(int row, int current) {
    int c = row >>> CHUNK_BITS;
    return c < current ? current : Math.max(c + 1, current * 2);
  }

  static final class IntColumn extends Column {
    private int[][] chunks = new int[16][];

    IntColumn(String name, boolean nullable) {
      super(name, nullable);
    }

    @Override
    void parseValue(int row, char[] buf, int off, int len) throws BadValueException {
      set(row, Numbers.parseInt(buf, off, len));
    }

    void set(int row, int v) {
      int c = row >>> CHUNK_BITS;
      if (c >= chunks.length) {
        chunks = java.util.Arrays.copyOf(chunks, chunkCount(row, chunks.length));
      }
      int[] chunk = chunks[c];
      if (chunk == null) {
        chunk = chunks[c] = new int[CHUNK];
      }
      chunk[row & MASK] = v;
    }

    int getInt(int row) {
      return chunks[row >>> CHUNK_BITS][row & MASK];
    }

    @Override
    Object value(int row) {
      return getInt(row);
    }
  }

  static final class LongColumn extends Column {
    private long[][] chunks = new long[16][];

    LongColumn(String name, boolean nullable) {
      super(name, nullable);
    }

    @Override
    void parseValue(int row, char[] buf, int off, int len) throws BadValueException {
      set(row, Numbers.parseLong(buf, off, len));
    }

    void set(int row, long v) {
      int c = row >>> CHUNK_BITS;
      if (c >= chunks.length) {
        chunks = java.util.Arrays.copyOf(chunks, chunkCount(row, chunks.length));
      }
      long[] chunk = chunks[c];
      if (chunk == null) {
        chunk = chunks[c] = new long[CHUNK];
      }
      chunk[row & MASK] = v;
    }

    long getLong(int row) {
      return chunks[row >>> CHUNK_BITS][row & MASK];
    }

    @Override
    Object value(int row) {
      return getLong(row);
    }
  }

  static final class DoubleColumn extends Column {
    private double[][] chunks = new double[16][];

    DoubleColumn(String name, boolean nullable) {
      super(name, nullable);
    }

    @Override
    void parseValue(int row, char[] buf, int off, int len) throws BadValueException {
      double v = Numbers.parseDouble(buf, off, len);
      int c = row >>> CHUNK_BITS;
      if (c >= chunks.length) {
        chunks = java.util.Arrays.copyOf(chunks, chunkCount(row, chunks.length));
      }
      double[] chunk = chunks[c];
      if (chunk == null) {
        chunk = chunks[c] = new double[CHUNK];
      }
      chunk[row & MASK] = v;
    }

    @Override
    Object value(int row) {
      return chunks[row >>> CHUNK_BITS][row & MASK];
    }
  }

  /** Strings as codes into a per-column dictionary: the Kaggle string columns have few levels. */
  static final class StringColumn extends Column {
    private final IntColumn codes;
    private final Map<String, Integer> dictionary = new HashMap<>();
    private final List<String> values = new ArrayList<>();
    // The last value seen, compared char by char first: values come in runs (e.g. STATUS), and
    // a match avoids making a String just to look it up.
    private char[] last = new char[0];
    private int lastCode = -1;

    StringColumn(String name, boolean nullable) {
      super(name, nullable);
      codes = new IntColumn(name, false);
    }

    @Override
    void parseValue(int row, char[] buf, int off, int len) {
      if (lastCode < 0 || !java.util.Arrays.equals(last, 0, last.length, buf, off, off + len)) {
        String s = new String(buf, off, len);
        Integer code = dictionary.get(s);
        if (code == null) {
          code = values.size();
          values.add(s);
          dictionary.put(s, code);
        }
        last = java.util.Arrays.copyOfRange(buf, off, off + len);
        lastCode = code;
      }
      codes.set(row, lastCode);
    }

    @Override
    Object value(int row) {
      return values.get(codes.getInt(row));
    }

    /** The distinct non-null values among the first {@code rows} rows. */
    List<String> valuesUsed(int rows) {
      boolean[] used = new boolean[values.size()];
      for (int r = 0; r < rows; r++) {
        if (!isNull(r)) {
          used[codes.getInt(r)] = true;
        }
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < used.length; i++) {
        if (used[i]) {
          out.add(values.get(i));
        }
      }
      return out;
    }
  }
}
