package fr.pretadepenser.scoring.dashboard.client;

import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.dashboard.decisions.DecisionRecord;
import fr.pretadepenser.scoring.dashboard.decisions.DisplayNames;
import fr.pretadepenser.scoring.dashboard.model.Explanations;
import fr.pretadepenser.scoring.dashboard.model.ModelService;
import fr.pretadepenser.scoring.dashboard.timeline.Timelines;
import fr.pretadepenser.scoring.dashboard.web.ApiErrors;
import fr.pretadepenser.scoring.dashboard.web.Blocking;
import fr.pretadepenser.scoring.schemas.Violation;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Client files, search by id prefix, and the comparisons with other clients. Texts (feature labels,
 * descriptions, values in human units, reasons) are in the language of the request's
 * Accept-Language: French or English.
 */
@RestController
class ClientsController {

  /** One search hit; the client id as text (ids above 2^53 reach a browser whole). */
  record ClientHit(String clientId, String displayName, String decision, Double probability) {}

  private final DashboardView view;
  private final ClientFiles files;
  private final Comparisons comparisons;
  private final ModelService model;
  private final Blocking blocking;
  private final Timelines timelines;

  ClientsController(
      DashboardView view,
      ClientFiles files,
      Comparisons comparisons,
      ModelService model,
      Blocking blocking,
      Timelines timelines) {
    this.timelines = timelines;
    this.view = view;
    this.files = files;
    this.comparisons = comparisons;
    this.model = model;
    this.blocking = blocking;
  }

  @Operation(summary = "Known clients whose id starts with a prefix")
  @GetMapping(path = "/api/clients", produces = MediaType.APPLICATION_JSON_VALUE)
  List<ClientHit> search(
      @RequestParam(name = "prefix", required = false) String prefix,
      @RequestParam(name = "limit", required = false) String limit) {
    List<Violation> errors = new ArrayList<>();
    if (prefix == null || !prefix.matches("\\d{1,19}")) {
      errors.add(new Violation("prefix", "must be 1 to 19 digits (the start of a client id)"));
    }
    int n = ApiErrors.intParam("limit", limit, 20, 1, 200, errors);
    ApiErrors.check(errors);
    return view.search(prefix, n).stream()
        .map(
            e ->
                new ClientHit(
                    Long.toString(e.clientId()),
                    DisplayNames.of(e.clientId()),
                    e.decision() == null ? null : e.decision().decision(),
                    e.decision() == null ? null : e.decision().probability()))
        .toList();
  }

  @Operation(
      summary = "The client's file",
      description =
          "Application in plain words, history summary, latest decision and its explanation (texts"
              + " in the Accept-Language: fr or en), or why it is not explained here (rejected by"
              + " the explainer, or made by another model version); whether it was made on"
              + " incomplete history and how much history arrived after it. 404 for a client the"
              + " dashboard does not know or no longer keeps.")
  @GetMapping(path = "/api/clients/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ClientFiles.ClientFile> client(@PathVariable("id") String id, Locale locale) {
    long clientId = ApiErrors.clientId(id);
    // SHAP may be computed here (an explanation not arrived yet): off the event loop.
    return blocking.call(
        () -> {
          DashboardView.ClientEntry entry = entry(clientId, locale);
          DecisionRecord d = entry.decision();
          DashboardView.LateHistory late =
              d == null
                  ? new DashboardView.LateHistory(0, false)
                  : view.lateHistory(clientId, d.decidedAt());
          return files.of(entry, late, Explanations.words(locale));
        });
  }

  @Operation(
      summary = "A feature's distribution, the client marked",
      description =
          "The training population's bins (reference data of the model bundle), overall and"
              + " split by outcome (defaulters, others), and the dashboard's clients split by"
              + " decision (granted, refused).")
  @GetMapping(path = "/api/clients/{id}/distribution", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<Comparisons.Distribution> distribution(
      @PathVariable("id") String id,
      @RequestParam(name = "feature", required = false) String f,
      Locale locale) {
    int feature = feature("feature", f);
    long clientId = ApiErrors.clientId(id);
    return blocking.call(
        () ->
            comparisons.distribution(
                feature,
                usable(entry(clientId, locale).decision()),
                others(),
                Explanations.words(locale)));
  }

  @Operation(summary = "Two features against each other, a sample of clients and this client")
  @GetMapping(path = "/api/clients/{id}/bivariate", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<Comparisons.Bivariate> bivariate(
      @PathVariable("id") String id,
      @RequestParam(name = "x", required = false) String x,
      @RequestParam(name = "y", required = false) String y,
      @RequestParam(name = "limit", required = false) String limit,
      Locale locale) {
    List<Violation> errors = new ArrayList<>();
    int fx = model.indexOf(x);
    int fy = model.indexOf(y);
    if (fx < 0) {
      errors.add(new Violation("x", "must be the name of one of the model's features"));
    }
    if (fy < 0) {
      errors.add(new Violation("y", "must be the name of one of the model's features"));
    }
    int n = ApiErrors.intParam("limit", limit, 500, 1, 5000, errors);
    ApiErrors.check(errors);
    long clientId = ApiErrors.clientId(id);
    return blocking.call(
        () ->
            comparisons.bivariate(
                fx,
                fy,
                usable(entry(clientId, locale).decision()),
                others(),
                n,
                Explanations.words(locale)));
  }

  @Operation(
      summary = "The k most similar clients whose outcome is known",
      description =
          "Nearest in standardised feature space among the kept clients whose loan outcome is"
              + " known (loan-outcomes), with their decision, their outcome and the model's most"
              + " important features side by side with this client's (in the Accept-Language).")
  @GetMapping(path = "/api/clients/{id}/similar", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<List<Comparisons.Similar>> similar(
      @PathVariable("id") String id,
      @RequestParam(name = "k", required = false) String k,
      Locale locale) {
    List<Violation> errors = new ArrayList<>();
    int n = ApiErrors.intParam("k", k, 5, 1, 50, errors);
    ApiErrors.check(errors);
    long clientId = ApiErrors.clientId(id);
    // A scan of every kept client's vector: off the event loop.
    return blocking.call(
        () -> {
          DecisionRecord d = usable(entry(clientId, locale).decision());
          return d == null
              ? List.of()
              : comparisons.similar(
                  d, others(), timelines.withOutcome(), n, Explanations.words(locale));
        });
  }

  /** The kept clients' decisions this model made (another model's vectors do not compare). */
  private List<DecisionRecord> others() {
    return view.latestDecisions().stream().filter(model::madeBy).toList();
  }

  /** A decision compared with others only when it is this model's and not rejected. */
  private DecisionRecord usable(DecisionRecord d) {
    return d != null && d.rejection() == null && model.madeBy(d) ? d : null;
  }

  private DashboardView.ClientEntry entry(long clientId, Locale locale) {
    boolean french = locale != null && locale.getLanguage().equals("fr");
    return view.client(clientId)
        .orElseThrow(
            () ->
                new ApiErrors.NotFound(
                    french
                        ? "le client "
                            + clientId
                            + " n'est pas connu ici : le tableau de bord garde les "
                            + view.clientCapacity()
                            + " clients les plus récemment actifs, et une demande seulement"
                            + " une fois décidée"
                        : "no client "
                            + clientId
                            + " is known here: the dashboard keeps the "
                            + view.clientCapacity()
                            + " most recently active clients, and an application only once it"
                            + " is decided"));
  }

  private int feature(String param, String name) {
    int i = model.indexOf(name);
    if (i < 0) {
      throw new ApiErrors.BadRequest(param, "must be the name of one of the model's features");
    }
    return i;
  }
}
