package fr.pretadepenser.scoring.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pretadepenser.scoring.features.FeatureFamily;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.model.BundleFiles;
import fr.pretadepenser.scoring.model.DecisionRule;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.model.ModelCard;
import fr.pretadepenser.scoring.model.ReviewBand;
import fr.pretadepenser.scoring.schemas.HistorySources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains a small bundle on the real sample once (3 folds, one search trial, so CI stays quick),
 * then checks the bundle contract, the parity figure, {@code score}, and the bad inputs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainAndScoreCommandTest {

  @TempDir static Path tmp;
  Path bundle;
  CommandTestSupport.Run training;

  @BeforeAll
  void train() {
    bundle = tmp.resolve("bundle");
    // train prints its summary on System.out: captured, so the exclusion lines can be checked.
    training =
        CommandTestSupport.runCapturingStdout(
            "train",
            "--data",
            CommandTestSupport.SAMPLE.toString(),
            "--out",
            bundle.toString(),
            "--folds",
            "3",
            "--search",
            "1",
            "--learning-rate",
            "0.1",
            // One LightGBM thread: two spin-wait badly when the build shares the cores.
            "--threads",
            "1");
  }

  @Test
  void theBundleHoldsEveryFileAndTheCardContract() throws IOException {
    assertThat(training.exitCode()).as(training.err()).isZero();
    for (String f :
        List.of(
            BundleFiles.MODEL_ONNX,
            BundleFiles.MODEL_TXT,
            BundleFiles.FEATURES_JSON,
            BundleFiles.MODEL_CARD,
            BundleFiles.REFERENCE_JSON,
            BundleFiles.REPORT_HTML,
            BundleFiles.REPORT_FR_HTML)) {
      assertThat(bundle.resolve(f)).isNotEmptyFile();
    }
    JsonNode card = new ObjectMapper().readTree(bundle.resolve(BundleFiles.MODEL_CARD).toFile());
    for (String field :
        List.of(
            "model_version",
            "n_train",
            "n_features",
            "default_rate",
            "cv_auc_folds",
            "cv_auc_mean",
            "cv_auc_std",
            "baseline_cv_auc_mean",
            "threshold",
            "cost_fn",
            "cost_fp",
            "oof_business_cost",
            "grant_all_business_cost",
            "brier",
            "best_iteration",
            "params",
            "onnx_max_abs_diff",
            "train_seconds",
            "excluded_columns",
            "exclusion_comparison",
            "fairness",
            "non_actionable_decision",
            "review_band")) {
      assertThat(card.has(field)).as("model-card.json has %s", field).isTrue();
    }
    assertThat(card.get("n_train").asInt()).isEqualTo(3076);
    // The defaults: gender and family status never in the model; the exclusion in features.json.
    assertThat(card.at("/excluded_columns/protected").toString())
        .isEqualTo("[\"CODE_GENDER\",\"NAME_FAMILY_STATUS\"]");
    assertThat(card.at("/exclusion_comparison/with_excluded/auc").asDouble()).isPositive();
    assertThat(card.at("/exclusion_comparison/without_excluded/auc").asDouble())
        .isEqualTo(card.get("cv_auc_mean").asDouble());
    assertThat(card.get("fairness")).isNotEmpty();
    // The default review band around the threshold, with its reason; train prints it.
    JsonNode band = card.get("review_band");
    assertThat(band.get("low").asDouble()).isLessThanOrEqualTo(card.get("threshold").asDouble());
    assertThat(band.get("high").asDouble())
        .isGreaterThanOrEqualTo(card.get("threshold").asDouble());
    assertThat(band.get("share").asDouble()).isPositive();
    assertThat(band.get("why").asText()).contains("out-of-fold business cost");
    assertThat(training.out()).contains("review band: An advisor decides");
    JsonNode features =
        new ObjectMapper().readTree(bundle.resolve(BundleFiles.FEATURES_JSON).toFile());
    assertThat(features.get("excluded_columns").toString()).contains("\"CODE_GENDER\"");
    assertThat(features.get("features").findValuesAsText("name")).doesNotContain("CODE_GENDER");
    assertThat(training.out()).contains("excluded columns: protected [CODE_GENDER");
    assertThat(card.get("cv_auc_folds")).hasSize(3);
    assertThat(card.get("cost_fn").asDouble()).isEqualTo(10.0);
    // The double-precision TreeEnsemble reproduces LightGBM exactly on every training row.
    assertThat(card.get("onnx_max_abs_diff").asDouble()).isLessThanOrEqualTo(1e-6);
    assertThat(card.get("oof_business_cost").asDouble())
        .isLessThan(card.get("grant_all_business_cost").asDouble());
    String report = Files.readString(bundle.resolve(BundleFiles.REPORT_HTML));
    assertThat(report).contains("<svg", "plot-roc", "plot-cost", "plot-calibration");
    // Self-contained: nothing fetched (the SVG namespace URI is a name, not a fetch).
    assertThat(report).doesNotContain("<script", "src=\"http", "href=\"http", "url(http");
  }

  @Test
  void theOnnxMetadataCarriesVersionThresholdAndProvenance() {
    try (ModelBundle b = ModelBundle.load(bundle)) {
      ModelCard card = b.card();
      assertThat(b.metadata().modelVersion()).isEqualTo(card.modelVersion()).startsWith("lgbm-");
      assertThat(b.metadata().threshold()).isEqualTo(card.threshold());
      assertThat(b.metadata().featureNames()).hasSize(card.nFeatures());
      assertThat(b.metadata().provenance())
          .containsKeys("training_data_sha256", "params", "seed", "folds");
    }
  }

  @Test
  void scoreGivesEveryApplicantTheBundlesProbabilityAndDecision() throws IOException {
    Path out = tmp.resolve("scores.csv");
    CommandTestSupport.Run run =
        CommandTestSupport.run(
            "score",
            "--model",
            bundle.toString(),
            "--data",
            CommandTestSupport.SAMPLE.toString(),
            "--out",
            out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0))
        .isEqualTo("SK_ID_CURR,probability,decision,scoring_model,scoring_model_reason");
    assertThat(lines).hasSize(3077);
    Map<Long, String[]> byId = new HashMap<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",");
      byId.put(Long.parseLong(f[0]), f);
    }
    // Recompute a few applicants by hand through the bundle's definition and ONNX models: the
    // full model for a client with history, the thin-file one (history hidden) for one without.
    HomeCreditData data = HomeCreditData.load(CommandTestSupport.SAMPLE, Instant.EPOCH);
    int[] some = {0, 1, 1000, 3075, firstWithoutHistory(data)};
    try (ModelBundle b = ModelBundle.load(bundle)) {
      ModelBundle thin = b.thinFile().orElseThrow();
      for (int i : some) {
        Applicant a = data.applicant(i);
        boolean none =
            a.history() == null
                || java.util.Arrays.stream(HistorySources.countArray(a.history())).sum() == 0;
        float[] v = b.definition().compute(a.application(), a.history());
        ModelBundle by = b;
        if (none) {
          by = thin;
          for (int c = 0; c < v.length; c++) {
            if (b.definition().features().get(c).family() != FeatureFamily.APPLICATION) {
              v[c] = Float.NaN;
            }
          }
        }
        double p = by.model().probability(v);
        String[] f = byId.get(a.clientId());
        assertThat(Double.parseDouble(f[1])).as("applicant %d", i).isEqualTo(p);
        // By default each model's review band decides, as the streaming scorer does.
        ReviewBand band = by.card().band();
        assertThat(f[2])
            .isEqualTo(
                DecisionRule.outcome(
                        p,
                        by.metadata().threshold(),
                        band == null ? null : band.low(),
                        band == null ? null : band.high())
                    .name());
        assertThat(f[3]).isEqualTo(none ? "thin_file" : "full");
        assertThat(f[4]).isEqualTo(none ? "NO_HISTORY_REPORTED" : "HISTORY_PRESENT");
      }
    }
    long refused = byId.values().stream().filter(f -> f[2].equals("REFUSED")).count();
    assertThat(refused).isBetween(1L, 3075L);
    long reviews = byId.values().stream().filter(f -> f[2].equals("REVIEW")).count();
    assertThat(reviews).isPositive();

    // --review-band off: the threshold alone, no REVIEW.
    Path off = tmp.resolve("scores-off.csv");
    CommandTestSupport.Run withoutBand =
        CommandTestSupport.run(
            "score",
            "--model",
            bundle.toString(),
            "--data",
            CommandTestSupport.SAMPLE.toString(),
            "--out",
            off.toString(),
            "--review-band",
            "off");
    assertThat(withoutBand.exitCode()).as(withoutBand.err()).isZero();
    assertThat(Files.readAllLines(off)).noneMatch(l -> l.contains(",REVIEW,"));

    // A band beside the threshold is refused, saying so, before anything is scored.
    CommandTestSupport.Run beside =
        CommandTestSupport.run(
            "score",
            "--model",
            bundle.toString(),
            "--data",
            CommandTestSupport.SAMPLE.toString(),
            "--out",
            tmp.resolve("never.csv").toString(),
            "--review-band",
            "0.97,0.99");
    assertThat(beside.exitCode()).isEqualTo(ScoringCli.BAD_INPUT);
    assertThat(beside.err())
        .contains("--review-band 0.97,0.99", "does not contain the model's threshold");
    assertThat(tmp.resolve("never.csv")).doesNotExist();
  }

  private static int firstWithoutHistory(HomeCreditData data) {
    for (int i = 0; i < data.size(); i++) {
      Applicant a = data.applicant(i);
      if (a.history() == null
          || java.util.Arrays.stream(HistorySources.countArray(a.history())).sum() == 0) {
        return i;
      }
    }
    throw new AssertionError("the sample has no applicant without history");
  }

  @Test
  void anApplicationTableAloneIsScoredThroughTheThinFileModel() throws IOException {
    Path alone = tmp.resolve("application-alone");
    Files.createDirectories(alone);
    Files.copy(
        CommandTestSupport.SAMPLE.resolve("application_train.csv.gz"),
        alone.resolve("application_train.csv.gz"));
    Path out = tmp.resolve("alone.csv");
    CommandTestSupport.Run run =
        CommandTestSupport.run(
            "score",
            "--model",
            bundle.toString(),
            "--data",
            alone.toString(),
            "--out",
            out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(3077);
    for (String l : lines.subList(1, lines.size())) {
      assertThat(l).endsWith(",thin_file,NO_HISTORY_REPORTED");
    }
    // The same probability as the thin-file model on the application alone.
    HomeCreditData data = HomeCreditData.load(alone, Instant.EPOCH);
    try (ModelBundle b = ModelBundle.load(bundle)) {
      ModelBundle thin = b.thinFile().orElseThrow();
      Applicant a = data.applicant(7);
      double p = thin.model().probability(b.definition().compute(a.application(), null));
      String[] f = lines.get(8).split(",");
      assertThat(Long.parseLong(f[0])).isEqualTo(a.clientId());
      assertThat(Double.parseDouble(f[1])).isEqualTo(p);
    }
  }

  @Test
  void aColumnToExcludeThatIsNotAColumnNameIsRefusedBeforeAnythingIsRead() {
    Path out = tmp.resolve("never-excluded");
    CommandTestSupport.Run run =
        CommandTestSupport.run(
            "train",
            "--data",
            CommandTestSupport.SAMPLE.toString(),
            "--out",
            out.toString(),
            "--exclude-columns",
            "CODE_GENDER,NAME FAMILY");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--exclude-columns").contains("\"NAME FAMILY\"");
    assertThat(out).doesNotExist();
  }

  @Test
  void trainingWithoutTargetIsRefusedAndWritesNothing() throws IOException {
    Path test = tmp.resolve("no-target");
    Files.createDirectories(test);
    // application_test has the same columns without TARGET.
    List<String> rows = readSampleApplication();
    String header = rows.get(0).replace("TARGET,", "");
    StringBuilder b = new StringBuilder(header).append('\n');
    int target = List.of(rows.get(0).split(",")).indexOf("TARGET");
    for (String r : rows.subList(1, 40)) {
      List<String> cells = new java.util.ArrayList<>(List.of(r.split(",", -1)));
      cells.remove(target);
      b.append(String.join(",", cells)).append('\n');
    }
    Files.writeString(test.resolve("application_test.csv"), b);
    Path out = tmp.resolve("never");
    CommandTestSupport.Run run =
        CommandTestSupport.run("train", "--data", test.toString(), "--out", out.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("TARGET");
    assertThat(out).doesNotExist();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
    }
  }

  @Test
  void anEmptyApplicationTableIsRefused() throws IOException {
    Path empty = tmp.resolve("empty");
    Files.createDirectories(empty);
    Files.writeString(
        empty.resolve("application_train.csv"), readSampleApplication().get(0) + "\n");
    CommandTestSupport.Run run =
        CommandTestSupport.run(
            "train", "--data", empty.toString(), "--out", tmp.resolve("e").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no rows");
  }

  @Test
  void aBundleWhoseFeaturesDifferIsRefusedWithTheDifference() throws IOException {
    Path copy = tmp.resolve("tampered");
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.list(bundle)) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    // A vocabulary that lost a level: the definition no longer yields the model's features.
    Path features = copy.resolve(BundleFiles.FEATURES_JSON);
    String json = Files.readString(features);
    Files.writeString(features, json.replaceFirst("\"Cash loans\",", ""));
    CommandTestSupport.Run run =
        CommandTestSupport.run(
            "score",
            "--model",
            copy.toString(),
            "--data",
            CommandTestSupport.SAMPLE.toString(),
            "--out",
            tmp.resolve("x.csv").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("feature mismatch").contains("Cash_loans");
  }

  private static List<String> readSampleApplication() throws IOException {
    Path gz = CommandTestSupport.SAMPLE.resolve("application_train.csv.gz");
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return List.of(text.split("\r?\n"));
    }
  }
}
