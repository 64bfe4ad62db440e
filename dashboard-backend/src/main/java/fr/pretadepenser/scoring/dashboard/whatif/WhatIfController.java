package fr.pretadepenser.scoring.dashboard.whatif;

import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.dashboard.decisions.DecisionRecord;
import fr.pretadepenser.scoring.dashboard.decisions.DisplayNames;
import fr.pretadepenser.scoring.dashboard.model.Explanations;
import fr.pretadepenser.scoring.dashboard.model.ModelService;
import fr.pretadepenser.scoring.dashboard.web.ApiErrors;
import fr.pretadepenser.scoring.dashboard.web.Blocking;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.explain.FeatureDescriptions;
import fr.pretadepenser.scoring.intake.ApplicationJson;
import fr.pretadepenser.scoring.schemas.Violation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.Schema;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/what-if}: the client's application with some fields changed, scored in-process
 * with the bundle's ONNX model and explained by the explain library's {@code DecisionExplainer}
 * (SHAP contributions and reasons for the decision, in the Accept-Language: French or English),
 * side by side with the original.
 *
 * <p>Body: {@code {"clientId": "100002", "changes": {"AMT_INCOME_TOTAL": 250000, ...}}} with the
 * Kaggle column names; the changed application must pass the same checks as a new one. The client
 * id is text, as the API writes it (a whole number is read too).
 */
@RestController
class WhatIfController {

  /** What identifies the application: not for changing. */
  static final Set<String> FIXED =
      Set.of("SK_ID_CURR", "application_id", "submitted_at", "history_events", "history_announced");

  record Change(String field, Object from, Object to) {}

  record Outcome(
      double probability,
      String decision,
      double threshold,
      Explanations.ExplanationView explanation) {}

  /** The client id as text, as everywhere in the API (ids above 2^53 reach a browser whole). */
  record WhatIf(
      String clientId,
      String displayName,
      List<Change> changes,
      Outcome original,
      Outcome whatIf) {}

  private final JsonMapper mapper = JsonMapper.builder().build();
  private final ApplicationJson json = new ApplicationJson();
  private final DashboardView view;
  private final ModelService model;
  private final Explanations explanations;
  private final Blocking blocking;
  private final Timer timer;

  WhatIfController(
      DashboardView view,
      ModelService model,
      Explanations explanations,
      Blocking blocking,
      MeterRegistry meters) {
    this.view = view;
    this.model = model;
    this.explanations = explanations;
    this.blocking = blocking;
    this.timer =
        Timer.builder("dashboard.what.if")
            .description("What-if re-scoring (ONNX and SHAP), per request")
            .register(meters);
  }

  @Operation(
      summary = "Re-score a client's application with changed fields",
      description =
          "400 names every bad field; 404 when the client, its application or its decision is not"
              + " known here; 409 when its decision was rejected by the explainer or made by"
              + " another model version than the one loaded here.")
  @PostMapping(
      path = "/api/what-if",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<WhatIf> whatIf(@RequestBody(required = false) String body, Locale locale) {
    // Scoring and SHAP twice: off the event loop, on the bounded compute pool.
    return blocking.call(() -> compute(body, locale));
  }

  private WhatIf compute(String body, Locale locale) {
    JsonNode root = parse(body);
    List<Violation> errors = new ArrayList<>();
    long clientId = clientId(root.get("clientId"));
    if (clientId < 0) {
      errors.add(new Violation("clientId", "is required: the client id (a whole number)"));
    }
    JsonNode changes = root.get("changes");
    if (changes == null || !changes.isObject()) {
      errors.add(new Violation("changes", "is required: an object of field names and new values"));
    } else {
      for (String name : changes.propertyNames()) {
        if (FIXED.contains(name)) {
          errors.add(new Violation(name, "cannot be changed in a what-if"));
        }
      }
    }
    for (String name : root.propertyNames()) {
      if (!name.equals("clientId") && !name.equals("changes")) {
        errors.add(new Violation(name, "is not a what-if field (clientId, changes)"));
      }
    }
    ApiErrors.check(errors);
    DashboardView.ClientEntry entry =
        view.client(clientId)
            .orElseThrow(() -> new ApiErrors.NotFound("no client " + clientId + " is known here"));
    FeatureDescriptions words = Explanations.words(locale);
    if (entry.decision() != null) {
      // A rejected decision, or another model's, is not re-scored with this model.
      String why = explanations.unexplainable(entry.decision(), words);
      if (why != null) {
        throw new ApiErrors.Conflict(why);
      }
    }
    if (entry.application() == null || entry.decision() == null) {
      throw new ApiErrors.NotFound(
          "client " + clientId + " has no application and decision on record here to change");
    }
    LoanApplication original = entry.application();
    ObjectNode merged = toJson(original);
    for (Map.Entry<String, JsonNode> c : changes.properties()) {
      merged.set(c.getKey(), c.getValue());
    }
    // The merged tree itself, not its text: a value written out and read again could change type.
    // English here: ApiErrors puts every message in the request's language.
    ApplicationJson.Parsed parsed = json.parse(merged, Locale.ENGLISH);
    ApiErrors.check(parsed.errors());
    LoanApplication changed = parsed.application();

    return timer.record(
        () -> {
          float[] decided = entry.decision().features();
          float[] after = model.withApplication(decided, changed);
          return new WhatIf(
              Long.toString(clientId),
              DisplayNames.of(clientId),
              changes(original, changed),
              outcome(decided, entry.decision(), words),
              outcome(after, entry.decision(), words));
        });
  }

  /**
   * The client id: the API's text of digits, or a whole JSON number (read exactly: Jackson keeps a
   * big integer's digits); -1 when absent or neither.
   */
  static long clientId(JsonNode id) {
    if (id == null) {
      return -1;
    }
    if (id.isIntegralNumber() && id.canConvertToLong()) {
      return id.longValue() < 0 ? -1 : id.longValue();
    }
    if (id.isString() && id.stringValue().matches("\\d{1,19}")) {
      try {
        return Long.parseLong(id.stringValue());
      } catch (NumberFormatException e) {
        return -1; // 19 digits above Long.MAX_VALUE
      }
    }
    return -1;
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      throw new ApiErrors.BadRequest(ApplicationJson.BODY, "is empty: send a JSON object");
    }
    try {
      JsonNode root = mapper.readTree(body);
      if (root == null || !root.isObject()) {
        throw new ApiErrors.BadRequest(ApplicationJson.BODY, "must be a JSON object");
      }
      return root;
    } catch (JacksonException e) {
      throw new ApiErrors.BadRequest(
          ApplicationJson.BODY, "is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * The outcome of a vector by the model that made {@code decided} (a thin-file decision's what-if
   * by the thin-file model) under the review band the scorer applied to it.
   */
  private Outcome outcome(float[] features, DecisionRecord decided, FeatureDescriptions words) {
    String scoringModel = decided.scoringModel();
    ModelService.Scored s =
        model.score(scoringModel, features, words, decided.reviewLow(), decided.reviewHigh());
    return new Outcome(
        s.probability(),
        s.decision(),
        model.threshold(scoringModel),
        explanations.of(features, s.explanation(), "dashboard", words));
  }

  private ObjectNode toJson(LoanApplication a) {
    ObjectNode node = mapper.createObjectNode();
    for (Schema.Field f : LoanApplication.getClassSchema().getFields()) {
      Object v = a.get(f.pos());
      if (v instanceof CharSequence s) {
        node.put(f.name(), s.toString());
      } else if (v instanceof Instant t) {
        node.put(f.name(), t.toEpochMilli());
      } else if (v instanceof Integer i) {
        node.put(f.name(), i);
      } else if (v instanceof Long l) {
        node.put(f.name(), l);
      } else if (v instanceof Double d) {
        node.put(f.name(), d);
      } else if (v instanceof Map<?, ?> m) {
        // history_announced: the intake reads an object of source to count, not its toString.
        ObjectNode counts = node.putObject(f.name());
        m.forEach((k, n) -> counts.put(k.toString(), ((Number) n).intValue()));
      } else if (v != null) {
        node.put(f.name(), v.toString());
      }
    }
    return node;
  }

  private static List<Change> changes(LoanApplication before, LoanApplication after) {
    List<Change> out = new ArrayList<>();
    for (Schema.Field f : LoanApplication.getClassSchema().getFields()) {
      Object a = plain(before.get(f.pos()));
      Object b = plain(after.get(f.pos()));
      if (!Objects.equals(a, b)) {
        out.add(new Change(f.name(), a, b));
      }
    }
    return out;
  }

  private static Object plain(Object v) {
    return v instanceof CharSequence s ? s.toString() : v;
  }
}
