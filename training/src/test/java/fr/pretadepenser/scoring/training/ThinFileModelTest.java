package fr.pretadepenser.scoring.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.BundleFiles;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.model.ThinFileCard;
import fr.pretadepenser.scoring.training.onnx.OnnxParity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin-file model trained on the shipped sample beside the full model: the bundle holds it as a
 * complete {@code thin-file/} sub-bundle, each model's ONNX export equals its LightGBM model on
 * every training row (history hidden for the thin-file one, as the scorer hands it), and the model
 * card reports both fold kinds against the baseline on the same folds. The figures are printed (the
 * sample is small: the spread is part of the result).
 */
class ThinFileModelTest {

  private static TrainingResult result;

  @BeforeAll
  static void train() {
    HomeCreditFiles files = HomeCreditFiles.locate(SampleModelTest.SAMPLE);
    HomeCreditData data =
        HomeCreditData.load(files, new HomeCreditData.Options(Instant.EPOCH, 2, n -> {}));
    result =
        new Trainer(SampleModelTest.OPTIONS, TrainingProgress.NONE)
            .train(data, TrainingData.sha256(files));
    ThinFileCard c = result.thinFile().card();
    System.out.printf(
        "thin file: chosen %s in %.1f s%n  %s%n  candidates %s%n  full on hidden %s%n"
            + "  known: %s%n  baseline: %s%n",
        c.chosen(),
        c.extraTrainSeconds(),
        c.why(),
        c.historyHidden().candidates(),
        c.historyHidden().fullModel(),
        c.historyKnown().fullModel(),
        c.historyHidden().baseline());
  }

  @Test
  void theThinFileModelIsChosenOnHistoryHiddenFoldsAndNeverSplitsOnHistoryWhenAppOnly() {
    ThinFileCard c = result.thinFile().card();
    assertThat(c.historyHidden().candidates())
        .containsOnlyKeys(ThinFileTraining.APPLICATION_ONLY, ThinFileTraining.MASKED_SHARE);
    double chosenAuc = c.historyHidden().candidates().get(c.chosen()).auc();
    for (var other : c.historyHidden().candidates().values()) {
      assertThat(chosenAuc).isGreaterThanOrEqualTo(other.auc());
    }
    assertThat(c.historyHidden().baseline().aucFolds()).hasSize(SampleModelTest.OPTIONS.folds());
    assertThat(c.gainOverBaseline())
        .isCloseTo(
            chosenAuc - c.historyHidden().baseline().auc(),
            org.assertj.core.data.Offset.offset(1e-12));
    // Hiding the history must cost the full model something: else the folds were not hidden.
    assertThat(c.historyHidden().fullModel().auc()).isLessThan(c.historyKnown().fullModel().auc());
    assertThat(c.threshold()).isBetween(0.0, 1.0);
  }

  @Test
  void theBundleHoldsBothModelsEachWithExactOnnxParity(@TempDir Path dir) throws Exception {
    Path out = BundleWriter.write(result, dir.resolve("bundle"), TrainingProgress.NONE).directory();
    Path thinDir = out.resolve(BundleFiles.THIN_FILE_DIR);
    for (String f :
        new String[] {
          BundleFiles.MODEL_ONNX,
          BundleFiles.MODEL_TXT,
          BundleFiles.FEATURES_JSON,
          BundleFiles.MODEL_CARD,
          BundleFiles.REFERENCE_JSON
        }) {
      assertThat(thinDir.resolve(f)).isRegularFile();
    }
    JsonNode top = new ObjectMapper().readTree(out.resolve(BundleFiles.MODEL_CARD).toFile());
    JsonNode thinCard =
        new ObjectMapper().readTree(thinDir.resolve(BundleFiles.MODEL_CARD).toFile());
    assertThat(top.path("thin_file").path("model_version").asText())
        .isEqualTo(thinCard.path("model_version").asText())
        .isNotEqualTo(top.path("model_version").asText());
    assertThat(top.path("thin_file").path("history_hidden").path("baseline").path("auc").isNumber())
        .isTrue();
    assertThat(thinCard.path("onnx_max_abs_diff").asDouble()).isLessThan(1e-9);
    assertThat(top.path("onnx_max_abs_diff").asDouble()).isLessThan(1e-9);

    // Parity measured here too, on the thin-file model, for every row of the unmasked matrix as
    // well: whatever vector reaches it, ONNX and LightGBM agree.
    FeatureMatrix m = result.matrix();
    double parity =
        OnnxParity.compare(
                Files.readString(thinDir.resolve(BundleFiles.MODEL_TXT)),
                Files.readAllBytes(thinDir.resolve(BundleFiles.MODEL_ONNX)),
                m.values(),
                m.rows(),
                m.cols())
            .maxAbsProbabilityDiff();
    assertThat(parity).isLessThan(1e-9);

    try (ModelBundle bundle = ModelBundle.load(out)) {
      assertThat(bundle.thinFile()).isPresent();
      assertThat(bundle.thinFileCard().chosen()).isEqualTo(result.thinFile().card().chosen());
      ApplicationScorer scorer = ApplicationScorer.of(bundle);
      assertThat(scorer.thinFileModel()).isNotNull();
      assertThat(scorer.thinFileModel().threshold())
          .isEqualTo(result.thinFile().card().threshold());
      // The thin-file scorer hides the history whatever the vector holds.
      float[] row = java.util.Arrays.copyOfRange(m.values(), 0, m.cols());
      ApplicationScorer.Scored s = scorer.thinFileModel().score(row);
      boolean[] app = ThinFileTraining.applicationColumns(result.definition());
      for (int i = 0; i < app.length; i++) {
        if (!app[i]) {
          assertThat(s.features()[i]).isNaN();
        }
      }
    }
  }
}
