package fr.pretadepenser.scoring.model;

import java.util.List;
import java.util.Map;

/**
 * What a model says of itself: the version stamped on every decision, the decision threshold and
 * the ordered feature names it expects, plus free-form provenance (training data hash, parameters,
 * code version).
 */
public record ModelMetadata(
    String modelVersion,
    double threshold,
    List<String> featureNames,
    Map<String, String> provenance) {

  public ModelMetadata {
    featureNames = List.copyOf(featureNames);
    provenance = Map.copyOf(provenance);
  }
}
