package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.features.CategoryVocabulary;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.features.FeatureInfo;
import java.util.List;

/**
 * features.json: the model's ordered features with their plain-word descriptions, and the
 * categorical vocabulary they were built with, so that a reader rebuilds exactly the same {@link
 * FeatureDefinition}.
 */
public record FeatureManifest(List<FeatureInfo> features, CategoryVocabulary vocabulary) {

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
