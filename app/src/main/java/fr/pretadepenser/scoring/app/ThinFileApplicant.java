package fr.pretadepenser.scoring.app;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import fr.pretadepenser.scoring.homecredit.HomeCreditTable;
import fr.pretadepenser.scoring.homecredit.prep.DemoSplit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's one applicant without any history (issue 21): the first new applicant's application
 * under a fresh client id (one above the largest in the table), with no row in any history table.
 * The replay announces zero records for every source, so the scorer decides it with the thin-file
 * model (reason NO_HISTORY_REPORTED), and {@code scoring score} on the same folder agrees. Added to
 * the new applicants' table itself, so the replay, the outcomes and the batch check all see it.
 */
final class ThinFileApplicant {

  private ThinFileApplicant() {}

  /**
   * Appends the applicant to {@code parts.fresh()}'s application table.
   *
   * @return the parts with one more new applicant, and the new client id
   */
  static Added add(DemoSplit.Parts parts) {
    Path table =
        HomeCreditFiles.locate(parts.fresh()).file(HomeCreditTable.APPLICATION).orElseThrow();
    if (table.getFileName().toString().endsWith(".gz")) {
      // DemoSplit writes plain CSV; a compressed table is left as it is.
      return new Added(parts, -1);
    }
    List<String> header;
    List<String> first = null;
    long max = Long.MIN_VALUE;
    int id;
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(table)) {
      var rows = reader.iterator();
      if (!rows.hasNext()) {
        return new Added(parts, -1);
      }
      header = rows.next().getFields();
      id = header.indexOf("SK_ID_CURR");
      if (id < 0) {
        return new Added(parts, -1);
      }
      while (rows.hasNext()) {
        List<String> row = rows.next().getFields();
        if (first == null) {
          first = new ArrayList<>(row);
        }
        max = Math.max(max, Long.parseLong(row.get(id)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + table, e);
    }
    if (first == null) {
      return new Added(parts, -1);
    }
    long clientId = max + 1;
    first.set(id, Long.toString(clientId));
    Path temp = table.resolveSibling(table.getFileName() + ".tmp");
    try {
      Files.copy(table, temp, StandardCopyOption.REPLACE_EXISTING);
      try (Writer w =
              Files.newBufferedWriter(
                  temp, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
          CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(w)) {
        csv.writeRecord(first);
      }
      Files.move(temp, table, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot add the thin-file applicant to " + table, e);
    }
    return new Added(
        new DemoSplit.Parts(
            parts.train(), parts.fresh(), parts.trainClients(), parts.freshClients() + 1),
        clientId);
  }

  /** The parts after the addition, and the applicant's client id (-1 when none was added). */
  record Added(DemoSplit.Parts parts, long clientId) {}
}
