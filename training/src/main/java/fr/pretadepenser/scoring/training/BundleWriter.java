package fr.pretadepenser.scoring.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.pretadepenser.scoring.model.BundleFiles;
import fr.pretadepenser.scoring.model.FeatureManifest;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.model.ModelCard;
import fr.pretadepenser.scoring.model.ThinFileCard;
import fr.pretadepenser.scoring.model.lightgbm.LightGbmModelText;
import fr.pretadepenser.scoring.model.metrics.BusinessCost;
import fr.pretadepenser.scoring.training.onnx.OnnxExport;
import fr.pretadepenser.scoring.training.onnx.OnnxParity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a training result as a model bundle: exports the ONNX model, measures its parity with
 * LightGBM on every training row, and writes all files into a temporary directory beside the target
 * that replaces it only once complete and loadable, so a bundle appears whole or not at all.
 */
public final class BundleWriter {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BundleWriter() {}

  /** What was written: the model card and where. */
  public record Written(Path directory, ModelCard card) {}

  public static Written write(TrainingResult r, Path target, TrainingProgress progress) {
    Path out = target.toAbsolutePath().normalize();
    refuseToClobber(out);
    Path temp =
        out.resolveSibling("." + out.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    try {
      deleteTree(temp);
      Files.createDirectories(temp);
      ModelCard card = writeFiles(r, temp, progress, r.thinFile());
      // The scorer's own loader must accept it before anyone else sees it.
      try (ModelBundle check = ModelBundle.load(temp)) {
        check.metadata();
      }
      replace(temp, out);
      return new Written(out, card);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the bundle " + out + ": " + e.getMessage(), e);
    } finally {
      try {
        deleteTree(temp);
      } catch (IOException ignored) {
        // Best effort: a leftover hidden temporary directory is harmless.
      }
    }
  }

  /**
   * Every file of one bundle directory; with {@code thin}, its sub-bundle first (the card's {@code
   * thin_file} section names the thin-file model's version).
   */
  private static ModelCard writeFiles(
      TrainingResult r, Path temp, TrainingProgress progress, ThinFileTraining.Result thin)
      throws IOException {
    ThinFileCard thinCard = null;
    if (thin != null) {
      Path sub = temp.resolve(BundleFiles.THIN_FILE_DIR);
      Files.createDirectories(sub);
      ModelCard subCard = writeFiles(thin.model(), sub, progress, null);
      ThinFileCard c = thin.card();
      thinCard =
          new ThinFileCard(
              c.directory(),
              subCard.modelVersion(),
              c.chosen(),
              c.maskedShare(),
              c.threshold(),
              c.folds(),
              c.seed(),
              c.historyKnown(),
              c.historyHidden(),
              c.gainOverBaseline(),
              c.baselineGainSpread(),
              c.why(),
              c.rule(),
              c.extraTrainSeconds());
    }
    long t0 = System.nanoTime();
    ModelCard card;
    try (TrainingProgress.Task task = progress.start("Bundle (ONNX export, parity)", 3)) {
      LightGbmModelText parsed = LightGbmModelText.parse(r.modelText());
      task.step(1);
      OnnxExport.ExportedModel onnx =
          OnnxExport.export(
              parsed, r.definition().names(), r.threshold().threshold(), provenance(r));
      task.step(1);
      FeatureMatrix m = r.matrix();
      double parity =
          OnnxParity.compare(r.modelText(), onnx.onnx(), m.values(), m.rows(), m.cols())
              .maxAbsProbabilityDiff();
      task.step(1);
      double bundleSeconds = (System.nanoTime() - t0) / 1e9;
      card = card(r, onnx.modelVersion(), parsed, parity, bundleSeconds);
      Files.write(temp.resolve(BundleFiles.MODEL_ONNX), onnx.onnx());
    }
    Files.writeString(temp.resolve(BundleFiles.MODEL_TXT), r.modelText(), StandardCharsets.UTF_8);
    JSON.writeValue(
        temp.resolve(BundleFiles.FEATURES_JSON).toFile(), FeatureManifest.of(r.definition()));
    if (thinCard == null) {
      JSON.writeValue(temp.resolve(BundleFiles.MODEL_CARD).toFile(), card);
    } else {
      // The section goes beside the card's own fields, which stay as they are.
      ObjectNode node = JSON.valueToTree(card);
      node.set("thin_file", JSON.valueToTree(thinCard));
      JSON.writeValue(temp.resolve(BundleFiles.MODEL_CARD).toFile(), node);
    }
    JSON.writeValue(temp.resolve(BundleFiles.REFERENCE_JSON).toFile(), r.reference());
    Files.writeString(
        temp.resolve(BundleFiles.REPORT_HTML),
        TrainingReport.html(r, card, java.util.Locale.ENGLISH),
        StandardCharsets.UTF_8);
    Files.writeString(
        temp.resolve(BundleFiles.REPORT_FR_HTML),
        TrainingReport.html(r, card, java.util.Locale.FRENCH),
        StandardCharsets.UTF_8);
    return card;
  }

  /** ONNX metadata besides version, threshold and names: enough to reproduce the run. */
  static Map<String, String> provenance(TrainingResult r) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("training_data_sha256", r.trainingDataSha256());
    p.put("n_train", String.valueOf(r.matrix().rows()));
    p.put("n_features", String.valueOf(r.matrix().cols()));
    p.put("folds", String.valueOf(r.options().folds()));
    p.put("seed", String.valueOf(r.options().seed()));
    p.put("search_trials", String.valueOf(r.options().searchTrials()));
    p.put("cost_fn", String.valueOf(r.options().costFn()));
    p.put("cost_fp", String.valueOf(r.options().costFp()));
    p.put("class_weighting", r.weighting());
    p.put("boosting_rounds", String.valueOf(r.finalRounds()));
    p.put("excluded_columns", String.join(",", r.definition().exclusion().columns()));
    try {
      p.put("params", new ObjectMapper().writeValueAsString(r.params().values()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    p.put("code_version", codeVersion());
    return p;
  }

  static String codeVersion() {
    String v = BundleWriter.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  private static ModelCard card(
      TrainingResult r,
      String version,
      LightGbmModelText parsed,
      double parity,
      double bundleSeconds) {
    FeatureMatrix m = r.matrix();
    BusinessCost cost = new BusinessCost(r.options().costFn(), r.options().costFp());
    Map<String, Double> costs = new LinkedHashMap<>();
    r.weightings().forEach((k, v) -> costs.put(k, v.businessCost()));
    int leaves = parsed.trees().stream().mapToInt(LightGbmModelText.Tree::numLeaves).sum();
    return new ModelCard(
        version,
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        r.trainingDataSha256(),
        m.rows(),
        m.cols(),
        (double) m.positives() / m.rows(),
        r.options().folds(),
        r.options().seed(),
        Arrays.stream(r.full().foldAuc()).boxed().toList(),
        r.full().meanAuc(),
        r.full().stdAuc(),
        Arrays.stream(r.baseline().foldAuc()).boxed().toList(),
        r.baseline().meanAuc(),
        r.baseline().stdAuc(),
        r.baselineFeatures(),
        r.threshold().threshold(),
        r.options().costFn(),
        r.options().costFp(),
        r.threshold().cost(),
        cost.grantAll(m.labels()),
        cost.refuseAll(m.labels()),
        r.confusion(),
        r.brier(),
        r.weighting(),
        costs,
        r.finalRounds(),
        parsed.trees().size(),
        leaves,
        r.params().values(),
        r.trials().size(),
        parity,
        r.trainSeconds() + bundleSeconds,
        importance(r),
        r.excludedColumns(),
        r.exclusionComparison(),
        r.fairness(),
        r.nonActionableDecision(),
        r.reviewBand());
  }

  /** Mean |SHAP| by feature name, in the model's feature order. */
  private static Map<String, Double> importance(TrainingResult r) {
    Map<String, Double> out = new LinkedHashMap<>();
    List<String> names = r.definition().names();
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), r.meanAbsShap()[i]);
    }
    return out;
  }

  /** A target that exists must be an earlier bundle (or empty), never some other directory. */
  private static void refuseToClobber(Path out) {
    if (Files.isRegularFile(out)) {
      throw new IllegalArgumentException(out + " is a file, not a bundle directory");
    }
    if (Files.isDirectory(out)) {
      try (Stream<Path> files = Files.list(out)) {
        boolean empty = files.findAny().isEmpty();
        if (!empty && !Files.exists(out.resolve(BundleFiles.MODEL_CARD))) {
          throw new IllegalArgumentException(
              out + " exists and is not a model bundle: refusing to replace it");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void replace(Path temp, Path out) throws IOException {
    Path old =
        out.resolveSibling("." + out.getFileName() + ".old-" + ProcessHandle.current().pid());
    deleteTree(old);
    if (Files.exists(out)) {
      Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
