package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import fr.pretadepenser.scoring.homecredit.HomeCreditTable;
import fr.pretadepenser.scoring.homecredit.prep.ScaleUp;
import fr.pretadepenser.scoring.homecredit.prep.SourceData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scoring generate}: a synthetic scale-up of a Kaggle folder, for load tests only. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a synthetic scale-up of a folder of Kaggle Home Credit tables, in the same 7 file"
          + " formats (same headers, same column order).",
      "Each new client copies a real client's application and whole history under fresh ids"
          + " (SK_ID_CURR, SK_ID_BUREAU, SK_ID_PREV), with one small seeded jitter (±5%%) on its"
          + " amounts. The same seed gives the same files.",
      "FOR LOAD AND SCALE TESTS ONLY: the rows are copies of real people's rows, not new people;"
          + " never use them to train, evaluate or explain a model."
    })
final class GenerateCommand implements Callable<Integer> {

  @Option(
      names = "--from",
      required = true,
      paramLabel = "DIR",
      description = "Folder of source tables (e.g. data/home-credit-sample).")
  Path from;

  @Option(names = "--clients", required = true, paramLabel = "N", description = "Clients to write.")
  int clients;

  @Option(names = "--seed", required = true, paramLabel = "S", description = "Random seed.")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(names = "--gzip", description = "Write .csv.gz (fastest level) instead of .csv.")
  boolean gzip;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Tables written at once (default: number of cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws Exception {
    if (clients < 1) {
      throw new UserException("--clients must be at least 1");
    }
    if (threads < 1) {
      throw new UserException("--threads must be at least 1");
    }
    SourceData source = new SourceData(HomeCreditFiles.locate(from));
    ScaleUp scaleUp = new ScaleUp(source, clients, seed);
    Files.createDirectories(out);
    List<HomeCreditTable> tables = source.tables();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<AtomicFile> files = new ArrayList<>();
    try (ProgressBar bar =
        Progress.bar("Generating", (long) clients * tables.size(), "table rows of clients", 1)) {
      List<Future<?>> tasks = new ArrayList<>();
      for (HomeCreditTable t : tables) {
        String name = source.file(t).getFileName().toString().replaceAll("\\.gz$", "");
        AtomicFile file = new AtomicFile(out.resolve(gzip ? name + ".gz" : name));
        files.add(file);
        tasks.add(
            pool.submit(
                () -> {
                  scaleUp.write(t, file.temp(), gzip, bar::stepBy);
                  return null;
                }));
      }
      for (Future<?> task : tasks) {
        try {
          task.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw (Exception) e.getCause();
        }
      }
      for (AtomicFile f : files) {
        f.commit();
      }
    } finally {
      pool.shutdownNow();
      for (AtomicFile f : files) {
        f.close();
      }
    }
    return 0;
  }
}
