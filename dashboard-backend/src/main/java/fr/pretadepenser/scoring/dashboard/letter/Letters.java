package fr.pretadepenser.scoring.dashboard.letter;

import fr.pretadepenser.scoring.dashboard.decisions.DecisionRecord;
import fr.pretadepenser.scoring.dashboard.model.Explanations;
import fr.pretadepenser.scoring.events.Counterfactual;
import fr.pretadepenser.scoring.explain.FeatureDescriptions;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.ToIntFunction;

/**
 * Builds a letter's words from an explained decision: the decision and its date, the risk against
 * the threshold, the principal reasons as the client file words them (at most {@value
 * #MAX_REASONS}: Reg B finds more "not likely to be helpful"), the explainer's path to approval,
 * the rights of Directive (EU) 2023/2225 art. 18 and the contact of the settings.
 *
 * <p>The sentences are in {@code LetterTexts_en.properties} and {@code LetterTexts_fr.properties}
 * (the same keys; {@code LettersTest} checks it), filled with {@link MessageFormat}; every value is
 * formatted before it is filled in, so that MessageFormat never formats a client id as "100,002".
 */
final class Letters {

  /** The most reasons a letter gives. */
  static final int MAX_REASONS = 4;

  /** The loan fields a path to approval may change, in the order the letter lists them. */
  static final List<String> LOAN_FIELDS = List.of("AMT_CREDIT", "AMT_ANNUITY", "AMT_GOODS_PRICE");

  private static final String BUNDLE = "fr.pretadepenser.scoring.dashboard.letter.LetterTexts";

  private final ToIntFunction<String> featureIndex;
  private final LetterProperties properties;
  private final Clock clock;

  /**
   * @param featureIndex where the model's vector holds a feature, -1 when it does not: the loan's
   *     values as decided, which a path to approval changes
   */
  Letters(ToIntFunction<String> featureIndex, LetterProperties properties, Clock clock) {
    this.featureIndex = featureIndex;
    this.properties = properties;
    this.clock = clock;
  }

  /** The texts of {@code language} ({@code en} or {@code fr}), never another language's. */
  static ResourceBundle texts(String language) {
    return ResourceBundle.getBundle(
        BUNDLE,
        Locale.forLanguageTag(language),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /**
   * The letter about {@code d}, which the explainer explained ({@code d.explanation()} not null)
   * and {@code view} explains in the language of {@code words}.
   */
  Letter of(DecisionRecord d, Explanations.ExplanationView view, FeatureDescriptions words) {
    String language = Explanations.language(words);
    // British English: day, month, year, as a European lender writes dates.
    Locale locale = language.equals("fr") ? Locale.FRANCE : Locale.UK;
    ResourceBundle texts = texts(language);
    boolean granted = d.granted();
    // A REVIEW is neither: an advisor decides, and the client is told so in words they can hear.
    String outcome = granted ? "granted" : d.inReview() ? "review" : "refused";
    String client = Long.toString(d.clientId());
    DateTimeFormatter dates =
        DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
            .withLocale(locale)
            .withZone(properties.zone());
    NumberFormat percent = NumberFormat.getPercentInstance(locale);
    percent.setMinimumFractionDigits(1);
    percent.setMaximumFractionDigits(1);

    List<String> sender = new ArrayList<>();
    sender.add(properties.lender());
    sender.addAll(properties.address());

    List<String> opening = new ArrayList<>();
    opening.add(fill(texts, "decision." + outcome, dates.format(d.decidedAt()), client));
    opening.add(
        fill(
            texts,
            "automated." + outcome,
            percent.format(d.probability()),
            percent.format(d.threshold())));
    // A decision made without history says so, and which of the two cases it was (issue 21).
    if ("thin_file".equals(d.scoringModel())) {
      String key = "basis.thin_file." + d.basis().scoringModelReason();
      opening.add(
          texts.containsKey(key)
              ? texts.getString(key)
              : texts.getString("basis.thin_file.NO_HISTORY_REPORTED"));
    }

    List<Letter.Section> sections = new ArrayList<>();
    sections.add(reasons(view, granted, outcome, texts));
    if (!granted) {
      sections.add(path(d, words, texts, percent, outcome));
    }
    sections.add(
        new Letter.Section(
            texts.getString("rights.heading"),
            List.of(
                texts.getString("rights.review"),
                texts.getString("rights.view"),
                texts.getString("rights.basis")),
            List.of(),
            List.of()));
    sections.add(contact(texts, client));

    return new Letter(
        language,
        texts.getString(outcome.equals("review") ? "title.review" : "title"),
        "letter-" + client + "-" + language,
        sender,
        fill(texts, "date", dates.format(Instant.now(clock))),
        fill(texts, "reference", client, d.applicationId()),
        texts.getString("greeting"),
        opening,
        sections,
        List.of(texts.getString("closing"), properties.lender()));
  }

  private static Letter.Section reasons(
      Explanations.ExplanationView view, boolean granted, String outcome, ResourceBundle texts) {
    // A refusal's reasons are what raised the risk; a grant's, whatever weighed most.
    List<String> items =
        view.reasons().stream()
            .filter(r -> granted || r.contribution() > 0)
            .limit(MAX_REASONS)
            .map(Explanations.ReasonView::text)
            .toList();
    return new Letter.Section(
        texts.getString("reasons.heading." + outcome),
        List.of(texts.getString(items.isEmpty() ? "reasons.none" : "reasons.intro")),
        items,
        List.of());
  }

  private Letter.Section path(
      DecisionRecord d,
      FeatureDescriptions words,
      ResourceBundle texts,
      NumberFormat percent,
      String outcome) {
    Counterfactual c = d.explanation().counterfactual();
    boolean review = outcome.equals("review");
    String heading = texts.getString(review ? "path.heading.review" : "path.heading");
    if (c == null) {
      return new Letter.Section(
          heading, List.of(texts.getString("path.unknown")), List.of(), List.of());
    }
    if (!c.getFound() || c.getChanges().isEmpty()) {
      return new Letter.Section(
          heading,
          List.of(
              fill(
                  texts,
                  "path.none",
                  percent.format(c.getTarget()),
                  percent.format(c.getProbability()))),
          List.of(),
          List.of());
    }
    List<Map.Entry<String, Double>> changes = new ArrayList<>();
    for (Map.Entry<? extends CharSequence, Double> e : c.getChanges().entrySet()) {
      changes.add(Map.entry(e.getKey().toString(), e.getValue()));
    }
    changes.sort(
        Comparator.comparingInt((Map.Entry<String, Double> e) -> order(e.getKey()))
            .thenComparing(Map.Entry::getKey));
    List<String> items = new ArrayList<>();
    for (Map.Entry<String, Double> e : changes) {
      String field = e.getKey();
      String label = words.words().fieldLabel(field);
      String to = words.formatValue(field, e.getValue());
      int i = featureIndex.applyAsInt(field);
      float before = i >= 0 ? d.features()[i] : Float.NaN;
      items.add(
          Float.isNaN(before)
              ? fill(texts, "path.change.new", label, to)
              : fill(texts, "path.change", label, words.formatValue(field, before), to));
    }
    return new Letter.Section(
        heading,
        List.of(
            review
                // A review's path aims under the band, where the loan is granted automatically.
                ? fill(
                    texts,
                    "path.found.review",
                    percent.format(c.getProbability()),
                    percent.format(c.getTarget()))
                : fill(
                    texts,
                    "path.found",
                    percent.format(c.getProbability()),
                    percent.format(d.threshold()))),
        items,
        List.of(texts.getString("path.commitment")));
  }

  private Letter.Section contact(ResourceBundle texts, String client) {
    List<String> items = new ArrayList<>();
    List<String> post = new ArrayList<>();
    post.add(properties.lender());
    post.addAll(properties.address());
    items.add(fill(texts, "contact.post", String.join(", ", post)));
    if (!properties.email().isEmpty()) {
      items.add(fill(texts, "contact.email", properties.email()));
    }
    if (!properties.phone().isEmpty()) {
      items.add(fill(texts, "contact.phone", properties.phone()));
    }
    return new Letter.Section(
        texts.getString("contact.heading"),
        List.of(fill(texts, "contact.intro", client)),
        items,
        List.of());
  }

  private static int order(String field) {
    int i = LOAN_FIELDS.indexOf(field);
    return i < 0 ? LOAN_FIELDS.size() : i;
  }

  private static String fill(ResourceBundle texts, String key, String... values) {
    return new MessageFormat(texts.getString(key), texts.getLocale()).format(values);
  }
}
