package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.LoanApplication;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Kernel §1, {@code application_train_test}: the application's own columns in file order (the three
 * binary columns coded in place), then one-hot dummies of the other string columns without a NaN
 * dummy, then five ratios computed after DAYS_EMPLOYED 365243 became missing.
 *
 * <p>The binary columns are coded as the index of the value among the vocabulary's sorted levels
 * (F=0, M=1; N=0, Y=1) rather than pandas' order of first appearance, which depends on the file
 * order; unseen values are NaN.
 */
final class ApplicationFeatures implements FeatureBlock {

  /** Fields of the event that are not Kaggle input columns. */
  static final Set<String> NOT_INPUTS =
      Set.of("application_id", "SK_ID_CURR", "submitted_at", "history_events", "history_announced");

  static final List<String> BINARY = List.of("CODE_GENDER", "FLAG_OWN_CAR", "FLAG_OWN_REALTY");

  /** DAYS_EMPLOYED's code for "not employed" (pensioners, unemployed), about 1000 years. */
  static final double DAYS_EMPLOYED_ANOMALY = 365243;

  private static final String T = CategoryVocabulary.APPLICATION;

  private final List<FeatureInfo> features = new ArrayList<>();
  private final int[] columnPositions;

  /** Sorted levels for the binary-coded columns, null for plain numeric ones. */
  private final String[][] binaryLevels;

  private final int daysEmployedSlot;
  private final OneHot[] oneHots;
  private final int dummyCount;
  private final int daysEmployed;
  private final int daysBirth;
  private final int incomeTotal;
  private final int credit;
  private final int familyMembers;
  private final int annuity;

  ApplicationFeatures(CategoryVocabulary vocabulary, Glossary glossary) {
    Schema schema = LoanApplication.getClassSchema();
    List<Integer> positions = new ArrayList<>();
    List<String[]> binaries = new ArrayList<>();
    List<OneHot> hots = new ArrayList<>();
    int employedSlot = -1;
    for (Schema.Field field : schema.getFields()) {
      String name = field.name();
      if (NOT_INPUTS.contains(name)) {
        continue;
      }
      boolean string = CategoryVocabulary.isString(field.schema());
      if (string && !BINARY.contains(name)) {
        hots.add(new OneHot(name, field.pos(), vocabulary.levels(T, name), false));
        continue;
      }
      String description = glossary.applicationColumn(name);
      if (string) {
        List<String> levels = vocabulary.levels(T, name);
        binaries.add(levels.toArray(String[]::new));
        description += ", coded " + codes(levels) + " (unseen: missing)";
      } else {
        binaries.add(null);
      }
      if (name.equals("DAYS_EMPLOYED")) {
        employedSlot = positions.size();
      }
      positions.add(field.pos());
      features.add(feature(name, description, name, null));
    }
    this.columnPositions = positions.stream().mapToInt(Integer::intValue).toArray();
    this.binaryLevels = binaries.toArray(String[][]::new);
    this.daysEmployedSlot = employedSlot;
    this.oneHots = hots.toArray(OneHot[]::new);
    int dummies = 0;
    for (OneHot oneHot : oneHots) {
      String phrase = Glossary.capitalize(glossary.phrase(T, oneHot.column));
      for (int d = 0; d < oneHot.width(); d++) {
        features.add(
            feature(
                oneHot.dummyName(d),
                phrase + " is " + oneHot.level(d),
                oneHot.column,
                oneHot.level(d) == null ? FeatureInfo.MISSING_LEVEL : oneHot.level(d)));
      }
      dummies += oneHot.width();
    }
    this.dummyCount = dummies;
    features.add(
        feature(
            "DAYS_EMPLOYED_PERC",
            "Share of the client's life spent in the current employment (days employed / age in"
                + " days)"));
    features.add(
        feature("INCOME_CREDIT_PERC", "Income of the client divided by the credit amount"));
    features.add(
        feature(
            "INCOME_PER_PERSON", "Income of the client per family member (income / family size)"));
    features.add(
        feature("ANNUITY_INCOME_PERC", "Loan annuity as a share of the income of the client"));
    features.add(
        feature("PAYMENT_RATE", "Loan annuity as a share of the credit amount (repayment rate)"));
    this.daysEmployed = AvroValues.position(schema, "DAYS_EMPLOYED");
    this.daysBirth = AvroValues.position(schema, "DAYS_BIRTH");
    this.incomeTotal = AvroValues.position(schema, "AMT_INCOME_TOTAL");
    this.credit = AvroValues.position(schema, "AMT_CREDIT");
    this.familyMembers = AvroValues.position(schema, "CNT_FAM_MEMBERS");
    this.annuity = AvroValues.position(schema, "AMT_ANNUITY");
  }

  @Override
  public List<FeatureInfo> features() {
    return List.copyOf(features);
  }

  @Override
  public void compute(LoanApplication app, ClientHistory history, float[] out, int offset) {
    int i = offset;
    for (int c = 0; c < columnPositions.length; c++) {
      Object raw = app.get(columnPositions[c]);
      double value;
      if (binaryLevels[c] != null) {
        int code = raw == null ? -1 : Arrays.binarySearch(binaryLevels[c], AvroValues.string(raw));
        value = code >= 0 ? code : Double.NaN;
      } else {
        value = AvroValues.number(raw);
      }
      if (c == daysEmployedSlot && value == DAYS_EMPLOYED_ANOMALY) {
        value = Double.NaN;
      }
      out[i++] = (float) value;
    }
    Arrays.fill(out, i, i + dummyCount, 0f);
    for (OneHot oneHot : oneHots) {
      int d = oneHot.dummyOf(app);
      if (d >= 0) {
        out[i + d] = 1f;
      }
      i += oneHot.width();
    }
    double employed = AvroValues.number(app.get(daysEmployed));
    if (employed == DAYS_EMPLOYED_ANOMALY) {
      employed = Double.NaN;
    }
    double income = AvroValues.number(app.get(incomeTotal));
    double amtCredit = AvroValues.number(app.get(credit));
    double amtAnnuity = AvroValues.number(app.get(annuity));
    out[i++] = (float) (employed / AvroValues.number(app.get(daysBirth)));
    out[i++] = (float) (income / amtCredit);
    out[i++] = (float) (income / AvroValues.number(app.get(familyMembers)));
    out[i++] = (float) (amtAnnuity / income);
    out[i] = (float) (amtAnnuity / amtCredit);
  }

  /** A ratio the kernel derives from application columns: its own column. */
  private static FeatureInfo feature(String kernelName, String description) {
    return feature(kernelName, description, kernelName, null);
  }

  private static FeatureInfo feature(
      String kernelName, String description, String column, String level) {
    return new FeatureInfo(
        FeatureNames.sanitise(kernelName),
        FeatureFamily.APPLICATION,
        description,
        T,
        column,
        level,
        null,
        null);
  }

  private static String codes(List<String> levels) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < levels.size(); i++) {
      s.append(i == 0 ? "" : ", ").append(i).append(" = ").append(levels.get(i));
    }
    return s.length() == 0 ? "by the vocabulary's sorted levels" : s.toString();
  }
}
