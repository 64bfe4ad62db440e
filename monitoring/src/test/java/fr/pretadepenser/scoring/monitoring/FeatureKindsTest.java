package fr.pretadepenser.scoring.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.features.CategoryVocabulary;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureKindsTest {

  private static final CategoryVocabulary VOCABULARY =
      CategoryVocabulary.builder()
          .add("application", "CODE_GENDER", "F")
          .add("application", "CODE_GENDER", "M")
          .add("application", "FLAG_OWN_CAR", "N")
          .add("application", "FLAG_OWN_CAR", "Y")
          .add("application", "NAME_CONTRACT_TYPE", "Cash loans")
          .add("application", "NAME_CONTRACT_TYPE", "Revolving loans")
          .add("application", "NAME_TYPE_SUITE", "Spouse, partner")
          .add("bureau", "CREDIT_ACTIVE", "Active")
          .add("bureau", "CREDIT_ACTIVE", "Closed")
          .build();

  private static Map<String, FeatureKind> kinds() {
    FeatureDefinition definition = new FeatureDefinition(VOCABULARY);
    List<FeatureKind> kinds = FeatureKinds.of(definition);
    Map<String, FeatureKind> byName = new HashMap<>();
    for (int i = 0; i < kinds.size(); i++) {
      byName.put(definition.names().get(i), kinds.get(i));
    }
    return byName;
  }

  @Test
  void indicatorsOfTheApplicationAreCategorical() {
    Map<String, FeatureKind> kinds = kinds();
    for (String name :
        List.of(
            "CODE_GENDER",
            "FLAG_OWN_CAR",
            "FLAG_OWN_REALTY",
            "NAME_CONTRACT_TYPE_Cash_loans",
            "NAME_CONTRACT_TYPE_Revolving_loans",
            "NAME_TYPE_SUITE_Spouse__partner",
            "FLAG_MOBIL",
            "FLAG_DOCUMENT_3",
            "REG_CITY_NOT_LIVE_CITY")) {
      assertThat(kinds).as(name).containsEntry(name, FeatureKind.CATEGORICAL);
    }
  }

  @Test
  void amountsCountsRatiosAndHistoryAggregatesAreNumeric() {
    Map<String, FeatureKind> kinds = kinds();
    for (String name :
        List.of(
            "AMT_INCOME_TOTAL",
            "EXT_SOURCE_3",
            "CNT_CHILDREN",
            "REGION_RATING_CLIENT",
            "INCOME_CREDIT_PERC",
            "BURO_CREDIT_ACTIVE_Active_MEAN",
            "BURO_CREDIT_ACTIVE_nan_MEAN")) {
      assertThat(kinds).as(name).containsEntry(name, FeatureKind.NUMERIC);
    }
  }

  @Test
  void everyIndicatorNameTheRuleExpectsExistsInTheDefinition() {
    // If the features module renamed its dummies, the rule would silently see none of them.
    // Expected by hand: 3 binary-coded columns + 3 dummies + 32 flags (FLAG_MOBIL, FLAG_EMP_PHONE,
    // FLAG_WORK_PHONE, FLAG_CONT_MOBILE, FLAG_PHONE, FLAG_EMAIL; six *_NOT_* address flags;
    // FLAG_DOCUMENT_2 … FLAG_DOCUMENT_21) = 38.
    long categorical = kinds().values().stream().filter(k -> k == FeatureKind.CATEGORICAL).count();
    assertThat(categorical).isEqualTo(38);
  }
}
