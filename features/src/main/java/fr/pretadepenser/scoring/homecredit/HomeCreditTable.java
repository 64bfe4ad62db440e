package fr.pretadepenser.scoring.homecredit;

import fr.pretadepenser.scoring.events.BureauBalanceMonth;
import fr.pretadepenser.scoring.events.BureauCredit;
import fr.pretadepenser.scoring.events.CreditCardMonth;
import fr.pretadepenser.scoring.events.InstalmentPayment;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.events.PosCashMonth;
import fr.pretadepenser.scoring.events.PreviousApplication;
import fr.pretadepenser.scoring.features.CategoryVocabulary;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The seven Kaggle tables: the file names they go by, the Avro record one row becomes, the column
 * that links a row to its parent, and the columns the reader fills itself rather than reads.
 */
public enum HomeCreditTable {
  APPLICATION(
      List.of("application_train", "application_test"),
      LoanApplication.getClassSchema(),
      null,
      Set.of("application_id", "submitted_at", "history_events", "history_announced"),
      CategoryVocabulary.APPLICATION),
  BUREAU(
      List.of("bureau"),
      BureauCredit.getClassSchema(),
      "SK_ID_CURR",
      Set.of("balances"),
      CategoryVocabulary.BUREAU),
  BUREAU_BALANCE(
      List.of("bureau_balance"),
      BureauBalanceMonth.getClassSchema(),
      "SK_ID_BUREAU",
      Set.of(),
      CategoryVocabulary.BUREAU_BALANCE),
  PREVIOUS_APPLICATION(
      List.of("previous_application"),
      PreviousApplication.getClassSchema(),
      "SK_ID_CURR",
      Set.of(),
      CategoryVocabulary.PREVIOUS),
  POS_CASH_BALANCE(
      List.of("POS_CASH_balance"),
      PosCashMonth.getClassSchema(),
      "SK_ID_CURR",
      Set.of(),
      CategoryVocabulary.POS_CASH),
  INSTALLMENTS_PAYMENTS(
      List.of("installments_payments"),
      InstalmentPayment.getClassSchema(),
      "SK_ID_CURR",
      Set.of(),
      CategoryVocabulary.INSTALMENTS),
  CREDIT_CARD_BALANCE(
      List.of("credit_card_balance"),
      CreditCardMonth.getClassSchema(),
      "SK_ID_CURR",
      Set.of(),
      CategoryVocabulary.CREDIT_CARD);

  /** The optional outcome column of the application table; it is not part of the application. */
  public static final String TARGET = "TARGET";

  private final List<String> fileNames;
  private final Schema schema;
  private final String parentKey;
  private final Set<String> filledByReader;
  private final String vocabularyTable;

  HomeCreditTable(
      List<String> fileNames,
      Schema schema,
      String parentKey,
      Set<String> filledByReader,
      String vocabularyTable) {
    this.fileNames = fileNames;
    this.schema = schema;
    this.parentKey = parentKey;
    this.filledByReader = filledByReader;
    this.vocabularyTable = vocabularyTable;
  }

  /** Kaggle file names without extension, in order of preference. */
  public List<String> fileNames() {
    return fileNames;
  }

  /** The Avro record a row becomes; its field names are the CSV column names. */
  public Schema schema() {
    return schema;
  }

  /**
   * The column linking a row to its parent (SK_ID_CURR to the applicant, SK_ID_BUREAU to the bureau
   * credit) that is not a field of {@link #schema()}; null for the application table.
   */
  public String parentKey() {
    return parentKey;
  }

  /** Schema fields that are not read from the file. */
  public Set<String> filledByReader() {
    return filledByReader;
  }

  /** The table name under which {@link CategoryVocabulary} keeps this table's levels. */
  public String vocabularyTable() {
    return vocabularyTable;
  }

  /** True for every table but the application table, which is required. */
  public boolean optional() {
    return this != APPLICATION;
  }
}
