package fr.pretadepenser.scoring.features;

import java.util.ArrayList;
import java.util.List;

/**
 * A vocabulary shaped like the full Kaggle data: the levels KERNEL_FEATURES.md lists, and numbered
 * stand-ins where it only gives a count (the block sizes depend on the counts, not the names).
 */
final class KaggleVocabulary {

  private KaggleVocabulary() {}

  static CategoryVocabulary build() {
    CategoryVocabulary.Builder b = CategoryVocabulary.builder();
    String app = CategoryVocabulary.APPLICATION;
    levels(b, app, "CODE_GENDER", "F", "M");
    levels(b, app, "FLAG_OWN_CAR", "N", "Y");
    levels(b, app, "FLAG_OWN_REALTY", "N", "Y");
    levels(b, app, "NAME_CONTRACT_TYPE", "Cash loans", "Revolving loans");
    levels(
        b,
        app,
        "NAME_TYPE_SUITE",
        "Children",
        "Family",
        "Group of people",
        "Other_A",
        "Other_B",
        "Spouse, partner",
        "Unaccompanied");
    levels(
        b,
        app,
        "NAME_INCOME_TYPE",
        "Businessman",
        "Commercial associate",
        "Maternity leave",
        "Pensioner",
        "State servant",
        "Student",
        "Unemployed",
        "Working");
    levels(
        b,
        app,
        "NAME_EDUCATION_TYPE",
        "Academic degree",
        "Higher education",
        "Incomplete higher",
        "Lower secondary",
        "Secondary / secondary special");
    levels(
        b,
        app,
        "NAME_FAMILY_STATUS",
        "Civil marriage",
        "Married",
        "Separated",
        "Single / not married",
        "Unknown",
        "Widow");
    levels(
        b,
        app,
        "NAME_HOUSING_TYPE",
        "Co-op apartment",
        "House / apartment",
        "Municipal apartment",
        "Office apartment",
        "Rented apartment",
        "With parents");
    numbered(b, app, "OCCUPATION_TYPE", 18);
    levels(
        b,
        app,
        "WEEKDAY_APPR_PROCESS_START",
        "FRIDAY",
        "MONDAY",
        "SATURDAY",
        "SUNDAY",
        "THURSDAY",
        "TUESDAY",
        "WEDNESDAY");
    numbered(b, app, "ORGANIZATION_TYPE", 58);
    levels(
        b,
        app,
        "FONDKAPREMONT_MODE",
        "not specified",
        "org spec account",
        "reg oper account",
        "reg oper spec account");
    levels(b, app, "HOUSETYPE_MODE", "block of flats", "specific housing", "terraced house");
    levels(
        b,
        app,
        "WALLSMATERIAL_MODE",
        "Block",
        "Mixed",
        "Monolithic",
        "Others",
        "Panel",
        "Stone, brick",
        "Wooden");
    levels(b, app, "EMERGENCYSTATE_MODE", "No", "Yes");

    String bureau = CategoryVocabulary.BUREAU;
    levels(b, bureau, "CREDIT_ACTIVE", "Active", "Bad debt", "Closed", "Sold");
    levels(b, bureau, "CREDIT_CURRENCY", "currency 1", "currency 2", "currency 3", "currency 4");
    numbered(b, bureau, "CREDIT_TYPE", 15);
    levels(b, CategoryVocabulary.BUREAU_BALANCE, "STATUS", "0", "1", "2", "3", "4", "5", "C", "X");

    // Counts without the _nan dummy, from §3.
    String prev = CategoryVocabulary.PREVIOUS;
    numbered(b, prev, "NAME_CONTRACT_TYPE", 4);
    numbered(b, prev, "WEEKDAY_APPR_PROCESS_START", 7);
    numbered(b, prev, "FLAG_LAST_APPL_PER_CONTRACT", 2);
    numbered(b, prev, "NAME_CASH_LOAN_PURPOSE", 25);
    levels(b, prev, "NAME_CONTRACT_STATUS", "Approved", "Canceled", "Refused", "Unused offer");
    numbered(b, prev, "NAME_PAYMENT_TYPE", 4);
    numbered(b, prev, "CODE_REJECT_REASON", 9);
    numbered(b, prev, "NAME_TYPE_SUITE", 7);
    numbered(b, prev, "NAME_CLIENT_TYPE", 4);
    numbered(b, prev, "NAME_GOODS_CATEGORY", 28);
    numbered(b, prev, "NAME_PORTFOLIO", 5);
    numbered(b, prev, "NAME_PRODUCT_TYPE", 3);
    numbered(b, prev, "CHANNEL_TYPE", 8);
    numbered(b, prev, "NAME_SELLER_INDUSTRY", 11);
    numbered(b, prev, "NAME_YIELD_GROUP", 5);
    numbered(b, prev, "PRODUCT_COMBINATION", 17);

    levels(
        b,
        CategoryVocabulary.POS_CASH,
        "NAME_CONTRACT_STATUS",
        "Active",
        "Amortized debt",
        "Approved",
        "Canceled",
        "Completed",
        "Demand",
        "Returned to the store",
        "Signed",
        "XNA");
    levels(
        b,
        CategoryVocabulary.CREDIT_CARD,
        "NAME_CONTRACT_STATUS",
        "Active",
        "Approved",
        "Completed",
        "Demand",
        "Refused",
        "Sent proposal",
        "Signed");
    return b.build();
  }

  private static void levels(
      CategoryVocabulary.Builder b, String table, String column, String... levels) {
    for (String level : levels) {
      b.add(table, column, level);
    }
  }

  private static void numbered(CategoryVocabulary.Builder b, String table, String column, int n) {
    List<String> levels = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      levels.add(String.format("level %02d", i));
    }
    levels(b, table, column, levels.toArray(String[]::new));
  }
}
