package fr.pretadepenser.scoring.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A model bundle directory opened for scoring: the ONNX model, its feature manifest and its model
 * card, checked against each other, and the feature definition rebuilt from the bundle's vocabulary
 * and checked against the model's feature names.
 */
public final class ModelBundle implements AutoCloseable {

  /** Lenient on unknown fields so an older reader opens a newer bundle (fields are only added). */
  public static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path directory;
  private final FeatureManifest manifest;
  private final ModelCard card;
  private final OnnxModel model;
  private final FeatureDefinition definition;
  private final ModelBundle thinFile;

  private ModelBundle(
      Path directory,
      FeatureManifest manifest,
      ModelCard card,
      OnnxModel model,
      FeatureDefinition definition,
      ModelBundle thinFile) {
    this.directory = directory;
    this.manifest = manifest;
    this.card = card;
    this.model = model;
    this.definition = definition;
    this.thinFile = thinFile;
  }

  /**
   * Opens a bundle, refusing it with a message that says what differs when the feature definition
   * of this code no longer produces the features the model was trained on.
   */
  public static ModelBundle load(Path directory) {
    ModelBundle top = loadOne(directory);
    Path thinDir = directory.resolve(BundleFiles.THIN_FILE_DIR);
    if (!Files.isDirectory(thinDir)) {
      return top;
    }
    ModelBundle thin = null;
    try {
      thin = loadOne(thinDir);
      requireSame(
          thinDir + " (thin-file model)",
          thin.metadata().featureNames(),
          "the full model",
          top.metadata().featureNames());
      return new ModelBundle(
          top.directory, top.manifest, top.card, top.model, top.definition, thin);
    } catch (RuntimeException e) {
      top.close();
      if (thin != null) {
        thin.close();
      }
      throw e;
    }
  }

  private static ModelBundle loadOne(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new BundleException(directory + ": not a model bundle directory");
    }
    FeatureManifest manifest =
        read(directory.resolve(BundleFiles.FEATURES_JSON), FeatureManifest.class);
    ModelCard card = read(directory.resolve(BundleFiles.MODEL_CARD), ModelCard.class);
    Path onnx = requireFile(directory.resolve(BundleFiles.MODEL_ONNX));
    OnnxModel model = OnnxModel.load(onnx);
    try {
      ModelMetadata meta = model.metadata();
      requireSame(onnx + " metadata", meta.featureNames(), "features.json", manifest.names());
      if (!meta.modelVersion().equals(card.modelVersion())) {
        throw new BundleException(
            directory
                + ": model.onnx is version "
                + meta.modelVersion()
                + " but model-card.json describes "
                + card.modelVersion());
      }
      FeatureDefinition definition = manifest.definition();
      requireSame("the model", meta.featureNames(), "this code's feature definition", definition);
      return new ModelBundle(directory, manifest, card, model, definition, null);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  private static void requireSame(
      String expectedOrigin,
      List<String> expected,
      String actualOrigin,
      FeatureDefinition definition) {
    requireSame(expectedOrigin, expected, actualOrigin, definition.names());
  }

  /** Compares two ordered name lists and explains the first differences in one message. */
  public static void requireSame(
      String expectedOrigin, List<String> expected, String actualOrigin, List<String> actual) {
    String difference = difference(expected, actual);
    if (difference != null) {
      throw new BundleException(
          "feature mismatch between "
              + expectedOrigin
              + " and "
              + actualOrigin
              + ": "
              + difference);
    }
  }

  /** Null when equal, else a short description: counts, names only on one side, first swap. */
  public static String difference(List<String> expected, List<String> actual) {
    if (expected.equals(actual)) {
      return null;
    }
    Set<String> missing = new LinkedHashSet<>(expected);
    actual.forEach(missing::remove);
    Set<String> extra = new LinkedHashSet<>(actual);
    expected.forEach(extra::remove);
    List<String> parts = new ArrayList<>();
    parts.add(expected.size() + " features expected, " + actual.size() + " produced");
    if (!missing.isEmpty()) {
      parts.add(missing.size() + " missing " + firstFew(missing));
    }
    if (!extra.isEmpty()) {
      parts.add(extra.size() + " unexpected " + firstFew(extra));
    }
    if (missing.isEmpty() && extra.isEmpty()) {
      for (int i = 0; i < expected.size(); i++) {
        if (!expected.get(i).equals(actual.get(i))) {
          parts.add(
              "same names in another order, first at position "
                  + i
                  + " ("
                  + expected.get(i)
                  + " expected, "
                  + actual.get(i)
                  + " found)");
          break;
        }
      }
    }
    return String.join("; ", parts);
  }

  private static String firstFew(Set<String> names) {
    List<String> few = names.stream().limit(8).toList();
    return few + (names.size() > few.size() ? " …" : "");
  }

  private static Path requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new BundleException(file + ": missing from the model bundle");
    }
    return file;
  }

  public static <T> T read(Path file, Class<T> type) {
    requireFile(file);
    try {
      return JSON.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new BundleException(file + ": unreadable (" + e.getMessage() + ")", e);
    }
  }

  public Path directory() {
    return directory;
  }

  public FeatureManifest manifest() {
    return manifest;
  }

  public ModelCard card() {
    return card;
  }

  public OnnxModel model() {
    return model;
  }

  /** The feature definition to compute this model's inputs with (the bundle's vocabulary). */
  public FeatureDefinition definition() {
    return definition;
  }

  public ModelMetadata metadata() {
    return model.metadata();
  }

  /** The reference distributions, read on demand (only monitoring and the dashboard need them). */
  public ReferenceDistributions reference() {
    return read(directory.resolve(BundleFiles.REFERENCE_JSON), ReferenceDistributions.class);
  }

  /**
   * The thin-file model's sub-bundle ({@link BundleFiles#THIN_FILE_DIR}), checked to have the full
   * model's feature names; empty for a bundle trained before it existed.
   */
  public java.util.Optional<ModelBundle> thinFile() {
    return java.util.Optional.ofNullable(thinFile);
  }

  /**
   * The {@code thin_file} section of the top model card: the figures that chose the thin-file
   * model; null in a bundle without one.
   */
  public ThinFileCard thinFileCard() {
    return read(directory.resolve(BundleFiles.MODEL_CARD), ThinFileCard.Section.class).thinFile();
  }

  @Override
  public void close() {
    model.close();
    if (thinFile != null) {
      thinFile.close();
    }
  }
}
