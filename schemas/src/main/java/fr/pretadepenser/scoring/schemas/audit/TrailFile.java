package fr.pretadepenser.scoring.schemas.audit;

import fr.pretadepenser.scoring.events.DecisionOverride;
import fr.pretadepenser.scoring.schemas.TrustedEventClasses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * An exported copy of the trail: one entry a line, in Avro's JSON encoding of {@code
 * DecisionOverride} (every field, named as in the schema; doubles written so they read back to the
 * same bits), in sequence order. Readable by people, and verifiable offline: reading a line back
 * gives the same record, hence the same canonical bytes and hash.
 */
public final class TrailFile {

  /** The longest line read: an entry's reason is at most 2,000 characters. */
  public static final int MAX_LINE = 64 * 1024;

  private TrailFile() {}

  static {
    // Avro's specific writer and reader look the generated classes up by name.
    TrustedEventClasses.install();
  }

  /** One entry as its line (without the line break). */
  public static String line(DecisionOverride entry) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
      JsonEncoder encoder =
          EncoderFactory.get().jsonEncoder(DecisionOverride.getClassSchema(), out);
      new SpecificDatumWriter<>(DecisionOverride.class).write(entry, encoder);
      encoder.flush();
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code entry} and a line break. */
  public static void write(Writer out, DecisionOverride entry) throws IOException {
    out.write(line(entry));
    out.write('\n');
  }

  /**
   * One line read back; {@link IllegalArgumentException} naming what is wrong when it is not one.
   */
  public static DecisionOverride parse(String line) {
    if (line.length() > MAX_LINE) {
      throw new IllegalArgumentException(
          "the line is " + line.length() + " characters long, more than " + MAX_LINE);
    }
    try {
      return new SpecificDatumReader<>(DecisionOverride.class)
          .read(null, DecoderFactory.get().jsonDecoder(DecisionOverride.getClassSchema(), line));
    } catch (IOException | AvroRuntimeException e) {
      throw new IllegalArgumentException(
          "not a DecisionOverride in Avro JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Verifies every line of {@code in} (blank lines skipped); a line that does not read back, or is
   * longer than {@value #MAX_LINE} characters (not kept in memory beyond that), is a break.
   */
  public static ChainVerifier.Verdict verify(Reader in) throws IOException {
    ChainVerifier v = new ChainVerifier();
    long number = 0;
    StringBuilder line = new StringBuilder();
    boolean tooLong = false;
    boolean more = true;
    while (more) {
      int c = in.read();
      if (c != -1 && c != '\n') {
        if (line.length() < MAX_LINE) {
          line.append((char) c);
        } else {
          tooLong = true;
        }
        continue;
      }
      more = c != -1;
      if (c == -1 && line.isEmpty() && !tooLong) {
        break;
      }
      number++;
      String text = line.toString().strip();
      line.setLength(0);
      if (tooLong) {
        tooLong = false;
        v.unreadable("line " + number + " is longer than " + MAX_LINE + " characters");
      } else if (!text.isEmpty()) {
        try {
          v.accept(parse(text));
        } catch (IllegalArgumentException e) {
          v.unreadable("line " + number + ": " + e.getMessage());
        }
      }
    }
    return v.verdict();
  }
}
