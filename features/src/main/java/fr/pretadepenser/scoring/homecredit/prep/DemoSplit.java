package fr.pretadepenser.scoring.homecredit.prep;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import fr.pretadepenser.scoring.homecredit.HomeCreditTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Splits a folder of Kaggle tables by client into a training part and a "new applicants" part, each
 * a folder of the same tables (every client with its whole history), stratified by TARGET and
 * seeded. The demo trains on the first and replays the second, so it never scores people the model
 * was trained on.
 */
public final class DemoSplit {

  /** The two folders and their client counts. */
  public record Parts(Path train, Path fresh, int trainClients, int freshClients) {}

  private DemoSplit() {}

  /**
   * Writes {@code out/train} and {@code out/new} from {@code data}, {@code freshShare} of each
   * TARGET class going to {@code out/new}. Applicants without TARGET are split as one class.
   */
  public static Parts write(Path data, Path out, double freshShare, long seed) {
    SourceData source = new SourceData(HomeCreditFiles.locate(data));
    boolean[] fresh = choose(source, freshShare, seed);
    Path train = out.resolve("train");
    Path news = out.resolve("new");
    try {
      Files.createDirectories(train);
      Files.createDirectories(news);
      for (HomeCreditTable t : source.tables.keySet()) {
        String name = source.tables.get(t).file().getFileName().toString().replaceAll("\\.gz$", "");
        writeTable(source, t, train.resolve(name), fresh, false);
        writeTable(source, t, news.resolve(name), fresh, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo's data under " + out, e);
    }
    int n = 0;
    for (boolean f : fresh) {
      n += f ? 1 : 0;
    }
    return new Parts(train, news, fresh.length - n, n);
  }

  /** Which clients (by index) are new applicants: a seeded shuffle within each TARGET class. */
  private static boolean[] choose(SourceData source, double share, long seed) {
    SourceData.Table app = source.tables.get(HomeCreditTable.APPLICATION);
    int target = app.header().indexOf("TARGET");
    List<List<Integer>> classes = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < app.rows().size(); i++) {
      String label = target < 0 ? "" : app.rows().get(i)[target];
      int c = labels.indexOf(label);
      if (c < 0) {
        labels.add(label);
        classes.add(new ArrayList<>());
        c = labels.size() - 1;
      }
      classes.get(c).add(i);
    }
    boolean[] fresh = new boolean[app.rows().size()];
    SplittableRandom random = new SplittableRandom(seed);
    for (List<Integer> members : classes) {
      for (int i = members.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        Integer t = members.get(i);
        members.set(i, members.get(j));
        members.set(j, t);
      }
      int take = (int) Math.round(members.size() * share);
      for (int i = 0; i < take; i++) {
        fresh[members.get(i)] = true;
      }
    }
    return fresh;
  }

  private static void writeTable(
      SourceData source, HomeCreditTable t, Path file, boolean[] fresh, boolean wantFresh)
      throws IOException {
    SourceData.Table table = source.tables.get(t);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(w)) {
      csv.writeRecord(table.header());
      if (t == HomeCreditTable.APPLICATION) {
        for (int i = 0; i < fresh.length; i++) {
          if (fresh[i] == wantFresh) {
            csv.writeRecord(table.rows().get(i));
          }
        }
        return;
      }
      if (t == HomeCreditTable.BUREAU_BALANCE) {
        // bureau_balance has no client id: follow the kept clients' bureau credits.
        SourceData.Table bureau = source.tables.get(HomeCreditTable.BUREAU);
        if (bureau == null) {
          return;
        }
        int credit = bureau.column("SK_ID_BUREAU");
        for (int i = 0; i < fresh.length; i++) {
          if (fresh[i] != wantFresh) {
            continue;
          }
          for (String[] row : source.rows(HomeCreditTable.BUREAU, i)) {
            for (String[] balance :
                source.balancesByCredit.getOrDefault(
                    SourceData.id(bureau, row, credit), List.of())) {
              csv.writeRecord(balance);
            }
          }
        }
        return;
      }
      for (int i = 0; i < fresh.length; i++) {
        if (fresh[i] == wantFresh) {
          for (String[] row : source.rows(t, i)) {
            csv.writeRecord(row);
          }
        }
      }
    }
  }
}
