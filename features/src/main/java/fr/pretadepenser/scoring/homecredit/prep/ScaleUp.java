package fr.pretadepenser.scoring.homecredit.prep;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import fr.pretadepenser.scoring.homecredit.HomeCreditTable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.Schema;

/**
 * Writes N synthetic clients, each a copy of a real client's application and whole history under
 * fresh ids, with one seeded multiplicative jitter on that client's amounts.
 *
 * <p>Everything random is drawn up front into a small plan (source client, jitter, first new ids
 * per client), so each table can then be written by its own thread and the files are the same for a
 * seed whatever the thread scheduling.
 */
public final class ScaleUp {

  /** Largest relative change of an amount: ±5%. */
  static final double JITTER = 0.05;

  private final SourceData source;
  private final int clients;
  private final int[] sourceOf;
  private final double[] factor;
  private final long[] firstBureauId;
  private final long[] firstPreviousId;
  private final long clientBase;
  private final long bureauBase;
  private final long previousBase;

  public ScaleUp(SourceData source, int clients, long seed) {
    this.source = source;
    this.clients = clients;
    this.sourceOf = new int[clients];
    this.factor = new double[clients];
    this.firstBureauId = new long[clients];
    this.firstPreviousId = new long[clients];
    // New ids start at the power of ten above the source's largest: they never collide with a
    // real id and still read as ids of the same family.
    this.clientBase = powerOfTenAbove(source.maxClientId);
    this.bureauBase = powerOfTenAbove(source.maxBureauId);
    this.previousBase = powerOfTenAbove(source.maxPreviousId);
    int[] previousCount = new int[source.clientCount()];
    for (int c = 0; c < previousCount.length; c++) {
      previousCount[c] = source.previousIds(c).size();
    }
    SplittableRandom random = new SplittableRandom(seed);
    long bureau = bureauBase;
    long previous = previousBase;
    for (int k = 0; k < clients; k++) {
      int s = random.nextInt(source.clientCount());
      sourceOf[k] = s;
      factor[k] = 1 + JITTER * (2 * random.nextDouble() - 1);
      firstBureauId[k] = bureau;
      firstPreviousId[k] = previous;
      bureau += source.rows(HomeCreditTable.BUREAU, s).size();
      previous += previousCount[s];
    }
  }

  static long powerOfTenAbove(long n) {
    long p = 10;
    while (p <= n) {
      p *= 10;
    }
    return p;
  }

  public long clientId(int k) {
    return clientBase + k;
  }

  /** Writes one table of every synthetic client to {@code file}, telling progress per client. */
  public void write(HomeCreditTable table, Path file, boolean gzip, LongConsumer progress)
      throws IOException {
    SourceData.Table t = source.tables.get(table);
    Rewriter rewriter = new Rewriter(table, t);
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream os = gzip ? new FastGzipOutputStream(raw) : raw;
        Writer w =
            new java.io.BufferedWriter(
                new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 20);
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(w)) {
      csv.writeRecord(t.header());
      for (int k = 0; k < clients; k++) {
        int s = sourceOf[k];
        if (table == HomeCreditTable.APPLICATION) {
          csv.writeRecord(rewriter.copy(source.tables.get(table).rows().get(s), k, null, 0));
        } else if (table == HomeCreditTable.BUREAU_BALANCE) {
          writeBalances(csv, rewriter, k, s);
        } else {
          Map<Long, Integer> previousIds =
              table == HomeCreditTable.BUREAU ? null : source.previousIds(s);
          List<String[]> rows = source.rows(table, s);
          for (int i = 0; i < rows.size(); i++) {
            csv.writeRecord(rewriter.copy(rows.get(i), k, previousIds, i));
          }
        }
        if ((k & 1023) == 1023) {
          progress.accept(1024);
        }
      }
      progress.accept(clients & 1023);
    }
  }

  private void writeBalances(CsvWriter csv, Rewriter rewriter, int k, int s) {
    SourceData.Table bureau = source.tables.get(HomeCreditTable.BUREAU);
    if (bureau == null) {
      return;
    }
    int idCol = bureau.column("SK_ID_BUREAU");
    List<String[]> credits = source.rows(HomeCreditTable.BUREAU, s);
    for (int i = 0; i < credits.size(); i++) {
      long oldId = SourceData.id(bureau, credits.get(i), idCol);
      for (String[] row : source.balancesByCredit.getOrDefault(oldId, List.of())) {
        csv.writeRecord(rewriter.copy(row, k, null, i));
      }
    }
  }

  /** Copies a source row with new ids and jittered amounts. */
  private final class Rewriter {
    private final SourceData.Table table;
    private final int clientCol;
    private final int bureauCol;
    private final int previousCol;
    private final int[] amountCols;
    private final boolean[] amountIsWhole;

    Rewriter(HomeCreditTable kind, SourceData.Table table) {
      this.table = table;
      List<String> h = table.header();
      clientCol = h.indexOf("SK_ID_CURR");
      bureauCol = h.indexOf("SK_ID_BUREAU");
      previousCol = h.indexOf("SK_ID_PREV");
      List<Integer> cols = new ArrayList<>();
      List<Boolean> whole = new ArrayList<>();
      for (int i = 0; i < h.size(); i++) {
        // AMT_REQ_CREDIT_BUREAU_* are counts of enquiries, not amounts.
        if (h.get(i).startsWith("AMT_") && !h.get(i).startsWith("AMT_REQ_")) {
          cols.add(i);
          Schema.Field f = kind.schema().getField(h.get(i));
          whole.add(f != null && isWhole(f.schema()));
        }
      }
      amountCols = cols.stream().mapToInt(Integer::intValue).toArray();
      amountIsWhole = new boolean[whole.size()];
      for (int i = 0; i < whole.size(); i++) {
        amountIsWhole[i] = whole.get(i);
      }
    }

    /**
     * @param index the row's rank among the client's bureau credits (bureau, bureau_balance)
     */
    String[] copy(String[] row, int k, Map<Long, Integer> previousIds, int index) {
      String[] out = row.clone();
      if (clientCol >= 0) {
        out[clientCol] = Long.toString(clientId(k));
      }
      if (bureauCol >= 0) {
        out[bureauCol] = Long.toString(firstBureauId[k] + index);
      }
      if (previousCol >= 0 && previousIds != null) {
        long old = SourceData.id(table, row, previousCol);
        out[previousCol] = Long.toString(firstPreviousId[k] + previousIds.get(old));
      }
      for (int i = 0; i < amountCols.length; i++) {
        String v = row[amountCols[i]];
        if (!v.isEmpty()) {
          out[amountCols[i]] = jitter(v, factor[k], amountIsWhole[i]);
        }
      }
      return out;
    }
  }

  private static boolean isWhole(Schema s) {
    if (s.getType() == Schema.Type.UNION) {
      return s.getTypes().stream().anyMatch(ScaleUp::isWhole);
    }
    return s.getType() == Schema.Type.INT || s.getType() == Schema.Type.LONG;
  }

  /** The amount times {@code f}, to the cent (or the unit for whole-number columns). */
  static String jitter(String value, double f, boolean whole) {
    double d;
    try {
      d = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return value;
    }
    if (whole) {
      return Long.toString(Math.round(d * f));
    }
    long cents = Math.round(d * f * 100);
    // Written as plain decimals like pandas does ("1234567.5", never "1.2345675E6").
    StringBuilder b = new StringBuilder();
    if (cents < 0) {
      b.append('-');
      cents = -cents;
    }
    b.append(cents / 100).append('.');
    long c = cents % 100;
    if (c == 0) {
      b.append('0');
    } else if (c % 10 == 0) {
      b.append(c / 10);
    } else {
      b.append(c < 10 ? "0" : "").append(c);
    }
    return b.toString();
  }

  /** gzip at the fastest level: generate is about volume, not about the smallest files. */
  private static final class FastGzipOutputStream extends GZIPOutputStream {
    FastGzipOutputStream(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
