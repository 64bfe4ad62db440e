package fr.pretadepenser.scoring.dashboard.client;

import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.dashboard.decisions.DecisionRecord;
import fr.pretadepenser.scoring.dashboard.decisions.DecisionSummary;
import fr.pretadepenser.scoring.dashboard.decisions.DisplayNames;
import fr.pretadepenser.scoring.dashboard.model.Explanations;
import fr.pretadepenser.scoring.dashboard.model.ModelService;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.explain.FeatureDescriptions;
import fr.pretadepenser.scoring.features.FeatureFamily;
import fr.pretadepenser.scoring.features.FeatureInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** Builds the client file of {@code GET /api/clients/{id}}. */
final class ClientFiles {

  /** The application fields an advisor reads first, in this order. */
  static final List<String> APPLICATION_FIELDS =
      List.of(
          "NAME_CONTRACT_TYPE",
          "AMT_CREDIT",
          "AMT_ANNUITY",
          "AMT_GOODS_PRICE",
          "AMT_INCOME_TOTAL",
          "NAME_INCOME_TYPE",
          "OCCUPATION_TYPE",
          "ORGANIZATION_TYPE",
          "DAYS_EMPLOYED",
          "DAYS_BIRTH",
          "CODE_GENDER",
          "NAME_FAMILY_STATUS",
          "CNT_CHILDREN",
          "CNT_FAM_MEMBERS",
          "NAME_EDUCATION_TYPE",
          "NAME_HOUSING_TYPE",
          "FLAG_OWN_CAR",
          "FLAG_OWN_REALTY",
          "EXT_SOURCE_1",
          "EXT_SOURCE_2",
          "EXT_SOURCE_3");

  /** History summaries by family: features of the decision's vector, those the model has. */
  static final List<List<String>> HISTORY =
      List.of(
          List.of(
              "BURO_DAYS_CREDIT_MEAN",
              "BURO_AMT_CREDIT_SUM_SUM",
              "BURO_AMT_CREDIT_SUM_DEBT_SUM",
              "BURO_CREDIT_DAY_OVERDUE_MAX",
              "BURO_AMT_CREDIT_MAX_OVERDUE_MEAN",
              "ACTIVE_DAYS_CREDIT_MEAN",
              "ACTIVE_AMT_CREDIT_SUM_DEBT_SUM"),
          List.of(
              "PREV_AMT_APPLICATION_MEAN",
              "PREV_AMT_CREDIT_MEAN",
              "PREV_NAME_CONTRACT_STATUS_Approved_MEAN",
              "PREV_NAME_CONTRACT_STATUS_Refused_MEAN",
              "PREV_CNT_PAYMENT_MEAN"),
          List.of("POS_COUNT", "POS_SK_DPD_MAX", "POS_SK_DPD_DEF_MAX"),
          List.of(
              "INSTAL_COUNT",
              "INSTAL_DPD_MEAN",
              "INSTAL_DPD_MAX",
              "INSTAL_DBD_MEAN",
              "INSTAL_PAYMENT_PERC_MEAN",
              "INSTAL_PAYMENT_DIFF_MEAN"),
          List.of("CC_COUNT", "CC_AMT_BALANCE_MEAN", "CC_CNT_DRAWINGS_CURRENT_MEAN"));

  static final List<FeatureFamily> HISTORY_FAMILIES =
      List.of(
          FeatureFamily.BUREAU,
          FeatureFamily.PREVIOUS,
          FeatureFamily.POS_CASH,
          FeatureFamily.INSTALMENTS,
          FeatureFamily.CREDIT_CARD);

  /** One application field: its Kaggle name, what it means, its value. */
  record Field(String field, String description, Object value) {}

  /**
   * One feature of the history summary.
   *
   * @param description what it means, in the request's language
   * @param label a short name, in the request's language
   * @param valueText the value in human units ("3.9 years", "92%"), "unknown" when missing
   */
  record HistoryItem(
      String feature, String description, Double value, String label, String valueText) {}

  /**
   * @param family BUREAU, PREVIOUS, POS_CASH, INSTALMENTS or CREDIT_CARD
   * @param records false when the client has no record of that kind (every feature missing)
   */
  record HistoryGroup(String family, boolean records, List<HistoryItem> items) {}

  /**
   * The file: who, what they asked for, their history, the latest decision and why.
   *
   * @param displayName a pseudonym derived from the id, not a real name
   * @param application null when no application of the client is in the dashboard's view
   * @param decision null when the client has no decision yet
   */
  record ClientFile(
      long clientId,
      String displayName,
      Instant submittedAt,
      List<Field> application,
      List<HistoryGroup> history,
      DecisionSummary decision,
      Explanations.ExplanationView explanation,
      String modelVersion) {}

  private final ModelService model;
  private final Explanations explanations;

  ClientFiles(ModelService model, Explanations explanations) {
    this.model = model;
    this.explanations = explanations;
  }

  ClientFile of(DashboardView.ClientEntry entry, FeatureDescriptions words) {
    LoanApplication a = entry.application();
    DecisionRecord d = entry.decision();
    return new ClientFile(
        entry.clientId(),
        DisplayNames.of(entry.clientId()),
        a == null ? null : a.getSubmittedAt(),
        a == null ? null : application(a),
        d == null ? List.of() : history(d.features(), words),
        d == null ? null : d.summary(),
        d == null ? null : explanations.of(d, words),
        d == null ? null : d.modelVersion());
  }

  static List<Field> application(LoanApplication a) {
    Schema schema = LoanApplication.getClassSchema();
    List<Field> out = new ArrayList<>();
    for (String name : APPLICATION_FIELDS) {
      Schema.Field f = schema.getField(name);
      if (f == null) {
        continue;
      }
      Object v = a.get(f.pos());
      out.add(new Field(name, f.doc(), v instanceof CharSequence s ? s.toString() : v));
    }
    return out;
  }

  private List<HistoryGroup> history(float[] features, FeatureDescriptions words) {
    List<FeatureInfo> infos = model.features();
    List<HistoryGroup> groups = new ArrayList<>();
    for (int g = 0; g < HISTORY_FAMILIES.size(); g++) {
      FeatureFamily family = HISTORY_FAMILIES.get(g);
      boolean any = false;
      for (int i = 0; i < infos.size(); i++) {
        if (infos.get(i).family() == family && !Float.isNaN(features[i])) {
          any = true;
          break;
        }
      }
      List<HistoryItem> items = new ArrayList<>();
      for (String name : HISTORY.get(g)) {
        int i = model.indexOf(name);
        if (i >= 0) {
          items.add(
              new HistoryItem(
                  name,
                  words.describe(name),
                  Explanations.number(features[i]),
                  words.label(name),
                  words.formatValue(name, features[i])));
        }
      }
      groups.add(new HistoryGroup(family.name(), any, items));
    }
    return groups;
  }
}
