package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import fr.pretadepenser.scoring.homecredit.HomeCreditTable;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.HistoryPresence;
import fr.pretadepenser.scoring.model.ModelBundle;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scoring score}: every applicant of a folder through the bundle's ONNX model. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
      "Scores every applicant of a folder of Kaggle tables (application_train or"
          + " application_test, TARGET optional) with a model bundle, through onnxruntime and the"
          + " same code path as the streaming scorer.",
      "Writes SK_ID_CURR, probability (shortest exact decimal of the double), decision"
          + " (GRANTED, REVIEW or REFUSED, by the same rule and review band as the streaming"
          + " scorer), scoring_model (full or thin_file) and scoring_model_reason,"
          + " in the application file's order.",
      "An applicant with no history record in the tables (or a folder with the application"
          + " table alone) is scored by the bundle's thin-file model, as the streaming scorer"
          + " does."
    })
final class ScoreCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "Bundle.")
  Path model;

  @Mixin DataOption data;

  @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output CSV.")
  Path out;

  @Mixin WorkerThreadsOption threads;

  @Mixin ReviewBandOption reviewBand;

  @Override
  public Integer call() throws IOException {
    try (ModelBundle bundle = open()) {
      ApplicationScorer scorer = reviewBand.scorer(bundle);
      HomeCreditFiles files = HomeCreditFiles.locate(data.dir());
      HomeCreditData loaded = Progress.read(files, threads.count());
      // A source whose table is absent says nothing (UNKNOWN); one read reports all it has, none
      // included. With no history table at all, every applicant goes to the thin-file model.
      boolean[] tables = {
        files.file(HomeCreditTable.BUREAU).isPresent(),
        files.file(HomeCreditTable.PREVIOUS_APPLICATION).isPresent(),
        files.file(HomeCreditTable.POS_CASH_BALANCE).isPresent(),
        files.file(HomeCreditTable.INSTALLMENTS_PAYMENTS).isPresent(),
        files.file(HomeCreditTable.CREDIT_CARD_BALANCE).isPresent()
      };
      int n = loaded.size();
      String[] lines = new String[n];
      try (ProgressBar bar = Progress.bar("Scoring", n, null, 1)) {
        java.util.concurrent.ForkJoinPool pool =
            new java.util.concurrent.ForkJoinPool(threads.count());
        try {
          pool.submit(
                  () ->
                      IntStream.range(0, n)
                          .parallel()
                          .forEach(
                              i -> {
                                Applicant a = loaded.applicant(i);
                                ApplicationScorer.Chosen c =
                                    scorer.scoreChosen(
                                        a.application(),
                                        a.history(),
                                        HistoryPresence.ofTables(a.history(), tables),
                                        System.nanoTime());
                                ApplicationScorer.Scored s = c.scored();
                                lines[i] =
                                    a.clientId()
                                        + ","
                                        + s.probability()
                                        + ","
                                        + s.outcome()
                                        + ","
                                        + c.model().name()
                                        + ","
                                        + c.model().reason()
                                        + "\n";
                                bar.step();
                              }))
              .join();
        } finally {
          pool.shutdown();
        }
      }
      try (AtomicFile file = new AtomicFile(out)) {
        try (Writer w =
            new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file.temp()), StandardCharsets.UTF_8),
                1 << 20)) {
          w.write("SK_ID_CURR,probability,decision,scoring_model,scoring_model_reason\n");
          for (String line : lines) {
            w.write(line);
          }
        }
        file.commit();
      }
      System.err.printf(
          "scored %d applicants with model %s, %s%n",
          n, bundle.metadata().modelVersion(), ReviewBandOption.describe(scorer.reviewBand()));
    }
    return 0;
  }

  private ModelBundle open() {
    return ScoringCli.loadBundle(model, "");
  }
}
