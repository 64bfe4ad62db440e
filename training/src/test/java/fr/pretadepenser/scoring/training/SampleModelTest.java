package fr.pretadepenser.scoring.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pretadepenser.scoring.features.FeatureInfo;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import fr.pretadepenser.scoring.model.BundleFiles;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.model.ModelCard;
import fr.pretadepenser.scoring.model.ReviewBand;
import fr.pretadepenser.scoring.model.metrics.ReviewBands;
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
        "%s: %d features, CV AUC %.4f ± %.4f, folds %s, trained in %.1f s (%s)%n"
            + "  non-actionable rule: %s%n  comparison: %s%n",
        directory,
        result.definition().size(),
        result.full().meanAuc(),
        result.full().stdAuc(),
        java.util.Arrays.toString(result.full().foldAuc()),
        (System.nanoTime() - t0) / 1e9,
        result.stageSeconds(),
        result.nonActionableDecision(),
        result.exclusionComparison());
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
   * The default review band on the sample: around the threshold, not empty, within the rule's
   * margin and cap, its figures what the out-of-fold predictions give, and its reason written.
   */
  @Test
  void theReviewBandContainsTheThresholdAndSaysWhy() {
    ModelCard.ReviewBandChoice band = sample.reviewBand();
    double threshold = sample.threshold().threshold();
    double[] oof = sample.full().oof();
    int[] labels = sample.matrix().labels();
    System.out.printf(
        "review band on the sample: %s (threshold %.4f, cost %.0f)%n",
        band, threshold, sample.threshold().cost());
    assertThat(band.source()).isEqualTo(ModelCard.ReviewBandChoice.OUT_OF_FOLD);
    assertThat(band.band()).isNotNull();
    assertThat(band.low()).isLessThanOrEqualTo(threshold);
    assertThat(band.high()).isGreaterThanOrEqualTo(threshold);
    assertThat(band.high()).isGreaterThan(band.low());
    long inside =
        java.util.Arrays.stream(oof).filter(p -> p >= band.low() && p < band.high()).count();
    assertThat(inside).isPositive().isEqualTo(band.applicants().longValue());
    assertThat(band.share()).isEqualTo((double) inside / oof.length);
    assertThat(band.share()).isLessThanOrEqualTo(ReviewBands.DEFAULT_MAX_SHARE);
    assertThat(band.minCost()).isEqualTo(sample.threshold().cost());
    assertThat(band.costAtLow()).isLessThanOrEqualTo(band.minCost() * 1.05);
    assertThat(band.costAtHigh()).isLessThanOrEqualTo(band.minCost() * 1.05);
    long defaultersInside = 0;
    for (int i = 0; i < oof.length; i++) {
      defaultersInside += oof[i] >= band.low() && oof[i] < band.high() ? labels[i] : 0;
    }
    assertThat(band.defaulters()).isEqualTo((int) defaultersInside);
    assertThat(band.grantedShare())
        .isEqualTo(
            (double) java.util.Arrays.stream(oof).filter(p -> p < band.low()).count() / oof.length);
    assertThat(band.why())
        .contains("5%")
        .contains("10%")
        .contains(String.format(java.util.Locale.ROOT, "%.4f", band.low()))
        .contains(String.format(java.util.Locale.ROOT, "%.4f", band.high()));
  }

  /** --review-band off and LOW,HIGH on the same out-of-fold predictions, without training again. */
  @Test
  void theReviewBandCanBeSetByHandOrSwitchedOff() {
    double threshold = sample.threshold().threshold();
    double[] oof = sample.full().oof();
    int[] labels = sample.matrix().labels();
    Trainer off = new Trainer(withBand(TrainingOptions.OFF), TrainingProgress.NONE);
    assertThat(off.reviewBand(oof, labels, threshold).band()).isNull();
    assertThat(off.reviewBand(oof, labels, threshold).source()).isEqualTo("off");
    String around = (threshold / 2) + "," + Math.min(1, threshold * 2);
    ModelCard.ReviewBandChoice byHand =
        new Trainer(withBand(around), TrainingProgress.NONE).reviewBand(oof, labels, threshold);
    assertThat(byHand.band()).isEqualTo(ReviewBand.parse(around));
    assertThat(byHand.source()).isEqualTo("option");
    assertThat(byHand.applicants()).isPositive();
    String beside = Math.min(0.98, threshold * 3) + "," + 0.99;
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new Trainer(withBand(beside), TrainingProgress.NONE)
                    .reviewBand(oof, labels, threshold))
        .hasMessageContaining("--review-band")
        .hasMessageContaining("does not contain the model's threshold");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> withBand("0.1"))
        .hasMessageContaining("--review-band: auto, off or expected LOW,HIGH");
  }

  private static TrainingOptions withBand(String band) {
    TrainingOptions o = OPTIONS;
    return new TrainingOptions(
        o.folds(),
        o.seed(),
        o.searchTrials(),
        o.costFn(),
        o.costFp(),
        o.threads(),
        o.learningRate(),
        o.maxRounds(),
        o.weighting(),
        o.params(),
        o.exclusion(),
        band);
  }

  @Test
  void theBundleCarriesTheExclusionTheComparisonTheFairnessAndBothReports(@TempDir Path dir)
      throws Exception {
    TrainingResult r = sample;
    Path out = BundleWriter.write(r, dir.resolve("bundle"), TrainingProgress.NONE).directory();

    try (ModelBundle bundle = ModelBundle.load(out)) {
      assertThat(bundle.definition().names()).isEqualTo(r.definition().names());
      assertThat(bundle.definition().exclusion()).isEqualTo(r.definition().exclusion());
      assertThat(bundle.definition().names())
          .doesNotContain("CODE_GENDER", "NAME_FAMILY_STATUS_Married");
      assertThat(bundle.metadata().featureNames()).isEqualTo(r.definition().names());
    }

    JsonNode card = new ObjectMapper().readTree(out.resolve(BundleFiles.MODEL_CARD).toFile());
    assertThat(card.path("excluded_columns").path("protected"))
        .extracting(JsonNode::asText)
        .containsExactly("CODE_GENDER", "NAME_FAMILY_STATUS");
    assertThat(card.path("excluded_columns").has("non_actionable")).isTrue();
    JsonNode cmp = card.path("exclusion_comparison");
    assertThat(cmp.path("folds").asInt()).isEqualTo(5);
    assertThat(cmp.path("seed").asLong()).isEqualTo(42);
    for (String side : List.of("with_excluded", "without_excluded")) {
      assertThat(cmp.path(side).path("auc").asDouble()).as(side).isBetween(0.5, 1.0);
      assertThat(cmp.path(side).path("auc_std").asDouble()).as(side).isPositive();
      assertThat(cmp.path(side).path("cost").asDouble()).as(side).isPositive();
    }
    assertThat(cmp.path("without_excluded").path("auc").asDouble())
        .isEqualTo(card.path("cv_auc_mean").asDouble());
    assertThat(cmp.path("with_excluded").path("n_features").asInt())
        .isGreaterThan(cmp.path("without_excluded").path("n_features").asInt());
    assertThat(card.path("n_features").asInt())
        .isEqualTo(cmp.path("without_excluded").path("n_features").asInt());

    List<String> groups = new ArrayList<>();
    long genderDecisions = 0;
    for (JsonNode g : card.path("fairness")) {
      groups.add(g.path("attribute").asText() + ":" + g.path("group").asText());
      if (g.path("attribute").asText().equals("gender")) {
        genderDecisions += g.path("decisions").asLong();
      }
      assertThat(g.has("four_fifths_flag")).isTrue();
      assertThat(g.path("disparate_impact").asDouble()).isBetween(0.0, 1.0);
    }
    assertThat(groups).contains("gender:F", "gender:M", "age_band:26-35", "family_status:Married");
    assertThat(genderDecisions).isEqualTo(card.path("n_train").asLong());

    JsonNode band = card.path("review_band");
    assertThat(band.path("low").asDouble()).isEqualTo(r.reviewBand().low());
    assertThat(band.path("high").asDouble()).isEqualTo(r.reviewBand().high());
    assertThat(band.path("share").asDouble()).isEqualTo(r.reviewBand().share());
    assertThat(band.path("why").asText()).isEqualTo(r.reviewBand().why());
    try (ModelBundle bundle = ModelBundle.load(out)) {
      assertThat(bundle.card().band()).isEqualTo(r.reviewBand().band());
    }

    String en = Files.readString(out.resolve(BundleFiles.REPORT_HTML));
    String fr = Files.readString(out.resolve(BundleFiles.REPORT_FR_HTML));
    assertThat(en)
        .contains("<html lang=\"en\"", "Columns the model does not read", "Fairness by group")
        .contains("id=\"review-band\"", "Review band", "Why this band")
        .contains("href=\"report.fr.html\"", "<code>CODE_GENDER</code>", "Female");
    assertThat(fr)
        .contains("<html lang=\"fr\"", "Colonnes que le modèle ne lit pas", "Équité par groupe")
        .contains("Zone de revue", "Pourquoi cette zone")
        .contains("href=\"report.html\"", "Femme", "Marié(e)", "Tranche d&#39;âge");
    // No English heading, category value or column title left on the French page.
    assertThat(fr)
        .doesNotContain(
            "Summary",
            "Fairness by group",
            "Class imbalance",
            "Most important features",
            ">Female<",
            ">Married<",
            "approval rate",
            "business cost",
            "Review band",
            "Why this band");
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
