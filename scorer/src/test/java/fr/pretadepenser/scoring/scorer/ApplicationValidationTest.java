package fr.pretadepenser.scoring.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.homecredit.Applicant;
import org.junit.jupiter.api.Test;

class ApplicationValidationTest {

  final LoanApplication good = SampleData.applicants(1, a -> true).get(0).application();

  @Test
  void everySampleApplicantIsValid() {
    assertThat(
            SampleData.data()
                .applicants()
                .map(Applicant::application)
                .filter(a -> !ApplicationValidation.violations(a, a.getSKIDCURR()).isEmpty())
                .map(
                    a ->
                        a.getSKIDCURR()
                            + ": "
                            + ApplicationValidation.violations(a, a.getSKIDCURR())))
        .isEmpty();
  }

  @Test
  void theNotEmployedCodeIsAccepted() {
    LoanApplication a = LoanApplication.newBuilder(good).setDAYSEMPLOYED(365243).build();
    assertThat(ApplicationValidation.violations(a, a.getSKIDCURR())).isEmpty();
  }

  @Test
  void missingOptionalAmountsAreAccepted() {
    LoanApplication a =
        LoanApplication.newBuilder(good).setAMTANNUITY(null).setAMTGOODSPRICE(null).build();
    assertThat(ApplicationValidation.violations(a, a.getSKIDCURR())).isEmpty();
  }

  @Test
  void eachRuleIsReported() {
    LoanApplication a =
        LoanApplication.newBuilder(good)
            .setApplicationId("")
            .setAMTINCOMETOTAL(Double.NaN)
            .setAMTCREDIT(-1.0)
            .setAMTANNUITY(Double.POSITIVE_INFINITY)
            .setAMTGOODSPRICE(0.0)
            .setDAYSBIRTH(0)
            .setDAYSEMPLOYED(1)
            .build();
    assertThat(ApplicationValidation.violations(a, a.getSKIDCURR() + 1))
        .containsExactly(
            "application_id is empty",
            "SK_ID_CURR "
                + a.getSKIDCURR()
                + " differs from the record key "
                + (a.getSKIDCURR() + 1)
                + " (the key decides the partition, hence which history is used)",
            "AMT_INCOME_TOTAL is NaN, must be a finite amount > 0",
            "AMT_CREDIT is -1.0, must be a finite amount > 0",
            "AMT_ANNUITY is Infinity, must be a finite amount > 0",
            "AMT_GOODS_PRICE is 0.0, must be a finite amount > 0",
            "DAYS_BIRTH is 0, must be < 0 (days before the application)",
            "DAYS_EMPLOYED is 1, must be <= 0 (days before the application) or 365243 (not"
                + " employed)");
  }
}
