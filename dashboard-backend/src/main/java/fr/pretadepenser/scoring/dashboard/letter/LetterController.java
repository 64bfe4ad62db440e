package fr.pretadepenser.scoring.dashboard.letter;

import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.dashboard.decisions.DecisionRecord;
import fr.pretadepenser.scoring.dashboard.model.Explanations;
import fr.pretadepenser.scoring.dashboard.web.ApiErrors;
import fr.pretadepenser.scoring.dashboard.web.Blocking;
import fr.pretadepenser.scoring.explain.FeatureDescriptions;
import io.swagger.v3.oas.annotations.Operation;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/clients/{id}/letter?format=pdf|html}: the letter to the client about the latest
 * decision, in the language of {@code lang} (fr or en), else of the Accept-Language.
 */
@RestController
class LetterController {

  private final DashboardView view;
  private final Explanations explanations;
  private final Letters letters;
  private final LetterPdf pdf;
  private final Blocking blocking;

  LetterController(
      DashboardView view,
      Explanations explanations,
      Letters letters,
      LetterPdf pdf,
      Blocking blocking) {
    this.view = view;
    this.explanations = explanations;
    this.letters = letters;
    this.pdf = pdf;
    this.blocking = blocking;
  }

  @Operation(
      summary = "The letter to the client about the latest decision (PDF or HTML)",
      description =
          "The decision and its date, the principal reasons, what would change the decision, the"
              + " right to a human review and to give one's view (Directive (EU) 2023/2225 art."
              + " 18), a contact; in the language of lang (fr or en), else of the"
              + " Accept-Language. Built from the explained decision only: 404 when the client"
              + " has none (unknown client, no decision, explanation not arrived, or rejected by"
              + " the explainer); 409 when another model version made it; 400 for a format other"
              + " than pdf or html, or a lang other than fr or en.")
  @GetMapping(
      path = "/api/clients/{id}/letter",
      produces = {MediaType.APPLICATION_PDF_VALUE, MediaType.TEXT_HTML_VALUE})
  Mono<ResponseEntity<byte[]>> letter(
      @PathVariable("id") String id,
      @RequestParam(name = "format", required = false) String format,
      @RequestParam(name = "lang", required = false) String lang,
      Locale locale) {
    boolean html = html(format);
    Locale language = language(lang, locale);
    long clientId = ApiErrors.clientId(id);
    // SHAP reasons worded and a PDF laid out: off the event loop.
    return blocking.call(
        () -> {
          Letter letter = build(clientId, Explanations.words(language));
          byte[] body =
              html
                  ? LetterHtml.render(letter).getBytes(StandardCharsets.UTF_8)
                  : pdf.render(letter);
          return ResponseEntity.ok()
              .contentType(
                  html
                      ? new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)
                      : MediaType.APPLICATION_PDF)
              .header(HttpHeaders.CONTENT_LANGUAGE, letter.language())
              .header(
                  HttpHeaders.CONTENT_DISPOSITION,
                  ContentDisposition.inline()
                      .filename(letter.fileName() + (html ? ".html" : ".pdf"))
                      .build()
                      .toString())
              // A client's personal letter: kept by no cache.
              .cacheControl(CacheControl.noStore())
              .body(body);
        });
  }

  private Letter build(long clientId, FeatureDescriptions words) {
    boolean french = Explanations.language(words).equals("fr");
    DecisionRecord d = view.client(clientId).map(DashboardView.ClientEntry::decision).orElse(null);
    if (d == null || d.explanation() == null) {
      throw new ApiErrors.NotFound(
          french
              ? "le client "
                  + clientId
                  + " n'a pas de décision expliquée ici : la lettre se fonde sur la décision telle"
                  + " que l'explicateur l'a expliquée"
              : "client "
                  + clientId
                  + " has no explained decision here: the letter rests on the decision as the"
                  + " explainer explained it");
    }
    Explanations.ExplanationView explanation = explanations.of(d, words);
    if (explanation == null) {
      // Explained, but by another model version than the one loaded here.
      throw new ApiErrors.Conflict(explanations.unexplainable(d, words));
    }
    return letters.of(d, explanation, words);
  }

  private static boolean html(String format) {
    if (format == null || format.isBlank() || format.equals("pdf")) {
      return false;
    }
    if (format.equals("html")) {
      return true;
    }
    throw new ApiErrors.BadRequest("format", "must be pdf or html");
  }

  private static Locale language(String lang, Locale requested) {
    if (lang == null || lang.isBlank()) {
      return requested != null && requested.getLanguage().equals("fr")
          ? Locale.FRENCH
          : Locale.ENGLISH;
    }
    return switch (lang) {
      case "fr" -> Locale.FRENCH;
      case "en" -> Locale.ENGLISH;
      default -> throw new ApiErrors.BadRequest("lang", "must be fr or en");
    };
  }
}
