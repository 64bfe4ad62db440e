package fr.pretadepenser.scoring.model;

/**
 * A band of probabilities of default that an advisor decides ({@link DecisionRule#outcome}): {@code
 * low ≤ p < high} is REVIEW. Both edges are probabilities and {@code low < high}; whether the band
 * contains a model's threshold is checked where the two meet ({@link #requireContains}).
 */
public record ReviewBand(double low, double high) {

  public ReviewBand {
    if (!(low >= 0 && high <= 1 && low < high)) {
      throw new IllegalArgumentException(
          "a review band is two probabilities LOW < HIGH in [0, 1], got " + low + "," + high);
    }
  }

  /** Whether the threshold lies in the band ({@code low ≤ threshold ≤ high}). */
  public boolean contains(double threshold) {
    return low <= threshold && threshold <= high;
  }

  /**
   * This band, checked against the threshold of the model it is applied to.
   *
   * @throws IllegalArgumentException naming both when the threshold is outside the band
   */
  public ReviewBand requireContains(double threshold) {
    if (!contains(threshold)) {
      throw new IllegalArgumentException(
          "the review band "
              + low
              + ","
              + high
              + " does not contain the model's threshold "
              + threshold
              + ": a band beside the threshold would grant applicants the threshold refuses");
    }
    return this;
  }

  /**
   * {@code LOW,HIGH} as given on a command line.
   *
   * @throws IllegalArgumentException saying what is expected
   */
  public static ReviewBand parse(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "expected LOW,HIGH (two probabilities, e.g. 0.08,0.14), got \"" + text + "\"");
    }
    try {
      return new ReviewBand(
          Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected LOW,HIGH (two probabilities, e.g. 0.08,0.14), got \"" + text + "\"");
    }
  }
}
