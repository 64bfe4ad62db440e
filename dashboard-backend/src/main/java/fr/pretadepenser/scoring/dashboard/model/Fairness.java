package fr.pretadepenser.scoring.dashboard.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import fr.pretadepenser.scoring.events.FairnessGroup;
import fr.pretadepenser.scoring.features.FeatureWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Fairness by group as the Model page (the model card's out-of-fold table, the comparison with and
 * without the excluded columns) and the Monitoring page (the live monitor's latest snapshot) show
 * it. The JSON keys are the contract's snake_case ones, the same in the model card, the Avro
 * snapshot and here, so that both pages read one shape; a bundle written before the card carried
 * them gives an empty table and nulls.
 */
public final class Fairness {

  private Fairness() {}

  /**
   * One group of a protected attribute. Rates are null when their denominator is zero (no decision,
   * no outcome of that kind).
   *
   * @param attribute {@code gender}, {@code age_band} or {@code family_status}
   * @param group the group's value as the data has it (F, 26-35, Married, ...)
   * @param groupLabel the group in the request's language (Female, Femme, Marié(e)); the value
   *     itself when it has no words (age bands)
   * @param outcomesKnown decisions of the group whose outcome is known
   * @param truePositiveRate among the group's defaulters, the share refused
   * @param falsePositiveRate among those who repaid, the share refused
   * @param disparateImpact approval rate over the highest of the attribute's groups
   * @param fourFifthsFlag disparate impact below 0.8
   */
  public record FairnessRow(
      String attribute,
      String group,
      @JsonProperty("group_label") String groupLabel,
      long decisions,
      @JsonProperty("approval_rate") Double approvalRate,
      @JsonProperty("outcomes_known") long outcomesKnown,
      @JsonProperty("default_rate") Double defaultRate,
      @JsonProperty("true_positive_rate") Double truePositiveRate,
      @JsonProperty("false_positive_rate") Double falsePositiveRate,
      @JsonProperty("disparate_impact") Double disparateImpact,
      @JsonProperty("four_fifths_flag") boolean fourFifthsFlag) {}

  /** Out-of-fold AUC (its standard deviation over the folds) and business cost of one variant. */
  public record ExclusionScores(Double auc, @JsonProperty("auc_std") Double aucStd, Double cost) {}

  /**
   * The model trained with and without the excluded columns, on the same folds.
   *
   * @param withExcluded with every column (protected and non-actionable included)
   * @param withoutExcluded without them: the model shipped
   */
  public record ExclusionComparison(
      Integer folds,
      Long seed,
      @JsonProperty("with_excluded") ExclusionScores withExcluded,
      @JsonProperty("without_excluded") ExclusionScores withoutExcluded) {}

  /**
   * The source columns the model may not use.
   *
   * @param protectedColumns protected attributes (gender, family status by default)
   * @param nonActionable columns neither client nor advisor could act on or explain
   */
  public record ExcludedColumns(
      @JsonProperty("protected") List<String> protectedColumns,
      @JsonProperty("non_actionable") List<String> nonActionable) {}

  /** The attribute's source column, for its words: age bands have none. */
  private static String column(String attribute) {
    return switch (attribute) {
      case "gender" -> "CODE_GENDER";
      case "family_status" -> "NAME_FAMILY_STATUS";
      default -> null;
    };
  }

  /** A group's value in words of {@code language} ({@code en} or {@code fr}). */
  static String groupLabel(String attribute, String group, FeatureWords words) {
    String column = column(attribute);
    return column == null ? group : words.valueLabel(column, group);
  }

  /** The words of a language code given by {@link Explanations#language}. */
  public static FeatureWords words(String language) {
    return FeatureWords.of(Locale.forLanguageTag(language));
  }

  /** The live monitor's groups, worded. */
  public static List<FairnessRow> of(List<FairnessGroup> groups, FeatureWords words) {
    return groups.stream()
        .map(
            g ->
                new FairnessRow(
                    g.getAttribute(),
                    g.getGroup(),
                    groupLabel(g.getAttribute(), g.getGroup(), words),
                    g.getDecisions(),
                    finite(g.getApprovalRate()),
                    g.getOutcomesKnown(),
                    finite(g.getDefaultRate()),
                    finite(g.getTruePositiveRate()),
                    finite(g.getFalsePositiveRate()),
                    finite(g.getDisparateImpact()),
                    g.getFourFifthsFlag()))
        .toList();
  }

  /** The model card's {@code fairness}, worded; empty when the card has none. */
  static List<FairnessRow> fromCard(JsonNode card, FeatureWords words) {
    JsonNode all = card == null ? null : card.get("fairness");
    List<FairnessRow> out = new ArrayList<>();
    if (all == null || !all.isArray()) {
      return out;
    }
    for (JsonNode g : all) {
      String attribute = text(g, "attribute");
      String group = text(g, "group");
      if (attribute == null || group == null) {
        continue;
      }
      out.add(
          new FairnessRow(
              attribute,
              group,
              groupLabel(attribute, group, words),
              whole(g, "decisions"),
              number(g, "approval_rate"),
              whole(g, "outcomes_known"),
              number(g, "default_rate"),
              number(g, "true_positive_rate"),
              number(g, "false_positive_rate"),
              number(g, "disparate_impact"),
              g.path("four_fifths_flag").asBoolean(false)));
    }
    return List.copyOf(out);
  }

  /** The model card's {@code exclusion_comparison}; null when the card has none. */
  static ExclusionComparison comparison(JsonNode card) {
    JsonNode c = card == null ? null : card.get("exclusion_comparison");
    if (c == null || !c.isObject()) {
      return null;
    }
    return new ExclusionComparison(
        c.path("folds").isNumber() ? c.path("folds").asInt() : null,
        c.path("seed").isNumber() ? c.path("seed").asLong() : null,
        scores(c.get("with_excluded")),
        scores(c.get("without_excluded")));
  }

  /** The model card's {@code excluded_columns}; null when the card has none. */
  static ExcludedColumns excluded(JsonNode card) {
    JsonNode e = card == null ? null : card.get("excluded_columns");
    if (e == null || !e.isObject()) {
      return null;
    }
    return new ExcludedColumns(texts(e.get("protected")), texts(e.get("non_actionable")));
  }

  private static ExclusionScores scores(JsonNode s) {
    if (s == null || !s.isObject()) {
      return null;
    }
    return new ExclusionScores(number(s, "auc"), number(s, "auc_std"), number(s, "cost"));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      for (JsonNode v : array) {
        if (v.isString()) {
          out.add(v.asString());
        }
      }
    }
    return List.copyOf(out);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isString() ? v.asString() : null;
  }

  private static long whole(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isNumber() ? v.asLong() : 0;
  }

  /** A number, or null when absent, not a number or not finite (JSON has no NaN). */
  private static Double number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isNumber() ? Explanations.number(v.asDouble()) : null;
  }

  private static Double finite(Double v) {
    return v == null ? null : Explanations.number(v);
  }
}
