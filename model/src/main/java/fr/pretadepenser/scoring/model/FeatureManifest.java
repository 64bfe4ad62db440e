package fr.pretadepenser.scoring.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import fr.pretadepenser.scoring.features.CategoryVocabulary;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.features.FeatureExclusion;
import fr.pretadepenser.scoring.features.FeatureInfo;
import java.util.List;

/**
 * features.json: the model's ordered features with their plain-word descriptions, the categorical
 * vocabulary they were built with and the source columns the model may not read, so that a reader
 * rebuilds exactly the same {@link FeatureDefinition}. Each feature is written as name, family and
 * description, as it always was: its structure (source table, column, aggregation...) is the
 * definition's, rebuilt from the vocabulary, not a second copy in the file.
 *
 * <p>{@link #definition()} is the one place a definition is built from a bundle: {@link
 * ModelBundle#load} calls it, and the scorer, the explainer, the dashboard and the monitor all take
 * the bundle's definition from there.
 *
 * @param excludedColumns the {@link FeatureExclusion} decided at training (protected and
 *     non-actionable columns together); absent from bundles written before exclusions existed,
 *     which are read as excluding nothing
 */
public record FeatureManifest(
    @JsonIgnoreProperties({"table", "column", "level", "aggregation", "rows", "dummy"})
        List<FeatureInfo> features,
    CategoryVocabulary vocabulary,
    @JsonProperty("excluded_columns") List<String> excludedColumns) {

  public FeatureManifest {
    features = List.copyOf(features);
    excludedColumns = excludedColumns == null ? List.of() : List.copyOf(excludedColumns);
  }

  /** A manifest without exclusion (as bundles were before exclusions existed). */
  public FeatureManifest(List<FeatureInfo> features, CategoryVocabulary vocabulary) {
    this(features, vocabulary, List.of());
  }

  public static FeatureManifest of(FeatureDefinition definition) {
    return new FeatureManifest(
        definition.features(), definition.vocabulary(), definition.exclusion().columns());
  }

  public List<String> names() {
    return features.stream().map(FeatureInfo::name).toList();
  }

  /** The exclusion saved in the bundle; {@link FeatureExclusion#NONE} for an older bundle. */
  public FeatureExclusion exclusion() {
    return new FeatureExclusion(excludedColumns);
  }

  /**
   * The feature definition of this bundle: its vocabulary and its exclusion.
   *
   * @throws BundleException when the saved exclusion is not a valid list of columns
   */
  public FeatureDefinition definition() {
    FeatureExclusion exclusion;
    try {
      exclusion = exclusion();
    } catch (IllegalArgumentException e) {
      throw new BundleException("features.json: excluded_columns: " + e.getMessage(), e);
    }
    return new FeatureDefinition(vocabulary, exclusion);
  }
}
