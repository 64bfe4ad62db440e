package fr.pretadepenser.scoring.homecredit;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * Parses numbers straight from the CSV parser's buffer, without making a String per field: the full
 * Kaggle data has about 450 million fields. Doubles go to fastdoubleparser; whole numbers are a
 * plain digit loop because neither the JDK nor fastdoubleparser parse a long from a char range
 * without a copy, and pandas writes whole numbers with gaps as "12.0", which must be accepted too.
 */
final class Numbers {

  private Numbers() {}

  static double parseDouble(char[] buf, int off, int len) throws BadValueException {
    try {
      return JavaDoubleParser.parseDouble(buf, off, len);
    } catch (NumberFormatException e) {
      throw notANumber(buf, off, len);
    }
  }

  /** A whole number written as "12", "-12" or "12.0"; "12.5" or "12,5" are errors. */
  static long parseLong(char[] buf, int off, int len) throws BadValueException {
    int i = off;
    int end = off + len;
    boolean negative = false;
    if (i < end && (buf[i] == '-' || buf[i] == '+')) {
      negative = buf[i] == '-';
      i++;
    }
    if (i == end || end - i > 18) {
      return parseWholeDouble(buf, off, len);
    }
    long value = 0;
    for (; i < end; i++) {
      int d = buf[i] - '0';
      if (d < 0 || d > 9) {
        return parseWholeDouble(buf, off, len);
      }
      value = value * 10 + d;
    }
    return negative ? -value : value;
  }

  static int parseInt(char[] buf, int off, int len) throws BadValueException {
    long v = parseLong(buf, off, len);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new BadValueException(quote(buf, off, len) + " is too large for an int");
    }
    return (int) v;
  }

  private static long parseWholeDouble(char[] buf, int off, int len) throws BadValueException {
    double d = parseDouble(buf, off, len);
    if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) >= 0x1p63) {
      throw new BadValueException(quote(buf, off, len) + " is not a whole number");
    }
    return (long) d;
  }

  private static BadValueException notANumber(char[] buf, int off, int len) {
    return new BadValueException(quote(buf, off, len) + " is not a number");
  }

  static String quote(char[] buf, int off, int len) {
    return '"' + new String(buf, off, Math.min(len, 80)) + (len > 80 ? "...\"" : "\"");
  }
}
