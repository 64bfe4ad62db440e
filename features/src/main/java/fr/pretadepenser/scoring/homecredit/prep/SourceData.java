package fr.pretadepenser.scoring.homecredit.prep;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import fr.pretadepenser.scoring.homecredit.DataFileException;
import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import fr.pretadepenser.scoring.homecredit.HomeCreditTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The source tables of {@code generate} as raw text rows grouped by client, so that a client can be
 * copied field for field. Meant for a sample (the shipped 1% takes ~200 MB this way), not for the
 * full Kaggle download.
 */
public final class SourceData {

  /** One table's header and rows, fields as written in the file. */
  record Table(Path file, List<String> header, List<String[]> rows) {
    int column(String name) {
      int i = header.indexOf(name);
      if (i < 0) {
        throw new DataFileException(file.getFileName() + ": the header lacks column(s) " + name);
      }
      return i;
    }
  }

  final Map<HomeCreditTable, Table> tables = new EnumMap<>(HomeCreditTable.class);

  /** Per history table except bureau_balance: the rows of each source client, in file order. */
  final Map<HomeCreditTable, List<List<String[]>>> byClient = new EnumMap<>(HomeCreditTable.class);

  /** bureau_balance rows by SK_ID_BUREAU, in file order. */
  final Map<Long, List<String[]>> balancesByCredit = new HashMap<>();

  final long maxClientId;
  final long maxBureauId;
  final long maxPreviousId;

  public SourceData(HomeCreditFiles files) {
    for (HomeCreditTable t : HomeCreditTable.values()) {
      files.file(t).ifPresent(p -> tables.put(t, read(p)));
    }
    Table app = tables.get(HomeCreditTable.APPLICATION);
    int idCol = app.column("SK_ID_CURR");
    Map<Long, Integer> clientIndex = new HashMap<>();
    long maxClient = 0;
    for (String[] row : app.rows()) {
      long id = id(app, row, idCol);
      clientIndex.put(id, clientIndex.size());
      maxClient = Math.max(maxClient, id);
    }
    maxClientId = maxClient;
    long maxBureau = 0;
    long maxPrev = 0;
    for (Map.Entry<HomeCreditTable, Table> e : tables.entrySet()) {
      HomeCreditTable t = e.getKey();
      Table table = e.getValue();
      if (t == HomeCreditTable.APPLICATION) {
        continue;
      }
      if (t == HomeCreditTable.BUREAU_BALANCE) {
        int c = table.column("SK_ID_BUREAU");
        for (String[] row : table.rows()) {
          balancesByCredit.computeIfAbsent(id(table, row, c), k -> new ArrayList<>()).add(row);
        }
        continue;
      }
      List<List<String[]>> groups = new ArrayList<>(clientIndex.size());
      for (int i = 0; i < clientIndex.size(); i++) {
        groups.add(new ArrayList<>(0));
      }
      int c = table.column("SK_ID_CURR");
      int bureauCol = t == HomeCreditTable.BUREAU ? table.column("SK_ID_BUREAU") : -1;
      int prevCol = t == HomeCreditTable.BUREAU ? -1 : table.column("SK_ID_PREV");
      for (String[] row : table.rows()) {
        Integer client = clientIndex.get(id(table, row, c));
        if (client != null) {
          groups.get(client).add(row);
        }
        if (bureauCol >= 0) {
          maxBureau = Math.max(maxBureau, id(table, row, bureauCol));
        } else {
          maxPrev = Math.max(maxPrev, id(table, row, prevCol));
        }
      }
      byClient.put(t, groups);
    }
    maxBureauId = maxBureau;
    maxPreviousId = maxPrev;
  }

  /** The tables found, in {@link HomeCreditTable} order. */
  public List<HomeCreditTable> tables() {
    return List.copyOf(tables.keySet());
  }

  /** The file {@code table} was read from. */
  public Path file(HomeCreditTable table) {
    return tables.get(table).file();
  }

  int clientCount() {
    return tables.get(HomeCreditTable.APPLICATION).rows().size();
  }

  List<String[]> rows(HomeCreditTable table, int client) {
    List<List<String[]>> groups = byClient.get(table);
    return groups == null ? List.of() : groups.get(client);
  }

  /**
   * The distinct SK_ID_PREV of a client across previous_application, POS_CASH, instalments and
   * credit card, numbered in order of first appearance: orphan ids that appear only in the monthly
   * tables still get one new id per copy, shared by their rows.
   */
  Map<Long, Integer> previousIds(int client) {
    Map<Long, Integer> ids = new LinkedHashMap<>();
    for (HomeCreditTable t :
        List.of(
            HomeCreditTable.PREVIOUS_APPLICATION,
            HomeCreditTable.POS_CASH_BALANCE,
            HomeCreditTable.INSTALLMENTS_PAYMENTS,
            HomeCreditTable.CREDIT_CARD_BALANCE)) {
      Table table = tables.get(t);
      if (table == null) {
        continue;
      }
      int c = table.column("SK_ID_PREV");
      for (String[] row : rows(t, client)) {
        ids.putIfAbsent(id(table, row, c), ids.size());
      }
    }
    return ids;
  }

  static long id(Table table, String[] row, int column) {
    String s = row[column];
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      try {
        double d = Double.parseDouble(s);
        if (d == Math.rint(d)) {
          return (long) d;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new DataFileException(
          table.file().getFileName()
              + ": column "
              + table.header().get(column)
              + ": \""
              + s
              + "\" is not an id");
    }
  }

  private static Table read(Path file) {
    String name = file.getFileName().toString();
    List<String[]> rows = new ArrayList<>();
    List<String> header = null;
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        CsvReader<CsvRecord> csv =
            CsvReader.builder().detectBomHeader(true).ofCsvRecord(in, StandardCharsets.UTF_8)) {
      for (CsvRecord r : csv) {
        if (header == null) {
          header = List.copyOf(r.getFields());
        } else if (r.getFieldCount() != header.size()) {
          throw new DataFileException(
              name
                  + " line "
                  + r.getStartingLineNumber()
                  + ": "
                  + r.getFieldCount()
                  + " fields, but the header has "
                  + header.size());
        } else {
          rows.add(r.getFields().toArray(String[]::new));
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new DataFileException(name + ": cannot be read (" + e.getMessage() + ")", e);
    } catch (de.siegmar.fastcsv.reader.CsvParseException e) {
      if (e.getCause() instanceof DataFileException d) {
        throw d;
      }
      throw new DataFileException(name + ": " + e.getMessage(), e);
    }
    if (header == null) {
      throw new DataFileException(name + ": the file is empty (no header line)");
    }
    return new Table(file, header, rows);
  }
}
