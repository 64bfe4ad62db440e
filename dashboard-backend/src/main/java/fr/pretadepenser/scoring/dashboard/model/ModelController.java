package fr.pretadepenser.scoring.dashboard.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import fr.pretadepenser.scoring.dashboard.web.ApiErrors;
import fr.pretadepenser.scoring.explain.FeatureDescriptions;
import fr.pretadepenser.scoring.features.FeatureInfo;
import fr.pretadepenser.scoring.features.FeatureWords;
import fr.pretadepenser.scoring.model.BundleFiles;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model page: card, threshold and costs, global importance, fairness by group and the
 * comparison with and without the excluded columns (from the card), the training report. Feature
 * texts are in the language of the request's Accept-Language (French or English).
 */
@RestController
public class ModelController {

  /** How many features the model page lists by importance. */
  public static final int TOP_IMPORTANCE = 25;

  /** What {@link Importance#importance()} measures: the training report's own measure. */
  static final String MEAN_ABS_SHAP = "mean_abs_shap";

  /**
   * @param importance the feature's share of the total importance (all features sum to 1)
   * @param meanAbsShap its mean |SHAP contribution| over training rows, in log-odds
   * @param label a short name, in the request's language
   */
  record Importance(
      String feature, String description, double importance, double meanAbsShap, String label) {}

  /**
   * @param card model-card.json exactly as the bundle holds it
   * @param importance the most important features, by mean |SHAP| over training rows (the measure
   *     of the training report); empty for a bundle whose card does not carry it
   * @param report where the training report is served
   * @param importanceMeasure {@value #MEAN_ABS_SHAP}, or null when {@code importance} is empty
   * @param language the language of the texts: {@code en} or {@code fr}
   * @param fairness the model card's out-of-fold fairness by group (gender, age band, family
   *     status) at the threshold, each group worded in the request's language; empty for a bundle
   *     whose card does not carry it
   * @param exclusionComparison the card's AUC and cost with and without the excluded columns, on
   *     the same folds; null for a bundle whose card does not carry it
   * @param excludedColumns the source columns the model may not use; null likewise
   */
  record ModelView(
      String modelVersion,
      double threshold,
      int features,
      JsonNode card,
      List<Importance> importance,
      String report,
      String importanceMeasure,
      String language,
      List<Fairness.FairnessRow> fairness,
      @JsonProperty("exclusion_comparison") Fairness.ExclusionComparison exclusionComparison,
      @JsonProperty("excluded_columns") Fairness.ExcludedColumns excludedColumns) {}

  /**
   * @param description what it means, in the request's language
   * @param label a short name, in the request's language
   */
  record Feature(String name, String family, String description, String label) {}

  /**
   * The words the front end shows for application fields and their coded values, from the features
   * module's one set of feature words.
   *
   * @param language {@code en} or {@code fr}
   * @param fields label by application column (and by history group: BUREAU, PREVIOUS...)
   * @param values by column, the words of each coded value (a code absent is shown as it is)
   */
  record Words(
      String language, Map<String, String> fields, Map<String, Map<String, String>> values) {}

  private final ModelService model;
  private final JsonNode card;
  private final Map<FeatureDescriptions, ModelView> views;

  ModelController(ModelService model) {
    this.model = model;
    try {
      this.card =
          JsonMapper.builder()
              .build()
              .readTree(Files.readString(model.directory().resolve(BundleFiles.MODEL_CARD)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.views =
        Map.of(
            FeatureDescriptions.english(),
            build(FeatureDescriptions.english()),
            FeatureDescriptions.french(),
            build(FeatureDescriptions.french()));
  }

  private ModelView build(FeatureDescriptions words) {
    double[] shap = model.importance();
    List<Importance> all = new ArrayList<>();
    List<FeatureInfo> infos = model.features();
    if (shap != null) {
      double total = 0;
      for (double v : shap) {
        total += v;
      }
      for (int i = 0; i < shap.length; i++) {
        if (shap[i] > 0) {
          String name = infos.get(i).name();
          all.add(
              new Importance(
                  name, words.describe(name), shap[i] / total, shap[i], words.label(name)));
        }
      }
    }
    all.sort(Comparator.comparingDouble(Importance::importance).reversed());
    String language = Explanations.language(words);
    return new ModelView(
        model.version(),
        model.threshold(),
        infos.size(),
        card,
        List.copyOf(all.subList(0, Math.min(TOP_IMPORTANCE, all.size()))),
        "/api/model/report",
        shap == null ? null : MEAN_ABS_SHAP,
        language,
        Fairness.fromCard(card, Fairness.words(language)),
        Fairness.comparison(card),
        Fairness.excluded(card));
  }

  @Operation(summary = "The model card, threshold, global importance and the report's address")
  @GetMapping(path = "/api/model", produces = MediaType.APPLICATION_JSON_VALUE)
  ModelView model(Locale locale) {
    return views.get(Explanations.words(locale));
  }

  @Operation(summary = "Every feature of the model with its label and description, in vector order")
  @GetMapping(path = "/api/features", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Feature> features(Locale locale) {
    FeatureDescriptions words = Explanations.words(locale);
    return model.features().stream()
        .map(
            f ->
                new Feature(
                    f.name(), f.family().name(), words.describe(f.name()), words.label(f.name())))
        .toList();
  }

  @Operation(
      summary =
          "Labels of the application fields and words of their coded values, in English or French"
              + " (lang=en|fr, else the request's Accept-Language)")
  @GetMapping(path = "/api/words", produces = MediaType.APPLICATION_JSON_VALUE)
  Words words(@RequestParam(name = "lang", required = false) String lang, Locale locale) {
    FeatureWords words =
        lang == null
            ? FeatureWords.of(locale == null ? Locale.ENGLISH : locale)
            : FeatureWords.of(Locale.forLanguageTag(lang));
    return new Words(words.language(), words.fieldLabels(), words.valueLabels());
  }

  @Operation(summary = "The training report (HTML) of the model bundle")
  @GetMapping(path = "/api/model/report", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<Resource> report(Locale locale) {
    // In the request's language (Accept-Language): the French page when there is one.
    return report(locale != null && "fr".equals(locale.getLanguage()));
  }

  /**
   * The two pages by name: each report links to the other as report.html or report.fr.html, which
   * from /api/model/report resolve here. Hidden from the API description: a link target, not an
   * endpoint of its own.
   */
  @io.swagger.v3.oas.annotations.Hidden
  @GetMapping(
      path = {"/api/model/report.html", "/api/model/report.fr.html"},
      produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<Resource> reportPage(
      org.springframework.http.server.reactive.ServerHttpRequest request) {
    return report(request.getPath().value().endsWith("/report.fr.html"));
  }

  private ResponseEntity<Resource> report(boolean french) {
    Path file = model.directory().resolve(BundleFiles.REPORT_HTML);
    Path frenchFile = model.directory().resolve(BundleFiles.REPORT_FR_HTML);
    // A bundle written before the French report existed has the English one only.
    if (french && Files.isRegularFile(frenchFile)) {
      file = frenchFile;
    }
    if (!Files.isRegularFile(file)) {
      throw new ApiErrors.NotFound("this model bundle has no training report");
    }
    return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(new FileSystemResource(file));
  }
}
