package fr.pretadepenser.scoring.dashboard.letter;

import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * A letter as one HTML page, styled for the screen and for printing (the browser's own "print" or
 * "save as PDF"). Every text is escaped (Spring's {@link HtmlUtils}): reasons and contacts carry
 * words that come from data and settings.
 */
final class LetterHtml {

  private static final String STYLE =
      """
      body{font-family:"Liberation Sans",Arial,Helvetica,sans-serif;color:#1a1a1a;max-width:42rem;\
      margin:2rem auto;padding:0 1rem;line-height:1.45}
      .sender{margin:0 0 1.5rem}.sender p{margin:0}.sender p:first-child{font-weight:bold;\
      font-size:1.15rem}
      .date,.reference{margin:.2rem 0;color:#444}
      h1{font-size:1.4rem;margin:1.5rem 0 1rem}h2{font-size:1.1rem;margin:1.4rem 0 .4rem}
      ul{padding-left:1.3rem}li{margin:.25rem 0}
      .closing{margin-top:1.5rem}.closing p{margin:.2rem 0}
      @media print{body{margin:0;max-width:none}}
      """;

  private LetterHtml() {}

  static String render(Letter letter) {
    StringBuilder s = new StringBuilder(4096);
    s.append("<!DOCTYPE html>\n<html lang=\"")
        .append(e(letter.language()))
        .append("\"><head><meta charset=\"utf-8\"><title>")
        .append(e(letter.title()))
        .append("</title><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        .append("<style>")
        .append(STYLE)
        .append("</style></head><body><main>\n<header class=\"sender\">");
    paragraphs(s, letter.sender());
    s.append("</header>\n<p class=\"date\">")
        .append(e(letter.dateLine()))
        .append("</p>\n<p class=\"reference\">")
        .append(e(letter.reference()))
        .append("</p>\n<h1>")
        .append(e(letter.title()))
        .append("</h1>\n<p>")
        .append(e(letter.greeting()))
        .append("</p>\n");
    paragraphs(s, letter.opening());
    for (Letter.Section section : letter.sections()) {
      s.append("<section><h2>").append(e(section.heading())).append("</h2>\n");
      paragraphs(s, section.paragraphs());
      if (!section.items().isEmpty()) {
        s.append("<ul>");
        for (String item : section.items()) {
          s.append("<li>").append(e(item)).append("</li>");
        }
        s.append("</ul>\n");
      }
      paragraphs(s, section.after());
      s.append("</section>\n");
    }
    s.append("<div class=\"closing\">");
    paragraphs(s, letter.closing());
    return s.append("</div>\n</main></body></html>\n").toString();
  }

  private static void paragraphs(StringBuilder s, List<String> texts) {
    for (String text : texts) {
      s.append("<p>").append(e(text)).append("</p>");
    }
  }

  private static String e(String text) {
    // UTF-8: only the characters HTML gives a meaning (< > & " ') are escaped, accents stay.
    return HtmlUtils.htmlEscape(text, "UTF-8");
  }
}
