package fr.pretadepenser.scoring.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import fr.pretadepenser.scoring.features.CategoryVocabulary;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scoring features}: the feature vector of every applicant of a Kaggle folder, as CSV. */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = {
      "Computes the feature vector of every applicant of a folder of Kaggle Home Credit tables"
          + " (.csv or .csv.gz under their Kaggle names; only application_train or"
          + " application_test is required, a missing history table leaves its features"
          + " missing).",
      "Writes SK_ID_CURR, TARGET (when the data has it) and every feature, names as header;"
          + " a missing value is an empty field."
    })
final class FeaturesCommand implements Callable<Integer> {

  /** Applicants per task: large enough to amortise scheduling, small enough to keep order cheap. */
  private static final int BATCH = 256;

  @Mixin DataOption data;

  @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output CSV.")
  Path out;

  @Option(
      names = "--vocabulary",
      paramLabel = "FILE.json",
      description = "Categorical vocabulary to use (e.g. a model's); default: built from --data.")
  Path vocabularyIn;

  @Option(
      names = "--vocabulary-out",
      paramLabel = "FILE.json",
      description = "Also save the vocabulary used.")
  Path vocabularyOut;

  @Mixin WorkerThreadsOption threads;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public Integer call() throws Exception {
    threads.atLeastOne();
    CategoryVocabulary given = vocabularyIn == null ? null : readVocabulary(vocabularyIn);
    HomeCreditData loaded = load();
    CategoryVocabulary vocabulary = given != null ? given : loaded.vocabulary();
    FeatureDefinition definition = new FeatureDefinition(vocabulary);
    writeFeatures(loaded, definition);
    if (vocabularyOut != null) {
      try (AtomicFile file = new AtomicFile(vocabularyOut)) {
        JSON.writeValue(file.temp().toFile(), vocabulary);
        file.commit();
      }
    }
    return 0;
  }

  private HomeCreditData load() {
    HomeCreditFiles files = HomeCreditFiles.locate(data.dir());
    return Progress.read(files, threads.count());
  }

  static CategoryVocabulary readVocabulary(Path file) {
    try {
      return JSON.readValue(file.toFile(), CategoryVocabulary.class);
    } catch (IOException e) {
      throw new UserException(file + ": not a vocabulary file (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Computes batches of applicants on {@code threads} workers and writes them in file order; at
   * most a few batches wait in memory, so the output size does not matter.
   */
  private void writeFeatures(HomeCreditData loaded, FeatureDefinition definition)
      throws IOException, InterruptedException {
    List<String> names = definition.names();
    int size = names.size();
    boolean withTarget = loaded.hasTarget();
    int n = loaded.size();
    ExecutorService pool = Executors.newFixedThreadPool(threads.count());
    try (AtomicFile file = new AtomicFile(out);
        ProgressBar bar = Progress.bar("Features", n, null, 1)) {
      try (OutputStream os = Files.newOutputStream(file.temp());
          Writer w =
              new java.io.BufferedWriter(
                  new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 20)) {
        w.write(FeatureCsv.header(withTarget, names));
        Deque<Future<Batch>> pending = new ArrayDeque<>();
        int next = 0;
        while (next < n || !pending.isEmpty()) {
          while (next < n && pending.size() < threads.count() * 4) {
            int from = next;
            int to = Math.min(n, from + BATCH);
            pending.add(pool.submit(() -> batch(loaded, definition, size, withTarget, from, to)));
            next = to;
          }
          Batch done = await(pending.poll());
          w.write(done.text());
          bar.stepBy(done.applicants());
        }
      }
      file.commit();
    } finally {
      pool.shutdownNow();
    }
  }

  private record Batch(String text, int applicants) {}

  private static Batch batch(
      HomeCreditData loaded,
      FeatureDefinition definition,
      int size,
      boolean withTarget,
      int from,
      int to) {
    float[] values = new float[size];
    StringBuilder b = new StringBuilder((to - from) * values.length * 6);
    for (int i = from; i < to; i++) {
      Applicant a = loaded.applicant(i);
      definition.compute(a.application(), a.history(), values);
      FeatureCsv.appendRow(b, a.clientId(), withTarget, a.target(), values);
    }
    return new Batch(b.toString(), to - from);
  }

  private static <T> T await(Future<T> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
