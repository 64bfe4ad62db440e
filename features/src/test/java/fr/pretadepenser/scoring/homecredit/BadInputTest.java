package fr.pretadepenser.scoring.homecredit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed files fail with a message naming file, line and column; missing tables are empty. */
class BadInputTest {

  static final String BUREAU_HEADER =
      "SK_ID_CURR,SK_ID_BUREAU,CREDIT_ACTIVE,CREDIT_CURRENCY,DAYS_CREDIT,CREDIT_DAY_OVERDUE,"
          + "DAYS_CREDIT_ENDDATE,DAYS_ENDDATE_FACT,AMT_CREDIT_MAX_OVERDUE,CNT_CREDIT_PROLONG,"
          + "AMT_CREDIT_SUM,AMT_CREDIT_SUM_DEBT,AMT_CREDIT_SUM_LIMIT,AMT_CREDIT_SUM_OVERDUE,"
          + "CREDIT_TYPE,DAYS_CREDIT_UPDATE,AMT_ANNUITY";
  static final String BUREAU_ROW =
      "100455,1,Closed,currency 1,-971,0,855.0,-850.0,,0,294300.0,0.0,0.0,0.0,Consumer credit,-646,";

  @TempDir Path dir;
  List<String> application;

  @BeforeEach
  void writeApplications() throws IOException {
    // The first three real applicants (100455, 100490, 100553): a valid application file.
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(
                    Files.newInputStream(
                        HomeCreditDataSampleTest.SAMPLE.resolve("application_train.csv.gz"))),
                StandardCharsets.UTF_8))) {
      application = r.lines().limit(4).toList();
    }
    Files.write(dir.resolve("application_train.csv"), application);
  }

  HomeCreditData load() {
    return HomeCreditData.load(dir, Instant.EPOCH);
  }

  void bureau(String... lines) throws IOException {
    Files.write(dir.resolve("bureau.csv"), List.of(lines));
  }

  @Test
  void missingTablesGiveEmptyFamilies() {
    HomeCreditData data = load();
    assertThat(data.size()).isEqualTo(3);
    assertThat(data.applicants())
        .allSatisfy(
            a -> {
              assertThat(a.history().getBureau()).isEmpty();
              assertThat(a.history().getInstalments()).isEmpty();
              assertThat(a.history().getCreditCard()).isEmpty();
            });
    assertThat(data.reports().get(HomeCreditTable.BUREAU).file()).isNull();
    assertThat(data.vocabulary().levels()).containsKey("bureau.CREDIT_ACTIVE");
  }

  @Test
  void readsGzipAndPlainAlike() throws IOException {
    bureau(BUREAU_HEADER, BUREAU_ROW);
    Files.write(
        dir.resolve("bureau_balance.csv"), List.of("SK_ID_BUREAU,MONTHS_BALANCE,STATUS", "1,-1,C"));
    long plain = load().applicant(0).history().getBureau().get(0).getBalances().size();
    Path gz = dir.resolve("bureau_balance.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("SK_ID_BUREAU,MONTHS_BALANCE,STATUS\n1,-1,C\n1,-2,X\n".getBytes());
    }
    Files.delete(dir.resolve("bureau_balance.csv"));
    var months = load().applicant(0).history().getBureau().get(0).getBalances();
    assertThat(plain).isEqualTo(1);
    assertThat(months).hasSize(2);
    assertThat(months.get(1).getSTATUS()).isEqualTo("X");
    assertThat(months.get(1).getMONTHSBALANCE()).isEqualTo(-2);
  }

  @Test
  void unparsableNumber() throws IOException {
    bureau(BUREAU_HEADER, BUREAU_ROW, BUREAU_ROW.replace("294300.0", "\"12,5\""));
    assertThatThrownBy(this::load)
        .isInstanceOf(DataFileException.class)
        .hasMessage("bureau.csv line 3, column AMT_CREDIT_SUM: \"12,5\" is not a number");
  }

  @Test
  void fractionInAnIntColumn() throws IOException {
    bureau(BUREAU_HEADER, BUREAU_ROW.replace(",-971,", ",-971.5,"));
    assertThatThrownBy(this::load)
        .hasMessage("bureau.csv line 2, column DAYS_CREDIT: \"-971.5\" is not a whole number");
  }

  @Test
  void wholeNumbersWrittenAsFloatsAreIntegers() throws IOException {
    bureau(BUREAU_HEADER, BUREAU_ROW.replace(",-971,", ",-971.0,"));
    assertThat(load().applicant(0).history().getBureau().get(0).getDAYSCREDIT()).isEqualTo(-971);
  }

  @Test
  void emptyRequiredValue() throws IOException {
    Files.write(
        dir.resolve("application_train.csv"),
        List.of(application.get(0), application.get(1).replace(",Cash loans,", ",,")));
    assertThatThrownBy(this::load)
        .hasMessage(
            "application_train.csv line 2, column NAME_CONTRACT_TYPE:"
                + " empty, but this column requires a value");
  }

  @Test
  void wrongFieldCount() throws IOException {
    bureau(BUREAU_HEADER, BUREAU_ROW, BUREAU_ROW + ",extra");
    assertThatThrownBy(this::load)
        .hasMessage("bureau.csv line 3: 18 fields, but the header has 17");
  }

  @Test
  void headerLacksColumns() throws IOException {
    bureau(BUREAU_HEADER.replace("AMT_CREDIT_SUM,", "").replace("CREDIT_TYPE,", ""), "");
    assertThatThrownBy(this::load)
        .hasMessage("bureau.csv: the header lacks column(s) AMT_CREDIT_SUM, CREDIT_TYPE");
  }

  @Test
  void headerRepeatsColumns() throws IOException {
    bureau(BUREAU_HEADER + ",CREDIT_TYPE", BUREAU_ROW + ",x");
    assertThatThrownBy(this::load)
        .hasMessage("bureau.csv: the header repeats column(s) CREDIT_TYPE");
  }

  @Test
  void unknownColumnsAreIgnored() throws IOException {
    bureau(BUREAU_HEADER + ",SOMETHING_NEW", BUREAU_ROW + ",x");
    assertThat(load().applicant(0).history().getBureau()).hasSize(1);
  }

  @Test
  void missingParentKey() throws IOException {
    bureau(BUREAU_HEADER.replace("SK_ID_CURR,", ""), BUREAU_ROW.replace("100455,", ""));
    assertThatThrownBy(this::load).hasMessage("bureau.csv: the header lacks column(s) SK_ID_CURR");
  }

  @Test
  void unterminatedQuote() throws IOException {
    bureau(BUREAU_HEADER, BUREAU_ROW.replace("Closed", "\"Closed"));
    assertThatThrownBy(this::load)
        .isInstanceOf(DataFileException.class)
        .hasMessage("bureau.csv line 2: 3 fields, but the header has 17");
  }

  @Test
  void historyOfUnknownClientsIsSkippedAndCounted() throws IOException {
    bureau(BUREAU_HEADER, BUREAU_ROW, BUREAU_ROW.replace("100455,1,", "999999,2,"));
    Files.write(
        dir.resolve("bureau_balance.csv"),
        List.of("SK_ID_BUREAU,MONTHS_BALANCE,STATUS", "1,-1,C", "2,-1,C", "3,-1,C"));
    HomeCreditData data = load();
    assertThat(data.reports().get(HomeCreditTable.BUREAU))
        .extracting(TableReport::rowsRead, TableReport::rowsKept, TableReport::rowsSkipped)
        .containsExactly(2L, 1L, 1L);
    assertThat(data.reports().get(HomeCreditTable.BUREAU_BALANCE).rowsSkipped()).isEqualTo(2);
  }

  @Test
  void missingApplicationTable() throws IOException {
    Files.delete(dir.resolve("application_train.csv"));
    assertThatThrownBy(this::load)
        .isInstanceOf(DataFileException.class)
        .hasMessageContaining("no application table");
  }

  @Test
  void applicationTestHasNoTarget() throws IOException {
    Files.delete(dir.resolve("application_train.csv"));
    Files.write(
        dir.resolve("application_test.csv"),
        application.stream().map(l -> l.replaceFirst("^([^,]*),[^,]*,", "$1,")).toList());
    HomeCreditData data = load();
    assertThat(data.hasTarget()).isFalse();
    assertThat(data.applicant(2).target()).isNull();
  }
}
