package fr.pretadepenser.scoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /api/clients/{id}/letter} on the running dashboard (issue 17, item 5): a refusal's
 * letter in French and English, as PDF (its text read back with PDFBox holds the decision and the
 * reasons the client file gives) and as HTML (escaped); 400 naming {@code format} or {@code lang},
 * 404 for a client without an explained decision. The PDF pages of one refusal in each language are
 * written as pictures to {@code target/letters/}, to be looked at.
 */
class LetterApiTest {

  static TestDashboard dashboard;
  static WebTestClient advisor;

  @BeforeAll
  static void start() throws InterruptedException {
    dashboard = TestDashboard.get();
    dashboard.awaitLoaded();
    advisor = dashboard.advisor();
  }

  /** The first explained refusal of the generated events. */
  static long refused() {
    return dashboard.explained.stream()
        .map(e -> e.getDecision())
        .filter(d -> d.getDecision() == DecisionOutcome.REFUSED)
        .map(Decision::getSKIDCURR)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no explained refusal among the test events"));
  }

  @Test
  void aRefusalsLetterInFrenchHoldsTheDecisionAndTheReasonsOfTheClientFile() throws IOException {
    long client = refused();
    EntityExchangeResult<byte[]> pdf = letter(client, "pdf", null, "fr-FR,fr;q=0.9");
    assertThat(pdf.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
    assertThat(pdf.getResponseHeaders().getFirst("Content-Language")).isEqualTo("fr");
    assertThat(pdf.getResponseHeaders().getCacheControl()).contains("no-store");
    String text = text(pdf.getResponseBody());
    assertThat(text)
        .contains("Votre demande de crédit")
        .contains("nous ne pouvons pas vous l’accorder")
        .contains("Vos droits")
        .contains(Long.toString(client));
    List<String> reasons = refusalReasons(client, "fr");
    assertThat(reasons).isNotEmpty();
    for (String reason : reasons) {
      assertThat(text).contains(plain(reason));
    }
    picture(pdf.getResponseBody(), "api-refusal-fr");
  }

  @Test
  void langOverridesTheAcceptLanguage() throws IOException {
    long client = refused();
    EntityExchangeResult<byte[]> pdf = letter(client, "pdf", "en", "fr-FR");
    assertThat(pdf.getResponseHeaders().getFirst("Content-Language")).isEqualTo("en");
    String text = text(pdf.getResponseBody());
    assertThat(text).contains("we cannot grant it").contains("Your rights");
    for (String reason : refusalReasons(client, "en")) {
      assertThat(text).contains(plain(reason));
    }
    picture(pdf.getResponseBody(), "api-refusal-en");
    // No format: a PDF.
    assertThat(letter(client, null, "en", null).getResponseHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PDF);
  }

  @Test
  void theHtmlLetterIsEscapedAndInTheRequestsLanguage() {
    long client = refused();
    EntityExchangeResult<byte[]> html = letter(client, "html", null, "fr");
    assertThat(html.getResponseHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML))
        .isTrue();
    assertThat(html.getResponseHeaders().getContentType().getCharset())
        .isEqualTo(StandardCharsets.UTF_8);
    String page = new String(html.getResponseBody(), StandardCharsets.UTF_8);
    assertThat(page).contains("<html lang=\"fr\">").contains("Ce qui changerait la décision");
    for (String reason : refusalReasons(client, "fr")) {
      assertThat(page).contains(HtmlUtils.htmlEscape(reason, "UTF-8"));
    }
  }

  @Test
  void anotherFormatOrLanguageIs400NamingIt() {
    long client = refused();
    advisor
        .get()
        .uri("/api/clients/" + client + "/letter?format=docx")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("format");
    advisor
        .get()
        .uri("/api/clients/" + client + "/letter?lang=de")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("lang");
    advisor
        .get()
        .uri("/api/clients/abc/letter")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("id");
  }

  @Test
  void noExplainedDecisionNoLetter() {
    // The last generated decisions have no explanation: the letter rests on the explainer's.
    long unexplained = dashboard.decisions.get(TestDashboard.CLIENTS - 1).getSKIDCURR();
    advisor
        .get()
        .uri("/api/clients/" + unexplained + "/letter")
        .header("Accept-Language", "fr")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.error")
        .value((String e) -> assertThat(e).contains("n'a pas de décision expliquée"));
    advisor
        .get()
        .uri("/api/clients/999999999/letter?format=html")
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  static EntityExchangeResult<byte[]> letter(
      long client, String format, String lang, String acceptLanguage) {
    StringBuilder uri = new StringBuilder("/api/clients/" + client + "/letter");
    String sep = "?";
    if (format != null) {
      uri.append(sep).append("format=").append(format);
      sep = "&";
    }
    if (lang != null) {
      uri.append(sep).append("lang=").append(lang);
    }
    return advisor
        .get()
        .uri(uri.toString())
        .headers(
            h -> {
              if (acceptLanguage != null) {
                h.set("Accept-Language", acceptLanguage);
              }
            })
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(byte[].class)
        .returnResult();
  }

  /**
   * The reasons of the client file that raised the risk, at most four, as the letter gives them.
   */
  @SuppressWarnings("unchecked")
  static List<String> refusalReasons(long client, String language) {
    Map<String, Object> file =
        advisor
            .get()
            .uri("/api/clients/" + client)
            .header("Accept-Language", language)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    List<Map<String, Object>> reasons =
        (List<Map<String, Object>>) ((Map<String, Object>) file.get("explanation")).get("reasons");
    return reasons.stream()
        .filter(r -> ((Number) r.get("contribution")).doubleValue() > 0)
        .limit(4)
        .map(r -> (String) r.get("text"))
        .toList();
  }

  /** Spaces of any kind as one plain space: the PDF wraps lines and has no narrow space. */
  static String plain(String s) {
    return s.replaceAll("[\\s\\u00a0\\u202f]+", " ").strip();
  }

  static String text(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return plain(new PDFTextStripper().getText(doc));
    }
  }

  static void picture(byte[] pdf, String name) throws IOException {
    Path dir = Path.of("target", "letters");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name + ".pdf"), pdf);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDFRenderer renderer = new PDFRenderer(doc);
      for (int i = 0; i < doc.getNumberOfPages(); i++) {
        BufferedImage image = renderer.renderImageWithDPI(i, 100);
        ImageIO.write(image, "png", dir.resolve(name + "-" + (i + 1) + ".png").toFile());
      }
    }
  }
}
