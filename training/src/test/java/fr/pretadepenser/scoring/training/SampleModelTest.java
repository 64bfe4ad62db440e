package fr.pretadepenser.scoring.training;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.features.FeatureInfo;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model trained on the shipped sample, the way {@code scoring train --folds 5 --search 0
 * --learning-rate 0.1 --weighting none} trains it: its cross-validated AUC must not fall below 0.70
 * (a label misaligned with its features would otherwise train and ship silently), and the same code
 * path on shuffled labels must give chance AUC, which shows the check can fail.
 */
class SampleModelTest {

  static final Path SAMPLE = Path.of("..", "data", "home-credit-sample");

  /** The demo's parameters, with the five folds of {@code scoring train}'s default. */
  static final TrainingOptions OPTIONS =
      new TrainingOptions(5, 42, 0, 10, 1, 2, 0.1, 1000, TrainingOptions.NONE, Map.of());

  /** Columns the model must not read by default: protected, then not actionable. */
  static final Set<String> NEVER_IN_THE_MODEL =
      Set.of(
          "CODE_GENDER",
          "NAME_FAMILY_STATUS",
          "WEEKDAY_APPR_PROCESS_START",
          "HOUR_APPR_PROCESS_START",
          "NAME_TYPE_SUITE",
          "FLAG_DOCUMENT_3");

  private static TrainingResult sample;

  @BeforeAll
  static void train() {
    sample = train(SAMPLE);
  }

  static TrainingResult train(Path directory) {
    HomeCreditFiles files = HomeCreditFiles.locate(directory);
    HomeCreditData data =
        HomeCreditData.load(files, new HomeCreditData.Options(Instant.EPOCH, 2, n -> {}));
    long t0 = System.nanoTime();
    TrainingResult result =
        new Trainer(OPTIONS, TrainingProgress.NONE).train(data, TrainingData.sha256(files));
    System.out.printf(
        "%s: %d features, CV AUC %.4f ± %.4f, folds %s, trained in %.1f s%n",
        directory,
        result.definition().size(),
        result.full().meanAuc(),
        result.full().stdAuc(),
        java.util.Arrays.toString(result.full().foldAuc()),
        (System.nanoTime() - t0) / 1e9);
    return result;
  }

  @Test
  void crossValidatedAucOnTheSampleIsAtLeastSeventyHundredths() {
    assertThat(sample.full().foldAuc()).hasSize(5);
    assertThat(sample.full().meanAuc()).isGreaterThanOrEqualTo(0.70);
  }

  @Test
  void theSameCheckFailsWhenTheLabelsNoLongerBelongToTheirApplicants(@TempDir Path dir)
      throws IOException {
    Path shuffled = dir.resolve("shuffled");
    Files.createDirectories(shuffled);
    try (Stream<Path> files = Files.list(SAMPLE)) {
      for (Path file : files.toList()) {
        if (!file.getFileName().toString().startsWith("application_train")) {
          Files.copy(file, shuffled.resolve(file.getFileName()));
        }
      }
    }
    shuffleTargets(
        SAMPLE.resolve("application_train.csv.gz"),
        shuffled.resolve("application_train.csv.gz"),
        7);

    TrainingResult misaligned = train(shuffled);

    assertThat(misaligned.full().meanAuc())
        .as("CV AUC with TARGET shuffled across applicants")
        .isLessThan(0.60);
  }

  @Test
  void noFeatureOfTheModelIsReadFromAnExcludedColumn() {
    List<String> offending =
        sample.definition().features().stream()
            .filter(f -> f.column() != null && NEVER_IN_THE_MODEL.contains(f.column()))
            .map(FeatureInfo::name)
            .toList();
    assertThat(offending).isEmpty();
    assertThat(sample.matrix().names()).isEqualTo(sample.definition().names());
  }

  /**
   * Rewrites the application table with TARGET dealt to the applicants in a seeded random order:
   * the same rows, the same default rate, labels unrelated to the features. SK_ID_CURR and TARGET
   * are the first two columns and never quoted, so the rest of each line is copied untouched.
   */
  static void shuffleTargets(Path in, Path out, long seed) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(in)), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
      }
    }
    assertThat(lines.get(0)).startsWith("SK_ID_CURR,TARGET,");
    List<String> targets = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      targets.add(line.split(",", 3)[1]);
    }
    Collections.shuffle(targets, new Random(seed));
    try (BufferedWriter w =
        new BufferedWriter(
            new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(out)), StandardCharsets.UTF_8))) {
      w.write(lines.get(0));
      w.newLine();
      for (int i = 1; i < lines.size(); i++) {
        String[] parts = lines.get(i).split(",", 3);
        w.write(parts[0] + "," + targets.get(i - 1) + "," + parts[2]);
        w.newLine();
      }
    }
  }
}
