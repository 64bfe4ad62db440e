package fr.pretadepenser.scoring.homecredit;

/**
 * A data file that cannot be read as the Kaggle table it should be. The message alone tells the
 * user what to fix: file, line and column, e.g. {@code bureau.csv.gz line 17, column
 * AMT_CREDIT_SUM: "12,5" is not a number}.
 */
public class DataFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DataFileException(String message) {
    super(message);
  }

  public DataFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
