package fr.pretadepenser.scoring.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The principal reasons a lender prints on a decision: families of features that a client can
 * understand as one thing ("External credit scores", "Late payments on past loans", "Debt at other
 * lenders"), rather than the hundreds of features the model reads. A decision's reasons are the
 * families whose summed SHAP contributions weigh most in the decision's direction (the explain
 * module ranks them); US Reg B §1002.9 asks for the specific principal reasons, four at most being
 * helpful.
 *
 * <p>Every feature of a {@link FeatureDefinition} belongs to exactly one family, found from its
 * structure ({@link FeatureInfo}: source table, column, the rows aggregated), never by reading its
 * name: the source columns of the application are listed here family by family, and a history
 * table's features go to a family by their column and, where it matters, by the rows aggregated (a
 * refused application's amounts speak of refusals, not of past loans). The families' words, a short
 * label and a sentence for each direction, are in the {@link FeatureWords} bundles ({@code
 * family.<CODE>.label}, {@code .raises}, {@code .lowers}), English and French.
 *
 * <p>The enum's names are codes carried on the explained decision (Avro {@code Reason.code}): a
 * contract, renamed never. {@link #GENDER} and {@link #FAMILY_STATUS} exist because the feature
 * definition still has those columns; training excludes them from the model by default, so a
 * decision of such a model never names them.
 */
public enum ReasonFamily {
  EXTERNAL_SCORES(false),
  LOAN_AMOUNT(false),
  REPAYMENT_BURDEN(false),
  LOAN_TERM(false),
  GOODS_AND_DOWN_PAYMENT(false),
  INCOME(false),
  EMPLOYMENT_LENGTH(false),
  AGE(false),
  OCCUPATION(false),
  EDUCATION(false),
  HOUSING_AND_ASSETS(false),
  REGION(false),
  HOUSEHOLD(false),
  CONTACT_AND_STABILITY(false),
  SOCIAL_CIRCLE(false),
  BUREAU_ENQUIRIES(false),
  BUREAU_OVERDUE(false),
  BUREAU_DEBT(false),
  ACTIVE_BUREAU_CREDITS(false),
  BUREAU_HISTORY(false),
  REFUSED_APPLICATIONS(false),
  PAST_LOANS(false),
  LATE_PAYMENTS(false),
  PARTIAL_PAYMENTS(false),
  CREDIT_CARD_USE(false),
  APPLICATION_DETAILS(false),
  FAMILY_STATUS(true),
  GENDER(true);

  private final boolean protectedAttribute;

  ReasonFamily(boolean protectedAttribute) {
    this.protectedAttribute = protectedAttribute;
  }

  /**
   * Whether this family is a protected attribute (gender, family status): never a reason to give.
   */
  public boolean protectedAttribute() {
    return protectedAttribute;
  }

  /** The code carried on an explained decision: the enum's name. */
  public String code() {
    return name();
  }

  /**
   * The family of a code, empty for "" (a reason of an older explainer: one feature) or unknown.
   */
  public static Optional<ReasonFamily> ofCode(String code) {
    for (ReasonFamily f : values()) {
      if (f.name().equals(code)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The application's source columns (and the ratios derived from them), family by family. */
  private static final Map<String, ReasonFamily> APPLICATION_COLUMNS = new HashMap<>();

  private static final List<String> BUILDING =
      List.of(
          "APARTMENTS",
          "BASEMENTAREA",
          "YEARS_BEGINEXPLUATATION",
          "YEARS_BUILD",
          "COMMONAREA",
          "ELEVATORS",
          "ENTRANCES",
          "FLOORSMAX",
          "FLOORSMIN",
          "LANDAREA",
          "LIVINGAPARTMENTS",
          "LIVINGAREA",
          "NONLIVINGAPARTMENTS",
          "NONLIVINGAREA");

  static {
    application(EXTERNAL_SCORES, "EXT_SOURCE_1", "EXT_SOURCE_2", "EXT_SOURCE_3");
    application(LOAN_AMOUNT, "AMT_CREDIT", "NAME_CONTRACT_TYPE");
    application(REPAYMENT_BURDEN, "AMT_ANNUITY", "ANNUITY_INCOME_PERC", "INCOME_CREDIT_PERC");
    application(LOAN_TERM, "PAYMENT_RATE");
    application(GOODS_AND_DOWN_PAYMENT, "AMT_GOODS_PRICE");
    application(INCOME, "AMT_INCOME_TOTAL", "INCOME_PER_PERSON", "NAME_INCOME_TYPE");
    application(EMPLOYMENT_LENGTH, "DAYS_EMPLOYED", "DAYS_EMPLOYED_PERC");
    application(AGE, "DAYS_BIRTH");
    application(OCCUPATION, "OCCUPATION_TYPE", "ORGANIZATION_TYPE");
    application(EDUCATION, "NAME_EDUCATION_TYPE");
    application(
        HOUSING_AND_ASSETS,
        "NAME_HOUSING_TYPE",
        "FLAG_OWN_REALTY",
        "FLAG_OWN_CAR",
        "OWN_CAR_AGE",
        "TOTALAREA_MODE",
        "FONDKAPREMONT_MODE",
        "HOUSETYPE_MODE",
        "WALLSMATERIAL_MODE",
        "EMERGENCYSTATE_MODE");
    // The building's normalised measures, each as average, mode and median.
    application(
        HOUSING_AND_ASSETS,
        BUILDING.stream()
            .flatMap(b -> Stream.of(b + "_AVG", b + "_MODE", b + "_MEDI"))
            .toArray(String[]::new));
    application(
        REGION,
        "REGION_POPULATION_RELATIVE",
        "REGION_RATING_CLIENT",
        "REGION_RATING_CLIENT_W_CITY",
        "REG_REGION_NOT_LIVE_REGION",
        "REG_REGION_NOT_WORK_REGION",
        "LIVE_REGION_NOT_WORK_REGION",
        "REG_CITY_NOT_LIVE_CITY",
        "REG_CITY_NOT_WORK_CITY",
        "LIVE_CITY_NOT_WORK_CITY");
    application(HOUSEHOLD, "CNT_CHILDREN", "CNT_FAM_MEMBERS");
    application(
        CONTACT_AND_STABILITY,
        "FLAG_MOBIL",
        "FLAG_EMP_PHONE",
        "FLAG_WORK_PHONE",
        "FLAG_CONT_MOBILE",
        "FLAG_PHONE",
        "FLAG_EMAIL",
        "DAYS_LAST_PHONE_CHANGE",
        "DAYS_REGISTRATION",
        "DAYS_ID_PUBLISH");
    application(
        SOCIAL_CIRCLE,
        "OBS_30_CNT_SOCIAL_CIRCLE",
        "DEF_30_CNT_SOCIAL_CIRCLE",
        "OBS_60_CNT_SOCIAL_CIRCLE",
        "DEF_60_CNT_SOCIAL_CIRCLE");
    application(
        BUREAU_ENQUIRIES,
        "AMT_REQ_CREDIT_BUREAU_HOUR",
        "AMT_REQ_CREDIT_BUREAU_DAY",
        "AMT_REQ_CREDIT_BUREAU_WEEK",
        "AMT_REQ_CREDIT_BUREAU_MON",
        "AMT_REQ_CREDIT_BUREAU_QRT",
        "AMT_REQ_CREDIT_BUREAU_YEAR");
    application(
        APPLICATION_DETAILS,
        "HOUR_APPR_PROCESS_START",
        "WEEKDAY_APPR_PROCESS_START",
        "NAME_TYPE_SUITE");
    application(
        APPLICATION_DETAILS,
        IntStream.rangeClosed(2, 21).mapToObj(i -> "FLAG_DOCUMENT_" + i).toArray(String[]::new));
    application(FAMILY_STATUS, "NAME_FAMILY_STATUS");
    application(GENDER, "CODE_GENDER");
  }

  private static void application(ReasonFamily family, String... columns) {
    for (String column : columns) {
      if (APPLICATION_COLUMNS.put(column, family) != null) {
        throw new IllegalStateException("application column " + column + " in two families");
      }
    }
  }

  /**
   * The family of a feature known by name through the feature definitions built in this process (a
   * model bundle builds its own when it loads): {@link #of(FeatureInfo)} of its structure.
   */
  public static Optional<ReasonFamily> ofFeature(String name) {
    return of(FeatureWords.feature(name));
  }

  /**
   * The family {@code feature} belongs to, from its source table, column and rows; empty for a
   * feature built without a definition (no table) or an application column no family lists (the
   * catalogue test fails on any feature of the definition without one).
   */
  public static Optional<ReasonFamily> of(FeatureInfo feature) {
    String table = feature.table();
    if (table == null) {
      return Optional.empty();
    }
    String column = feature.column() == null ? "" : feature.column();
    String rows = feature.rows() == null ? "" : feature.rows();
    ReasonFamily family =
        switch (table) {
          case CategoryVocabulary.APPLICATION -> APPLICATION_COLUMNS.get(column);
          case CategoryVocabulary.BUREAU_BALANCE -> BUREAU_OVERDUE; // months late, per status
          case CategoryVocabulary.BUREAU ->
              switch (column) {
                case "CREDIT_DAY_OVERDUE",
                        "AMT_CREDIT_MAX_OVERDUE",
                        "AMT_CREDIT_SUM_OVERDUE",
                        "CNT_CREDIT_PROLONG" ->
                    BUREAU_OVERDUE;
                case "AMT_CREDIT_SUM",
                        "AMT_CREDIT_SUM_DEBT",
                        "AMT_CREDIT_SUM_LIMIT",
                        "AMT_ANNUITY" ->
                    BUREAU_DEBT;
                case "CREDIT_ACTIVE" -> ACTIVE_BUREAU_CREDITS;
                // Planned ends of all or active credits say what still runs; of closed ones,
                // history.
                case "DAYS_CREDIT_ENDDATE" ->
                    rows.equals("CLOSED") ? BUREAU_HISTORY : ACTIVE_BUREAU_CREDITS;
                default -> rows.equals("ACTIVE") ? ACTIVE_BUREAU_CREDITS : BUREAU_HISTORY;
              };
          case CategoryVocabulary.PREVIOUS ->
              switch (column) {
                case "HOUR_APPR_PROCESS_START", "WEEKDAY_APPR_PROCESS_START", "NAME_TYPE_SUITE" ->
                    APPLICATION_DETAILS;
                case "NAME_CONTRACT_STATUS", "CODE_REJECT_REASON" -> REFUSED_APPLICATIONS;
                default ->
                    rows.equals("REFUSED")
                        ? REFUSED_APPLICATIONS
                        : switch (column) {
                          case "AMT_DOWN_PAYMENT", "RATE_DOWN_PAYMENT", "AMT_GOODS_PRICE" ->
                              GOODS_AND_DOWN_PAYMENT;
                          default -> PAST_LOANS;
                        };
              };
          case CategoryVocabulary.POS_CASH ->
              column.equals("SK_DPD") || column.equals("SK_DPD_DEF") ? LATE_PAYMENTS : PAST_LOANS;
          case CategoryVocabulary.INSTALMENTS ->
              switch (column) {
                case "DPD", "DBD" -> LATE_PAYMENTS;
                case "PAYMENT_PERC", "PAYMENT_DIFF" -> PARTIAL_PAYMENTS;
                default -> PAST_LOANS;
              };
          case CategoryVocabulary.CREDIT_CARD ->
              column.equals("SK_DPD") || column.equals("SK_DPD_DEF")
                  ? LATE_PAYMENTS
                  : CREDIT_CARD_USE;
          default -> null;
        };
    return Optional.ofNullable(family);
  }
}
