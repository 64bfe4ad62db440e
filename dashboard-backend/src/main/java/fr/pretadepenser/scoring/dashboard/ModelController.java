package fr.pretadepenser.scoring.dashboard;

import fr.pretadepenser.scoring.features.FeatureInfo;
import fr.pretadepenser.scoring.model.BundleFiles;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The model page: card, threshold and costs, global importance, the training report. */
@RestController
class ModelController {

  static final int TOP_IMPORTANCE = 25;

  record Importance(String feature, String description, double importance) {}

  /**
   * @param card model-card.json exactly as the bundle holds it
   * @param importance the most important features (LightGBM gain, share of the total)
   * @param report where the training report is served
   */
  record ModelView(
      String modelVersion,
      double threshold,
      int features,
      JsonNode card,
      List<Importance> importance,
      String report) {}

  record Feature(String name, String family, String description) {}

  private final ModelService model;
  private final ModelView view;

  ModelController(ModelService model) {
    this.model = model;
    this.view = build(model);
  }

  private static ModelView build(ModelService model) {
    JsonNode card;
    try {
      card =
          JsonMapper.builder()
              .build()
              .readTree(Files.readString(model.directory().resolve(BundleFiles.MODEL_CARD)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    double[] gain = model.importance();
    double total = 0;
    for (double g : gain) {
      total += g;
    }
    List<Importance> all = new ArrayList<>();
    List<FeatureInfo> infos = model.features();
    for (int i = 0; i < gain.length; i++) {
      if (gain[i] > 0) {
        all.add(new Importance(infos.get(i).name(), infos.get(i).description(), gain[i] / total));
      }
    }
    all.sort(Comparator.comparingDouble(Importance::importance).reversed());
    return new ModelView(
        model.version(),
        model.threshold(),
        infos.size(),
        card,
        List.copyOf(all.subList(0, Math.min(TOP_IMPORTANCE, all.size()))),
        "/api/model/report");
  }

  @Operation(summary = "The model card, threshold, global importance and the report's address")
  @GetMapping(path = "/api/model", produces = MediaType.APPLICATION_JSON_VALUE)
  ModelView model() {
    return view;
  }

  @Operation(summary = "Every feature of the model with its description, in vector order")
  @GetMapping(path = "/api/features", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Feature> features() {
    return model.features().stream()
        .map(f -> new Feature(f.name(), f.family().name(), f.description()))
        .toList();
  }

  @Operation(summary = "The training report (HTML) of the model bundle")
  @GetMapping(path = "/api/model/report", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<Resource> report() {
    Path file = model.directory().resolve(BundleFiles.REPORT_HTML);
    if (!Files.isRegularFile(file)) {
      throw new ApiErrors.NotFound("this model bundle has no training report");
    }
    return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(new FileSystemResource(file));
  }
}
