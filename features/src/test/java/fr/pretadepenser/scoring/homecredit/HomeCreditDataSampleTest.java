package fr.pretadepenser.scoring.homecredit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real 1% sample shipped in data/home-credit-sample; counts are those of PROVENANCE.md. */
class HomeCreditDataSampleTest {

  static final Path SAMPLE = Path.of("..", "data", "home-credit-sample");
  static final Instant AT = Instant.parse("2024-01-02T03:04:05Z");
  static HomeCreditData data;

  @BeforeAll
  static void load() {
    data = HomeCreditData.load(SAMPLE, AT);
  }

  @Test
  void readsEveryApplicantInFileOrder() {
    assertThat(data.size()).isEqualTo(3076);
    assertThat(data.hasTarget()).isTrue();
    Applicant first = data.applicant(0);
    assertThat(first.clientId()).isEqualTo(100455L);
    assertThat(first.target()).isZero();
    assertThat(first.application().getApplicationId()).isEqualTo("HC-100455");
    assertThat(first.application().getSubmittedAt()).isEqualTo(AT);
    assertThat(first.application().getAMTINCOMETOTAL()).isEqualTo(135000.0);
    assertThat(first.application().getDAYSREGISTRATION()).isEqualTo(-37.0);
    assertThat(first.application().getNAMETYPESUITE()).isEqualTo("Unaccompanied");
    assertThat(first.application().getEXTSOURCE1()).isEqualTo(0.1833792049947742);
    assertThat(first.application().getAPARTMENTSAVG()).isNull();
    assertThat(data.applicant(3075).clientId()).isEqualTo(456214L);
    assertThat(data.applicants().filter(a -> a.target() == 1).count()).isEqualTo(248);
  }

  @Test
  void everyHistoryRowBelongsToItsClient() {
    long[] counts = new long[6];
    data.applicants()
        .parallel()
        .forEach(
            a -> {
              var h = a.history();
              assertThat(h.getSKIDCURR()).isEqualTo(a.clientId());
              synchronized (counts) {
                counts[0] += h.getBureau().size();
                counts[1] += h.getBureau().stream().mapToLong(b -> b.getBalances().size()).sum();
                counts[2] += h.getPreviousApplications().size();
                counts[3] += h.getPosCash().size();
                counts[4] += h.getInstalments().size();
                counts[5] += h.getCreditCard().size();
              }
            });
    assertThat(counts).containsExactly(14_840, 159_158, 14_089, 84_591, 112_566, 28_876);
    assertThat(data.reports().values()).allSatisfy(r -> assertThat(r.rowsSkipped()).isZero());
    assertThat(data.reports().get(HomeCreditTable.BUREAU_BALANCE).rowsKept()).isEqualTo(159_158);
  }

  @Test
  void clientsWithHistoryMatchProvenance() {
    long withBureau = data.applicants().filter(a -> !a.history().getBureau().isEmpty()).count();
    long withCards = data.applicants().filter(a -> !a.history().getCreditCard().isEmpty()).count();
    assertThat(withBureau).isEqualTo(2661);
    assertThat(withCards).isEqualTo(818);
  }

  @Test
  void bureauCreditsCarryTheirMonthsInFileOrder() {
    var credit =
        data.applicants()
            .flatMap(a -> a.history().getBureau().stream())
            .filter(b -> b.getSKIDBUREAU() == 5715199L)
            .findFirst()
            .orElseThrow();
    assertThat(credit.getCREDITACTIVE()).isEqualTo("Closed");
    assertThat(credit.getAMTCREDITSUM()).isEqualTo(294300.0);
    assertThat(credit.getAMTCREDITMAXOVERDUE()).isNull();
  }

  @Test
  void vocabularyHasSeenLevelsAndDeclaresEveryStringColumn() {
    var v = data.vocabulary();
    assertThat(v.levels("application", "NAME_CONTRACT_TYPE"))
        .containsExactly("Cash loans", "Revolving loans");
    assertThat(v.levels("bureau_balance", "STATUS")).contains("C", "X", "0");
    assertThat(v.levels()).containsKey("application.EMERGENCYSTATE_MODE");
    assertThat(v.levels()).doesNotContainKey("application.application_id");
  }
}
