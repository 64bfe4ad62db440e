package fr.pretadepenser.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pretadepenser.scoring.features.CategoryVocabulary;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.features.FeatureExclusion;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FeatureManifestTest {

  private static final CategoryVocabulary VOCABULARY = new CategoryVocabulary(new TreeMap<>());

  @Test
  void theExclusionTravelsThroughFeaturesJson() throws Exception {
    FeatureDefinition written =
        new FeatureDefinition(VOCABULARY, FeatureExclusion.of("CODE_GENDER", "FLAG_DOCUMENT_*"));
    String json = ModelBundle.JSON.writeValueAsString(FeatureManifest.of(written));
    assertThat(json).contains("\"excluded_columns\":[\"CODE_GENDER\",\"FLAG_DOCUMENT_*\"]");

    FeatureManifest read = ModelBundle.JSON.readValue(json, FeatureManifest.class);

    assertThat(read.names()).isEqualTo(written.names());
    assertThat(read.definition().names()).isEqualTo(written.names()).doesNotContain("CODE_GENDER");
    assertThat(read.definition().exclusion()).isEqualTo(written.exclusion());
  }

  @Test
  void aBundleWrittenBeforeExclusionsExcludesNothing() throws Exception {
    FeatureDefinition all = new FeatureDefinition(VOCABULARY);
    String json =
        ModelBundle.JSON
            .writeValueAsString(FeatureManifest.of(all))
            .replace(",\"excluded_columns\":[]", "");
    assertThat(json).doesNotContain("excluded_columns");

    FeatureManifest read = ModelBundle.JSON.readValue(json, FeatureManifest.class);

    assertThat(read.exclusion().isEmpty()).isTrue();
    assertThat(read.definition().names()).isEqualTo(all.names()).contains("CODE_GENDER");
  }

  @Test
  void aDamagedExclusionIsABundleError() throws Exception {
    String json =
        ModelBundle.JSON
            .writeValueAsString(FeatureManifest.of(new FeatureDefinition(VOCABULARY)))
            .replace("\"excluded_columns\":[]", "\"excluded_columns\":[\"CODE GENDER\"]");
    FeatureManifest read = ModelBundle.JSON.readValue(json, FeatureManifest.class);
    assertThatThrownBy(read::definition)
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("excluded_columns");
  }
}
