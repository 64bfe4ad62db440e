package fr.pretadepenser.scoring.homecredit;

/**
 * A field that does not parse; the reader adds file, line and column. No stack trace: it is thrown
 * per bad field and only ever turned into a {@link DataFileException}.
 */
final class BadValueException extends Exception {

  private static final long serialVersionUID = 1L;

  BadValueException(String reason) {
    super(reason, null, false, false);
  }
}
