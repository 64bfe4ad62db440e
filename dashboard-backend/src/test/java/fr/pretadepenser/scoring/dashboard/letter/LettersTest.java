package fr.pretadepenser.scoring.dashboard.letter;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.dashboard.decisions.DecisionRecord;
import fr.pretadepenser.scoring.dashboard.model.Explanations;
import fr.pretadepenser.scoring.events.Counterfactual;
import fr.pretadepenser.scoring.explain.FeatureDescriptions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The letter's words and its two layouts, without a broker: a refusal with reasons and a path to
 * approval, one where no change of the loan is enough, a grant; PDF text read back with PDFBox.
 * Each refusal's pages are also written as pictures to {@code target/letters/} to be looked at.
 */
class LettersTest {

  static final Instant DECIDED = Instant.parse("2026-03-05T09:30:00Z");
  static final LetterProperties SETTINGS =
      new LetterProperties(
          "Prêt à dépenser",
          List.of("Service relations clients", "10 rue de la Paix", "75002 Paris"),
          "reexamen@pret-a-depenser.example",
          "+33 1 23 45 67 89",
          ZoneId.of("Europe/Paris"));
  static final Letters LETTERS =
      new Letters(
          f -> Map.of("AMT_CREDIT", 0, "AMT_ANNUITY", 1, "AMT_GOODS_PRICE", 2).getOrDefault(f, -1),
          SETTINGS,
          Clock.fixed(Instant.parse("2026-03-06T08:00:00Z"), ZoneOffset.UTC));

  @Test
  void aRefusalInEnglishHasTheDecisionItsDateTheReasonsThePathTheRightsAndTheContact()
      throws IOException {
    Letter letter = LETTERS.of(refusal(found()), view("en"), words("en"));
    String pdf = text(new LetterPdf().render(letter));

    assertThat(pdf)
        .contains("Your credit application: our decision")
        .contains("On 5 March 2026")
        .contains("we cannot grant it")
        .contains("23.0%")
        .contains("External credit scores are low")
        .contains("Debt-to-income ratio is high")
        .contains("Late payments on past loans")
        .contains("Recent refused applications")
        // At most four reasons; a reason that lowered the risk is no reason to refuse.
        .doesNotContain("Owns a home")
        .doesNotContain("Length of employment")
        .contains("What would change the decision")
        .contains("9.8%")
        .contains("Your rights")
        .contains("reviewed by a member of our staff")
        .contains("Directive (EU) 2023/2225")
        .contains("reexamen@pret-a-depenser.example")
        .contains("100002");
    assertThat(letter.sections().get(1).items()).hasSize(1);
    picture(new LetterPdf().render(letter), "refusal-en");
  }

  @Test
  void aRefusalInFrenchKeepsItsAccentsInThePdf() throws IOException {
    Letter letter = LETTERS.of(refusal(found()), view("fr"), words("fr"));
    byte[] bytes = new LetterPdf().render(letter);
    String pdf = text(bytes);

    assertThat(pdf)
        .contains("Votre demande de crédit")
        .contains("5 mars 2026")
        .contains("nous ne pouvons pas vous l’accorder")
        .contains("Scores de crédit externes faibles")
        .contains("Ce qui changerait la décision")
        .contains("Vos droits")
        .contains("réexamine cette décision")
        .contains("directive (UE) 2023/2225")
        .contains("Prêt à dépenser");
    // The font travels inside the PDF: a reader needs none of its own.
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      PDFont font =
          doc.getPage(0)
              .getResources()
              .getFont(doc.getPage(0).getResources().getFontNames().iterator().next());
      assertThat(font.isEmbedded()).isTrue();
      assertThat(font.getName()).contains("LiberationSans");
      assertThat(doc.getDocumentCatalog().getLanguage()).isEqualTo("fr");
    }
    picture(bytes, "refusal-fr");
  }

  @Test
  void whenNoChangeOfTheLoanIsEnoughTheLetterSaysSo() throws IOException {
    Counterfactual none =
        Counterfactual.newBuilder()
            .setFound(false)
            .setChanges(Map.of())
            .setProbability(0.19)
            .setTarget(0.10)
            .setModelVersion("m1")
            .build();
    assertThat(text(new LetterPdf().render(LETTERS.of(refusal(none), view("en"), words("en")))))
        .contains("No change of the loan would be enough")
        .contains("19.0%");
    assertThat(LetterHtml.render(LETTERS.of(refusal(none), view("fr"), words("fr"))))
        .contains("Aucun changement du crédit ne suffirait");
    // Before the explainer computed paths, the letter does not invent one.
    assertThat(LetterHtml.render(LETTERS.of(refusal(null), view("en"), words("en"))))
        .contains("does not come with a computed change of the loan");
  }

  @Test
  void aGrantSaysSoAndHasNoPathToApproval() throws IOException {
    DecisionRecord granted = record("GRANTED", 0.04, null);
    String pdf = text(new LetterPdf().render(LETTERS.of(granted, view("en"), words("en"))));
    assertThat(pdf)
        .contains("we have decided to grant it")
        .contains("What weighed most")
        .doesNotContain("What would change the decision")
        .contains("Your rights");
  }

  /**
   * A REVIEW decision (inside the review band): the client hears that an adviser is deciding and
   * that we will write again, never that the loan is refused or granted; its reasons are what
   * raised the risk and its path aims under the band's lower edge (7.0%), where the loan is granted
   * without a review. In both languages, in the PDF and in the HTML.
   */
  @Test
  void aReviewSaysAnAdviserDecidesInBothLanguages() throws IOException {
    Counterfactual belowTheBand =
        Counterfactual.newBuilder()
            .setFound(true)
            .setChanges(Map.of("AMT_CREDIT", 250_000.0))
            .setProbability(0.065)
            .setTarget(0.07)
            .setModelVersion("m1")
            .build();
    DecisionRecord review = record("REVIEW", 0.09, belowTheBand);
    Letter en = LETTERS.of(review, view("en"), words("en"));
    String pdf = text(new LetterPdf().render(en));
    assertThat(pdf)
        .contains("Your credit application: under review")
        .contains("being reviewed by one of our advisers")
        .contains("you will hear from us")
        .contains("9.0%")
        .contains("What raised the estimated risk")
        .contains("External credit scores are low")
        // A reason that lowered the risk is no reason for a review.
        .doesNotContain("Owns a home")
        .contains("What would let us grant it without a review")
        .contains("6.5%")
        .contains("7.0%")
        .contains("Your rights")
        .doesNotContain("we cannot grant it")
        .doesNotContain("we have decided to grant it");
    picture(new LetterPdf().render(en), "review-en");

    Letter fr = LETTERS.of(review, view("fr"), words("fr"));
    String frPdf = text(new LetterPdf().render(fr));
    assertThat(frPdf)
        .contains("Votre demande de crédit : en cours d’examen")
        .contains("examinée par l’un de nos conseillers")
        .contains("nous reviendrons vers vous")
        .contains("Ce qui a augmenté le risque estimé")
        .contains("Ce qui nous permettrait de l’accorder sans examen")
        .contains("7,0")
        .doesNotContain("nous ne pouvons pas vous l’accorder")
        .doesNotContain("nous avons décidé de vous l’accorder");
    assertThat(LetterHtml.render(fr)).contains("<html lang=\"fr\">").contains("en cours d’examen");
    picture(new LetterPdf().render(fr), "review-fr");
  }

  @Test
  void theHtmlLetterEscapesWhatItShows() {
    Explanations.ExplanationView hostile =
        new Explanations.ExplanationView(
            "explainer",
            -2,
            -1,
            List.of(),
            0,
            List.of(reason("<script>alert('x')</script> & \"more\"", 0.4)),
            "en",
            List.of(),
            0,
            0);
    String html = LetterHtml.render(LETTERS.of(refusal(found()), hostile, words("en")));
    assertThat(html)
        .doesNotContain("<script>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;")
        .startsWith("<!DOCTYPE html>\n<html lang=\"en\">");
    assertThat(LetterHtml.render(LETTERS.of(refusal(found()), view("fr"), words("fr"))))
        .contains("<html lang=\"fr\">")
        .contains("Ce qui changerait la décision");
  }

  @Test
  void bothLanguagesHaveTheSameSentences() {
    ResourceBundle en = Letters.texts("en");
    ResourceBundle fr = Letters.texts("fr");
    assertThat(en.getLocale()).isEqualTo(Locale.ENGLISH);
    assertThat(fr.getLocale()).isEqualTo(Locale.FRENCH);
    assertThat(Collections.list(fr.getKeys()))
        .containsExactlyInAnyOrderElementsOf(Collections.list(en.getKeys()));
    for (String key : Collections.list(en.getKeys())) {
      assertThat(fr.getString(key)).as(key).isNotBlank().isNotEqualTo(en.getString(key));
    }
  }

  // ---------------------------------------------------------------------------------------------

  static Counterfactual found() {
    return Counterfactual.newBuilder()
        .setFound(true)
        .setChanges(Map.of("AMT_CREDIT", 270_000.0))
        .setProbability(0.098)
        .setTarget(0.10)
        .setModelVersion("m1")
        .build();
  }

  static DecisionRecord refusal(Counterfactual path) {
    return record("REFUSED", 0.23, path);
  }

  static DecisionRecord record(String decision, double probability, Counterfactual path) {
    return new DecisionRecord(
        "app-1",
        100002,
        probability,
        decision,
        0.10,
        "m1",
        new float[] {406_597.5f, 24_700.5f, 351_000f},
        DECIDED,
        DECIDED,
        new DecisionRecord.Explanation(-2, new double[3], List.of(), path, java.util.Map.of()),
        "d-1",
        List.of(),
        0,
        0,
        null,
        fr.pretadepenser.scoring.dashboard.decisions.ScoringBasis.UNRECORDED,
        null,
        null);
  }

  /** Six reasons, as the client file would word them: four raise the risk, two lower it. */
  static Explanations.ExplanationView view(String language) {
    boolean fr = language.equals("fr");
    return new Explanations.ExplanationView(
        "explainer",
        -2,
        -1.2,
        List.of(),
        0,
        List.of(
            reason(
                fr
                    ? "Scores de crédit externes faibles (0,21 ; habituellement 0,57)"
                    : "External credit scores are low (0.21; typical 0.57)",
                0.9),
            reason(
                fr
                    ? "Ratio d’endettement élevé (31 % du revenu)"
                    : "Debt-to-income ratio is high (31% of income)",
                0.4),
            reason(
                fr
                    ? "Retards de paiement sur des prêts passés (4 échéances)"
                    : "Late payments on past loans (4 instalments)",
                0.3),
            reason(fr ? "Demandes récemment refusées (2)" : "Recent refused applications (2)", 0.2),
            reason(fr ? "Ancienneté dans l’emploi" : "Length of employment: 0.4 years", 0.1),
            reason(fr ? "Propriétaire de son logement" : "Owns a home: yes", -0.2)),
        language,
        List.of(),
        0,
        0);
  }

  /**
   * A reason of the client file's view, built by its components' names: the view gains fields
   * (reason families) while the letter reads only the text and the contribution.
   */
  static Explanations.ReasonView reason(String text, double contribution) {
    try {
      RecordComponent[] components = Explanations.ReasonView.class.getRecordComponents();
      Object[] args = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        args[i] =
            switch (components[i].getName()) {
              case "text", "label" -> text;
              case "contribution" -> contribution;
              default ->
                  types[i] == double.class
                      ? 0.0
                      : types[i] == String.class ? "" : types[i] == List.class ? List.of() : null;
            };
      }
      Constructor<Explanations.ReasonView> c =
          Explanations.ReasonView.class.getDeclaredConstructor(types);
      return c.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  static FeatureDescriptions words(String language) {
    return Explanations.words(Locale.forLanguageTag(language));
  }

  static String text(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      // Lines are wrapped: a phrase is looked for across line breaks.
      return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ").replace('\u00a0', ' ');
    }
  }

  /** Each page as a PNG in target/letters/, to be looked at. */
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
