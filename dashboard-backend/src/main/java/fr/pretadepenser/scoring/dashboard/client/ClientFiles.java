package fr.pretadepenser.scoring.dashboard.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.dashboard.decisions.DecisionRecord;
import fr.pretadepenser.scoring.dashboard.decisions.DecisionSummary;
import fr.pretadepenser.scoring.dashboard.decisions.DisplayNames;
import fr.pretadepenser.scoring.dashboard.model.Explanations;
import fr.pretadepenser.scoring.dashboard.model.ModelService;
import fr.pretadepenser.scoring.dashboard.oversight.Oversight;
import fr.pretadepenser.scoring.dashboard.oversight.TrailEntry;
import fr.pretadepenser.scoring.events.Counterfactual;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.explain.FeatureDescriptions;
import fr.pretadepenser.scoring.explain.PathToApprovalWords;
import fr.pretadepenser.scoring.features.FeatureFamily;
import fr.pretadepenser.scoring.features.FeatureInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
   * A refusal's path to approval, as the explainer found it: the smallest change of the loan that
   * the model grants (what {@code POST /api/what-if} takes in {@code changes}), or none.
   *
   * @param found false when no change of the loan would be enough
   * @param changes Kaggle field name to its new value; empty when not found
   * @param asked the client's values of those fields (and the credit), for "instead of"
   * @param probability the probability of default with the changes (the lowest reached when not
   *     found)
   * @param target the probability the search aimed under (the threshold)
   * @param text the path in a sentence, in the request's language
   */
  record PathView(
      boolean found,
      Map<String, Double> changes,
      Map<String, Double> asked,
      double probability,
      double target,
      String text) {}

  /**
   * The file: who, what they asked for, their history, the latest decision and why.
   *
   * @param clientId the client's id (SK_ID_CURR) as text, as every id in the API: JavaScript would
   *     round an id above 2^53 read as a JSON number
   * @param displayName a pseudonym derived from the id, not a real name
   * @param application null when no application of the client is in the dashboard's view
   * @param decision null when the client has no decision yet
   * @param explanation null when there is no decision, or it cannot be explained here (then {@code
   *     explanationNote} says why)
   * @param explanationNote why the decision is not explained here, in the request's language: the
   *     explainer rejected it, or another model version made it; null otherwise
   * @param historyNote in the request's language, when the decision was made on incomplete history
   *     (which sources were missing) or history arrived after it; null otherwise
   * @param lateHistoryEvents history events of the client that arrived after the decision (of the
   *     last {@value DashboardView#HISTORY_TIMES} kept per client)
   * @param lateHistoryAtLeast true when every kept event came after the decision: there may be more
   * @param counterfactual the refusal's path to approval; null for a grant, a decision not yet
   *     explained, or one explained without it
   * @param finalDecision the decision in force: the automatic one until a person decides (a case in
   *     review) or a supervisor overrides it; null without a decision
   * @param trail the oversight trail of the decision's application, oldest first
   */
  record ClientFile(
      String clientId,
      String displayName,
      Instant submittedAt,
      List<Field> application,
      List<HistoryGroup> history,
      DecisionSummary decision,
      Explanations.ExplanationView explanation,
      String modelVersion,
      String explanationNote,
      String historyNote,
      int lateHistoryEvents,
      boolean lateHistoryAtLeast,
      PathView counterfactual,
      @JsonProperty("final_decision") String finalDecision,
      @JsonProperty("trail") List<TrailEntry> trail) {}

  private final ModelService model;
  private final Explanations explanations;
  private final Oversight oversight;

  ClientFiles(ModelService model, Explanations explanations, Oversight oversight) {
    this.model = model;
    this.explanations = explanations;
    this.oversight = oversight;
  }

  ClientFile of(
      DashboardView.ClientEntry entry, DashboardView.LateHistory late, FeatureDescriptions words) {
    LoanApplication a = entry.application();
    DecisionRecord d = entry.decision();
    // Another model's vector is not read with this model's feature names.
    boolean readable = d != null && model.madeBy(d);
    return new ClientFile(
        Long.toString(entry.clientId()),
        DisplayNames.of(entry.clientId()),
        a == null ? null : a.getSubmittedAt(),
        a == null ? null : application(a),
        readable ? history(d.features(), words) : List.of(),
        d == null ? null : d.summary(),
        d == null ? null : explanations.of(d, words),
        d == null ? null : d.modelVersion(),
        d == null ? null : explanations.unexplainable(d, words),
        d == null ? null : historyNote(d, late, Explanations.language(words).equals("fr")),
        late.events(),
        late.atLeast(),
        d == null ? null : path(d, words),
        // The decision in force and who decided it (human oversight): the file shows both.
        d == null ? null : oversight.finalDecision(d),
        d == null ? List.of() : oversight.entries(d.applicationId()));
  }

  /** The path to approval the explainer sent with the decision, in the request's language. */
  static PathView path(DecisionRecord d, FeatureDescriptions words) {
    if (d.explanation() == null || d.explanation().counterfactual() == null) {
      return null;
    }
    Counterfactual c = d.explanation().counterfactual();
    Map<String, Double> asked = d.explanation().asked();
    return new PathView(
        c.getFound(),
        Map.copyOf(c.getChanges()),
        asked,
        c.getProbability(),
        c.getTarget(),
        PathToApprovalWords.sentence(c, asked, d.probability(), words.locale()));
  }

  /** The SOURCE names of the history topic, in the words of an advisor. */
  private static String source(String name, boolean french) {
    return switch (name) {
      case "bureau" -> french ? "bureau de crédit" : "credit bureau";
      case "previous_application" -> french ? "demandes précédentes" : "previous applications";
      case "pos_cash_balance" -> french ? "prêts POS et espèces" : "POS and cash loans";
      case "installments_payments" -> french ? "échéances" : "instalments";
      case "credit_card_balance" -> french ? "cartes de crédit" : "credit cards";
      default -> name;
    };
  }

  private static String historyNote(
      DecisionRecord d, DashboardView.LateHistory late, boolean french) {
    List<String> parts = new ArrayList<>();
    if (d.incompleteHistory()) {
      List<String> names = d.historyMissing().stream().map(n -> source(n, french)).toList();
      parts.add(
          french
              ? "Décision prise sur un historique incomplet : il manquait "
                  + String.join(", ", names)
                  + "."
              : "Decided on incomplete history: "
                  + String.join(", ", names)
                  + " had not all arrived.");
    }
    if (late.events() > 0) {
      String n = (late.atLeast() ? (french ? "au moins " : "at least ") : "") + late.events();
      parts.add(
          french
              ? n
                  + " événement(s) d'historique arrivé(s) après la décision : elle ne les a pas pris"
                  + " en compte."
              : n
                  + " history event(s) arrived after the decision: it did not take them into"
                  + " account.");
    }
    return parts.isEmpty() ? null : String.join(" ", parts);
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
