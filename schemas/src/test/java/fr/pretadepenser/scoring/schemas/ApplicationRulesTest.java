package fr.pretadepenser.scoring.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.events.LoanApplication;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class ApplicationRulesTest {

  /** A plausible application: every required field set, a few optional ones. */
  static LoanApplication valid() {
    LoanApplication app = new LoanApplication();
    Map<String, Object> given =
        Map.ofEntries(
            Map.entry("application_id", "A-1"),
            Map.entry("SK_ID_CURR", 100_002L),
            Map.entry("submitted_at", Instant.parse("2026-01-02T10:00:00Z")),
            Map.entry("NAME_CONTRACT_TYPE", "Cash loans"),
            Map.entry("CODE_GENDER", "F"),
            Map.entry("FLAG_OWN_CAR", "N"),
            Map.entry("FLAG_OWN_REALTY", "Y"),
            Map.entry("AMT_INCOME_TOTAL", 202_500.0),
            Map.entry("AMT_CREDIT", 406_597.5),
            Map.entry("AMT_ANNUITY", 24_700.5),
            Map.entry("REGION_POPULATION_RELATIVE", 0.018801),
            Map.entry("DAYS_BIRTH", -9461),
            Map.entry("DAYS_EMPLOYED", -637),
            Map.entry("DAYS_REGISTRATION", -3648.0),
            Map.entry("DAYS_ID_PUBLISH", -2120),
            Map.entry("WEEKDAY_APPR_PROCESS_START", "WEDNESDAY"),
            Map.entry("HOUR_APPR_PROCESS_START", 10),
            Map.entry("REGION_RATING_CLIENT", 2),
            Map.entry("REGION_RATING_CLIENT_W_CITY", 2),
            Map.entry("EXT_SOURCE_2", 0.2629));
    for (Schema.Field f : LoanApplication.getClassSchema().getFields()) {
      Object value = given.get(f.name());
      if (value == null && !f.schema().isNullable()) {
        value = f.schema().getType() == Schema.Type.STRING ? "Working" : (Object) 0;
      }
      app.put(f.pos(), value);
    }
    return app;
  }

  @Test
  void aPlausibleApplicationBreaksNoRule() {
    assertThat(ApplicationRules.violations(valid())).isEmpty();
  }

  @Test
  void eachBrokenRuleIsReportedOnItsFieldInSchemaOrder() {
    LoanApplication app = valid();
    app.setAMTCREDIT(0.0);
    app.setDAYSBIRTH(12);
    app.setCODEGENDER("X");
    app.setAMTANNUITY(-1.0);
    app.setDAYSEMPLOYED(5);
    app.setFLAGDOCUMENT3(2);
    app.setEXTSOURCE1(1.5);
    app.setAMTINCOMETOTAL(Double.NaN);
    app.setHOURAPPRPROCESSSTART(24);
    app.setAPARTMENTSAVG(-0.1);
    app.setAMTREQCREDITBUREAUYEAR(-1.0);
    app.setCNTFAMMEMBERS(0.0);

    assertThat(ApplicationRules.violations(app))
        .containsExactly(
            new Violation("CODE_GENDER", "must be one of M, F, XNA"),
            new Violation("AMT_INCOME_TOTAL", "must be a finite number"),
            new Violation("AMT_CREDIT", "must be > 0"),
            new Violation("AMT_ANNUITY", "must be > 0"),
            new Violation("DAYS_BIRTH", "must be < 0 (days before the application)"),
            new Violation(
                "DAYS_EMPLOYED",
                "must be <= 0 (days before the application) or 365243 (not employed)"),
            new Violation("CNT_FAM_MEMBERS", "must be >= 1"),
            new Violation("HOUR_APPR_PROCESS_START", "must be between 0 and 23"),
            new Violation("EXT_SOURCE_1", "must be between 0 and 1"),
            new Violation("APARTMENTS_AVG", "must be between 0 and 1"),
            new Violation("FLAG_DOCUMENT_3", "must be 0 or 1"),
            new Violation("AMT_REQ_CREDIT_BUREAU_YEAR", "must be >= 0"));
  }

  @Test
  void theNotEmployedCodeAndXnaGenderAreAccepted() {
    LoanApplication app = valid();
    app.setDAYSEMPLOYED(ApplicationRules.NOT_EMPLOYED);
    app.setCODEGENDER("XNA");
    assertThat(ApplicationRules.violations(app)).isEmpty();
  }

  @Test
  void nullsWhereTheSchemaForbidsThemAndBlankTextAreReported() {
    LoanApplication app = valid();
    app.setApplicationId(" ");
    app.setNAMEINCOMETYPE(null);
    app.put("submitted_at", null);
    app.setOCCUPATIONTYPE(null); // optional: fine

    assertThat(ApplicationRules.violations(app))
        .containsExactly(
            new Violation("application_id", "must not be blank"),
            new Violation("submitted_at", "is required"),
            new Violation("NAME_INCOME_TYPE", "is required"));
    assertThat(ApplicationRules.describe(ApplicationRules.violations(app)))
        .isEqualTo(
            "application_id must not be blank; submitted_at is required; NAME_INCOME_TYPE is"
                + " required");
  }

  @Test
  void familiesOfColumnsAreRuledByName() {
    assertThat(ApplicationRules.ruledFields())
        .contains(
            "FLAG_MOBIL",
            "FLAG_DOCUMENT_21",
            "REG_CITY_NOT_WORK_CITY",
            "LIVE_REGION_NOT_WORK_REGION",
            "EXT_SOURCE_3",
            "NONLIVINGAREA_MEDI",
            "TOTALAREA_MODE",
            "OBS_60_CNT_SOCIAL_CIRCLE",
            "AMT_REQ_CREDIT_BUREAU_HOUR")
        .doesNotContain("FONDKAPREMONT_MODE", "ORGANIZATION_TYPE", "REGION_RATING_CLIENT");
  }

  @Test
  void oneFieldAtATime() {
    assertThat(ApplicationRules.problem("AMT_CREDIT", 0.0)).isEqualTo("must be > 0");
    assertThat(ApplicationRules.problem("AMT_CREDIT", 10.0)).isNull();
    assertThat(ApplicationRules.problem("AMT_ANNUITY", null)).isNull();
    assertThatThrownBy(() -> ApplicationRules.problem("NOPE", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void violationsSayFieldThenMessage() {
    assertThat(List.of(new Violation("AMT_CREDIT", "must be > 0")).get(0))
        .hasToString("AMT_CREDIT must be > 0");
  }
}
