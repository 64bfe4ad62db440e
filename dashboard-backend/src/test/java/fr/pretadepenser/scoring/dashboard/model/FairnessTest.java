package fr.pretadepenser.scoring.dashboard.model;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.FairnessGroup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Model page's fairness and exclusion comparison read from a model card, with the keys the
 * contract gives them, and the monitor's groups worded alike; a card without them (an older bundle)
 * gives an empty table and nulls.
 */
class FairnessTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  static final String CARD =
      """
      {"cv_auc_mean": 0.75,
       "excluded_columns": {"protected": ["CODE_GENDER", "NAME_FAMILY_STATUS"],
                            "non_actionable": ["WEEKDAY_APPR_PROCESS_START"]},
       "exclusion_comparison": {"folds": 5, "seed": 42,
          "with_excluded": {"auc": 0.761, "auc_std": 0.012, "cost": 1510.0},
          "without_excluded": {"auc": 0.757, "auc_std": 0.011, "cost": 1523.0}},
       "fairness": [
         {"attribute": "gender", "group": "F", "decisions": 2000, "approval_rate": 0.93,
          "outcomes_known": 2000, "default_rate": 0.07, "true_positive_rate": 0.41,
          "false_positive_rate": 0.05, "disparate_impact": 1.0, "four_fifths_flag": false},
         {"attribute": "family_status", "group": "Widow", "decisions": 150, "approval_rate": 0.7,
          "outcomes_known": 150, "default_rate": null, "true_positive_rate": "NaN",
          "false_positive_rate": 0.2, "disparate_impact": 0.75, "four_fifths_flag": true},
         {"attribute": "age_band", "group": "56+", "decisions": 500, "approval_rate": 0.95,
          "outcomes_known": 500, "default_rate": 0.04, "true_positive_rate": 0.3,
          "false_positive_rate": 0.02, "disparate_impact": 1.0, "four_fifths_flag": false}
       ]}
      """;

  static JsonNode card(String json) {
    return JSON.readTree(json);
  }

  @Test
  void theCardsTableWordedInFrench() {
    List<Fairness.FairnessRow> groups = Fairness.fromCard(card(CARD), Fairness.words("fr"));

    assertThat(groups).hasSize(3);
    Fairness.FairnessRow f = groups.get(0);
    assertThat(f.attribute()).isEqualTo("gender");
    assertThat(f.group()).isEqualTo("F");
    assertThat(f.groupLabel()).isEqualTo("Femme");
    assertThat(f.decisions()).isEqualTo(2000);
    assertThat(f.approvalRate()).isEqualTo(0.93);
    assertThat(f.truePositiveRate()).isEqualTo(0.41);
    Fairness.FairnessRow widow = groups.get(1);
    assertThat(widow.groupLabel()).isEqualTo("Veuf / veuve");
    // null and a string where a number should be: null, not an error.
    assertThat(widow.defaultRate()).isNull();
    assertThat(widow.truePositiveRate()).isNull();
    assertThat(widow.fourFifthsFlag()).isTrue();
    assertThat(groups.get(2).groupLabel()).isEqualTo("56+");
    assertThat(Fairness.fromCard(card(CARD), Fairness.words("en")).get(1).groupLabel())
        .isEqualTo("Widow");
  }

  @Test
  void theComparisonAndTheExcludedColumns() {
    Fairness.ExclusionComparison c = Fairness.comparison(card(CARD));
    assertThat(c.folds()).isEqualTo(5);
    assertThat(c.seed()).isEqualTo(42L);
    assertThat(c.withExcluded()).isEqualTo(new Fairness.ExclusionScores(0.761, 0.012, 1510.0));
    assertThat(c.withoutExcluded()).isEqualTo(new Fairness.ExclusionScores(0.757, 0.011, 1523.0));
    Fairness.ExcludedColumns e = Fairness.excluded(card(CARD));
    assertThat(e.protectedColumns()).containsExactly("CODE_GENDER", "NAME_FAMILY_STATUS");
    assertThat(e.nonActionable()).containsExactly("WEEKDAY_APPR_PROCESS_START");
  }

  @Test
  void anOlderCardWithoutThemGivesAnEmptyTableAndNulls() {
    JsonNode old = card("{\"cv_auc_mean\": 0.75}");
    assertThat(Fairness.fromCard(old, Fairness.words("en"))).isEmpty();
    assertThat(Fairness.comparison(old)).isNull();
    assertThat(Fairness.excluded(old)).isNull();
  }

  @Test
  void theJsonKeysAreTheContractsSnakeCase() {
    Fairness.FairnessRow g = Fairness.fromCard(card(CARD), Fairness.words("en")).get(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> json = JSON.convertValue(g, Map.class);
    assertThat(json)
        .containsOnlyKeys(
            "attribute",
            "group",
            "group_label",
            "decisions",
            "approval_rate",
            "outcomes_known",
            "default_rate",
            "true_positive_rate",
            "false_positive_rate",
            "disparate_impact",
            "four_fifths_flag");
    @SuppressWarnings("unchecked")
    Map<String, Object> comparison = JSON.convertValue(Fairness.comparison(card(CARD)), Map.class);
    assertThat(comparison).containsOnlyKeys("folds", "seed", "with_excluded", "without_excluded");
    assertThat((Map<String, Object>) comparison.get("with_excluded"))
        .containsOnlyKeys("auc", "auc_std", "cost");
  }

  @Test
  void theMonitorsGroupsWordedAndNaNAsNull() {
    FairnessGroup g =
        FairnessGroup.newBuilder()
            .setAttribute("family_status")
            .setGroup("Married")
            .setDecisions(300)
            .setApprovalRate(0.9)
            .setOutcomesKnown(0)
            .setDefaultRate(null)
            .setTruePositiveRate(Double.NaN)
            .setFalsePositiveRate(null)
            .setDisparateImpact(1.0)
            .setFourFifthsFlag(false)
            .build();
    Fairness.FairnessRow out = Fairness.of(List.of(g), Fairness.words("fr")).get(0);
    assertThat(out.groupLabel()).isEqualTo("Marié(e)");
    assertThat(out.truePositiveRate()).isNull();
    assertThat(out.approvalRate()).isEqualTo(0.9);
  }
}
