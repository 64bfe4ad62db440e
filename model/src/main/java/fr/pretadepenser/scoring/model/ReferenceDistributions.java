package fr.pretadepenser.scoring.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * reference.json: how each feature and the out-of-fold score were distributed in the training
 * population, for drift monitoring (population stability over the decile bins) and for comparing
 * one client with the others (quantiles).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReferenceDistributions(
    int population, List<Distribution> features, Distribution score) {

  /**
   * One variable's distribution over the training rows.
   *
   * @param mean null when every row is missing (as are std, min and max)
   * @param quantileLevels the levels of {@code quantiles} (e.g. 0.01 … 0.99)
   * @param binEdges ascending upper edges of the bins (the last bin is open above); a value v falls
   *     in the first bin whose edge is ≥ v
   * @param binFractions share of the non-missing rows in each bin ({@code binEdges.size() + 1}
   *     entries)
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Distribution(
      String name,
      long count,
      long missing,
      Double mean,
      Double std,
      Double min,
      Double max,
      List<Double> quantileLevels,
      List<Double> quantiles,
      List<Double> binEdges,
      List<Double> binFractions) {}
}
