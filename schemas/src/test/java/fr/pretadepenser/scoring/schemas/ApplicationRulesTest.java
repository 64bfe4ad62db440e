package fr.pretadepenser.scoring.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.schemas.ApplicationRules.Rule;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
            new Violation("CODE_GENDER", "must be one of M, F, XNA", Rule.KNOWN_VALUE),
            new Violation("AMT_INCOME_TOTAL", "must be a finite number", Rule.FINITE),
            new Violation("AMT_CREDIT", "must be > 0", Rule.POSITIVE),
            new Violation("AMT_ANNUITY", "must be > 0", Rule.POSITIVE),
            new Violation(
                "DAYS_BIRTH",
                "must be < 0 (days before the application)",
                Rule.DAYS_BEFORE_APPLICATION),
            new Violation(
                "DAYS_EMPLOYED",
                "must be <= 0 (days before the application) or 365243 (not employed)",
                Rule.EMPLOYMENT_DAYS),
            new Violation("CNT_FAM_MEMBERS", "must be >= 1", Rule.FAMILY_INCLUDES_APPLICANT),
            new Violation("HOUR_APPR_PROCESS_START", "must be between 0 and 23", Rule.HOUR_OF_DAY),
            new Violation("EXT_SOURCE_1", "must be between 0 and 1", Rule.UNIT_INTERVAL),
            new Violation("APARTMENTS_AVG", "must be between 0 and 1", Rule.UNIT_INTERVAL),
            new Violation("FLAG_DOCUMENT_3", "must be 0 or 1", Rule.FLAG),
            new Violation("AMT_REQ_CREDIT_BUREAU_YEAR", "must be >= 0", Rule.NON_NEGATIVE));
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
            new Violation("application_id", "must not be blank", Rule.NOT_BLANK),
            new Violation("submitted_at", "is required", Rule.REQUIRED),
            new Violation("NAME_INCOME_TYPE", "is required", Rule.REQUIRED));
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

  // --- plausibility (issue 18): one broken case per rule, the field to change and the rule -----

  record Broken(Rule rule, String field, String message, Consumer<LoanApplication> change) {
    @Override
    public String toString() {
      return rule + " on " + field;
    }
  }

  static List<Broken> broken() {
    return List.of(
        new Broken(
            Rule.REQUIRED, "NAME_INCOME_TYPE", "is required", a -> a.setNAMEINCOMETYPE(null)),
        new Broken(
            Rule.FINITE,
            "AMT_INCOME_TOTAL",
            "must be a finite number",
            a -> a.setAMTINCOMETOTAL(Double.POSITIVE_INFINITY)),
        new Broken(
            Rule.NOT_BLANK,
            "ORGANIZATION_TYPE",
            "must not be blank",
            a -> a.setORGANIZATIONTYPE(" ")),
        new Broken(
            Rule.TEXT_LENGTH,
            "ORGANIZATION_TYPE",
            "must be at most 100 characters long (not 245760)",
            a -> a.setORGANIZATIONTYPE("x".repeat(240 * 1024))),
        new Broken(Rule.POSITIVE, "AMT_CREDIT", "must be > 0", a -> a.setAMTCREDIT(0.0)),
        new Broken(
            Rule.NON_NEGATIVE,
            "OBS_30_CNT_SOCIAL_CIRCLE",
            "must be >= 0",
            a -> a.setOBS30CNTSOCIALCIRCLE(-1.0)),
        new Broken(
            Rule.KNOWN_VALUE, "CODE_GENDER", "must be one of M, F, XNA", a -> a.setCODEGENDER("X")),
        new Broken(Rule.FLAG, "FLAG_DOCUMENT_3", "must be 0 or 1", a -> a.setFLAGDOCUMENT3(2)),
        new Broken(
            Rule.UNIT_INTERVAL,
            "EXT_SOURCE_2",
            "must be between 0 and 1",
            a -> a.setEXTSOURCE2(1.5)),
        new Broken(
            Rule.POPULATION_SHARE,
            "REGION_POPULATION_RELATIVE",
            "must be > 0 and <= 1",
            a -> a.setREGIONPOPULATIONRELATIVE(0.0)),
        new Broken(
            Rule.HOUR_OF_DAY,
            "HOUR_APPR_PROCESS_START",
            "must be between 0 and 23",
            a -> a.setHOURAPPRPROCESSSTART(24)),
        new Broken(
            Rule.DAYS_BEFORE_APPLICATION,
            "DAYS_ID_PUBLISH",
            "must be <= 0 (days before the application)",
            a -> a.setDAYSIDPUBLISH(5)),
        new Broken(
            Rule.EMPLOYMENT_DAYS,
            "DAYS_EMPLOYED",
            "must be <= 0 (days before the application) or 365243 (not employed)",
            a -> a.setDAYSEMPLOYED(5)),
        new Broken(
            Rule.DATE_WINDOW,
            "DAYS_LAST_PHONE_CHANGE",
            "must be >= -36525 (at most 100 years back)",
            a -> a.setDAYSLASTPHONECHANGE(-40_000.0)),
        // The 12-year-old: the age is what is wrong, not also the employment.
        new Broken(
            Rule.AGE_RANGE,
            "DAYS_BIRTH",
            "must give an age of 18 to 100 years (between -36525 and -6575 days)",
            a -> {
              a.setDAYSBIRTH(-4383);
              a.setDAYSEMPLOYED(-10_958);
            }),
        // The what-if: 80 years in the job at 50.
        new Broken(
            Rule.EMPLOYMENT_WITHIN_WORKING_LIFE,
            "DAYS_EMPLOYED",
            "must not exceed the age minus 14 years: at most 36.0 years here (>= -13148 days)",
            a -> {
              a.setDAYSBIRTH(-18_262);
              a.setDAYSEMPLOYED(-29_220);
            }),
        new Broken(
            Rule.NOT_BEFORE_BIRTH,
            "DAYS_REGISTRATION",
            "must not be before the birth (>= DAYS_BIRTH, -9461)",
            a -> a.setDAYSREGISTRATION(-9462.0)),
        new Broken(
            Rule.AMOUNT_BOUND,
            "AMT_INCOME_TOTAL",
            "must be at most 1000000000",
            a -> a.setAMTINCOMETOTAL(1e308)),
        new Broken(
            Rule.ANNUITY_AT_MOST_CREDIT,
            "AMT_ANNUITY",
            "must not exceed the credit (AMT_CREDIT, 406597.5)",
            a -> a.setAMTANNUITY(406_598.0)),
        new Broken(
            Rule.COUNT_BOUND,
            "CNT_CHILDREN",
            "must be at most 30",
            a -> {
              a.setCNTCHILDREN(Integer.MAX_VALUE);
              a.setCNTFAMMEMBERS(3.0);
            }),
        new Broken(
            Rule.CAR_AGE_BOUND, "OWN_CAR_AGE", "must be at most 100", a -> a.setOWNCARAGE(150.0)),
        new Broken(
            Rule.FAMILY_INCLUDES_APPLICANT,
            "CNT_FAM_MEMBERS",
            "must be >= 1",
            a -> a.setCNTFAMMEMBERS(0.0)),
        new Broken(
            Rule.FAMILY_INCLUDES_CHILDREN,
            "CNT_FAM_MEMBERS",
            "must count the applicant and the children: at least 4 (CNT_CHILDREN + 1)",
            a -> {
              a.setCNTCHILDREN(3);
              a.setCNTFAMMEMBERS(2.0);
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void eachRuleIsReportedOnTheFieldToChangeWithItsCode(Broken b) {
    LoanApplication app = valid();
    b.change().accept(app);
    assertThat(ApplicationRules.violations(app))
        .containsExactly(new Violation(b.field(), b.message(), b.rule()));
  }

  @Test
  void everyRuleHasABrokenCaseButTheIntakesClockRule() {
    Set<Rule> covered = EnumSet.noneOf(Rule.class);
    broken().forEach(b -> covered.add(b.rule()));
    assertThat(EnumSet.complementOf(EnumSet.copyOf(covered)))
        .containsExactly(Rule.SUBMITTED_AT_WINDOW);
  }

  @Test
  void theBoundsThemselvesAreAccepted() {
    LoanApplication app = valid();
    app.setDAYSBIRTH(-6575); // 18 years
    app.setDAYSEMPLOYED(-6575 + 5114); // 14 years after the birth: the age minus 14
    app.setDAYSREGISTRATION(-6575.0); // on the day of the birth
    app.setDAYSIDPUBLISH(-1000);
    app.setAMTANNUITY(app.getAMTCREDIT()); // all in one payment
    app.setCNTCHILDREN(30);
    app.setCNTFAMMEMBERS(31.0);
    app.setAMTINCOMETOTAL(1e9);
    app.setOWNCARAGE(100.0);
    app.setORGANIZATIONTYPE("x".repeat(100));
    app.setApplicationId("a".repeat(128));
    assertThat(ApplicationRules.violations(app)).isEmpty();
    app.setDAYSBIRTH(-36_525); // 100 years, employed since 14 or not at all
    app.setDAYSEMPLOYED(ApplicationRules.NOT_EMPLOYED);
    assertThat(ApplicationRules.violations(app)).isEmpty();
  }

  @Test
  void aRuleBetweenFieldsWaitsForTheOtherFieldToBeRight() {
    LoanApplication app = valid();
    app.setAMTCREDIT(-1.0);
    app.setAMTANNUITY(500_000.0);
    // The credit is wrong: the annuity is not compared with it.
    assertThat(ApplicationRules.violations(app))
        .containsExactly(new Violation("AMT_CREDIT", "must be > 0", Rule.POSITIVE));
  }
}
