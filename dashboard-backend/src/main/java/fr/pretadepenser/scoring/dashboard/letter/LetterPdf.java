package fr.pretadepenser.scoring.dashboard.letter;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A letter as an A4 PDF, with Apache PDFBox.
 *
 * <p>The font is Liberation Sans (SIL Open Font License), the TrueType font PDFBox's own jar ships
 * ({@value #FONT}): it has every French letter, and it travels with the application, so the letter
 * looks the same on any machine, container images without fonts included. Only the glyphs used are
 * embedded (a subset, a few tens of KB). The jar has the regular weight only: headings stand out by
 * size and colour. A character the font lacks is replaced (a narrow no-break space by a no-break
 * space, which French number formats use) rather than failing the letter.
 */
final class LetterPdf {

  /** Where PDFBox's jar keeps the font. */
  static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

  private static final float MARGIN = 56;
  private static final float BODY = 10f;
  private static final float LEADING = 1.4f;
  private static final Color TEXT = new Color(0x1a, 0x1a, 0x1a);
  private static final Color MUTED = new Color(0x55, 0x55, 0x55);
  private static final Color HEADING = new Color(0x1f, 0x3a, 0x5f);
  private static final Map<Integer, String> REPLACEMENTS =
      Map.of(0x202F, "\u00a0", 0x2011, "-", 0x2212, "-", 0x2026, "...");

  private final byte[] font;

  LetterPdf() {
    try (InputStream in = LetterPdf.class.getResourceAsStream(FONT)) {
      if (in == null) {
        throw new IllegalStateException(FONT + " is not on the class path: is pdfbox there?");
      }
      font = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] render(Letter letter) {
    try (PDDocument doc = new PDDocument()) {
      PDType0Font f = PDType0Font.load(doc, new ByteArrayInputStream(font), true);
      doc.getDocumentInformation().setTitle(letter.title());
      doc.getDocumentInformation().setAuthor(letter.closing().get(letter.closing().size() - 1));
      doc.getDocumentCatalog().setLanguage(letter.language());
      try (Writer w = new Writer(doc, f)) {
        List<String> sender = letter.sender();
        w.paragraph(sender.get(0), 13, HEADING, 0, false, 2);
        for (String line : sender.subList(1, sender.size())) {
          w.paragraph(line, 9.5f, MUTED, 0, false, 0);
        }
        w.space(14);
        w.paragraph(letter.dateLine(), 9.5f, MUTED, 0, false, 0);
        w.paragraph(letter.reference(), 9.5f, MUTED, 0, false, 0);
        w.space(12);
        w.paragraph(letter.title(), 15, HEADING, 0, false, 10);
        w.paragraph(letter.greeting(), BODY, TEXT, 0, false, 6);
        for (String p : letter.opening()) {
          w.paragraph(p, BODY, TEXT, 0, false, 6);
        }
        for (Letter.Section section : letter.sections()) {
          w.space(6);
          w.keepWithNext(3);
          w.paragraph(section.heading(), 12, HEADING, 0, false, 3);
          for (String p : section.paragraphs()) {
            w.paragraph(p, BODY, TEXT, 0, false, 4);
          }
          for (String item : section.items()) {
            w.paragraph(item, BODY, TEXT, 16, true, 3);
          }
          for (String p : section.after()) {
            w.space(3);
            w.paragraph(p, BODY, TEXT, 0, false, 4);
          }
        }
        w.space(12);
        for (String p : letter.closing()) {
          w.paragraph(p, BODY, TEXT, 0, false, 2);
        }
      }
      footers(doc, f, letter.title());
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "Title · 1/2" at the foot of each page, once the number of pages is known. */
  private static void footers(PDDocument doc, PDType0Font f, String title) throws IOException {
    int n = doc.getNumberOfPages();
    for (int i = 0; i < n; i++) {
      PDPage page = doc.getPage(i);
      try (PDPageContentStream cs =
          new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
        cs.beginText();
        cs.setFont(f, 8);
        cs.setNonStrokingColor(MUTED);
        cs.newLineAtOffset(MARGIN, MARGIN / 2);
        cs.showText(printable(f, title + " \u00b7 " + (i + 1) + "/" + n));
        cs.endText();
      }
    }
  }

  /** {@code text} with every character the font lacks replaced. */
  static String printable(PDType0Font f, String text) {
    StringBuilder s = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              String c = new String(Character.toChars(cp));
              if (!encodable(f, c)) {
                c = REPLACEMENTS.getOrDefault(cp, "?");
              }
              s.append(c);
            });
    return s.toString();
  }

  private static boolean encodable(PDType0Font f, String c) {
    // Asked per character and not remembered: a cache keyed by what the data holds would have no
    // bound, and the font's own lookup is cheap.
    try {
      f.encode(c);
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Lays out paragraphs down the page, starting a new page when one is full. */
  private static final class Writer implements AutoCloseable {
    private final PDDocument doc;
    private final PDType0Font font;
    private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private PDPageContentStream cs;
    private float y;

    Writer(PDDocument doc, PDType0Font font) throws IOException {
      this.doc = doc;
      this.font = font;
      newPage();
    }

    private void newPage() throws IOException {
      if (cs != null) {
        cs.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      cs = new PDPageContentStream(doc, page);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    void space(float points) {
      y -= points;
    }

    /** A new page unless {@code lines} body lines still fit: a heading never ends a page. */
    void keepWithNext(int lines) throws IOException {
      if (y - lines * BODY * LEADING < MARGIN) {
        newPage();
      }
    }

    void paragraph(String text, float size, Color color, float indent, boolean bullet, float after)
        throws IOException {
      String clean = printable(font, text);
      float leading = size * LEADING;
      List<String> lines = wrap(clean, size, width - indent);
      for (int i = 0; i < lines.size(); i++) {
        if (y - leading < MARGIN) {
          newPage();
        }
        y -= leading;
        cs.setNonStrokingColor(color);
        if (bullet && i == 0) {
          cs.beginText();
          cs.setFont(font, size);
          cs.newLineAtOffset(MARGIN + indent - 11, y);
          cs.showText("\u2022");
          cs.endText();
        }
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(MARGIN + indent, y);
        cs.showText(lines.get(i));
        cs.endText();
      }
      y -= after;
    }

    /** Breaks at spaces (never at a no-break space) so that each line fits {@code max} points. */
    private List<String> wrap(String text, float size, float max) throws IOException {
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (String word : text.split(" ")) {
        String candidate = line.isEmpty() ? word : line + " " + word;
        if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > max) {
          lines.add(line.toString());
          line = new StringBuilder(word);
        } else {
          line = new StringBuilder(candidate);
        }
      }
      lines.add(line.toString());
      return lines;
    }

    @Override
    public void close() throws IOException {
      cs.close();
    }
  }
}
