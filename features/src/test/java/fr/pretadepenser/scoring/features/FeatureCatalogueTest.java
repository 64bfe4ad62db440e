package fr.pretadepenser.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeatureCatalogueTest {

  @Test
  void listsCountsAndEveryFeature() {
    FeatureDefinition definition = new FeatureDefinition(KaggleVocabulary.build());
    String md = FeatureCatalogue.markdown(definition, "Features");
    assertThat(md)
        .startsWith("# Features\n\n795 features, in vector order.")
        .contains("| APPLICATION | 245 |")
        .contains("| BUREAU | 116 |")
        .contains("| PREVIOUS | 249 |")
        .contains("| POS_CASH | 18 |")
        .contains("| INSTALMENTS | 26 |")
        .contains("| CREDIT_CARD | 141 |")
        .contains("| **total** | **795** |")
        .contains("| 794 | `CC_COUNT` | CREDIT_CARD | Number of credit card months |");
    // A header and separator, then one row per feature.
    assertThat(md.lines().filter(l -> l.matches("\\| \\d+ \\| `.*"))).hasSize(795);
  }

  @Test
  void escapesPipesInDescriptions() {
    // The CSV's "application_{train|test}.csv" style never reaches a description, but a level may.
    FeatureDefinition definition =
        new FeatureDefinition(
            CategoryVocabulary.builder().add("application", "NAME_TYPE_SUITE", "a|b").build());
    assertThat(FeatureCatalogue.markdown(definition, "x")).contains("is a\\|b |");
  }
}
