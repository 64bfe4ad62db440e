package fr.pretadepenser.scoring.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import fr.pretadepenser.scoring.features.CategoryVocabulary;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.features.FeatureInfo;
import java.util.List;

/**
 * features.json: the model's ordered features with their plain-word descriptions, and the
 * categorical vocabulary they were built with, so that a reader rebuilds exactly the same {@link
 * FeatureDefinition}. Each feature is written as name, family and description, as it always was:
 * its structure (source table, column, aggregation...) is the definition's, rebuilt from the
 * vocabulary, not a second copy in the file.
 */
public record FeatureManifest(
    @JsonIgnoreProperties({"table", "column", "level", "aggregation", "rows", "dummy"})
        List<FeatureInfo> features,
    CategoryVocabulary vocabulary) {

  public FeatureManifest {
    features = List.copyOf(features);
  }

  public static FeatureManifest of(FeatureDefinition definition) {
    return new FeatureManifest(definition.features(), definition.vocabulary());
  }

  public List<String> names() {
    return features.stream().map(FeatureInfo::name).toList();
  }

  public FeatureDefinition definition() {
    return new FeatureDefinition(vocabulary);
  }
}
