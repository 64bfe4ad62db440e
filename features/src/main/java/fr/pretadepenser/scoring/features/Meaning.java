package fr.pretadepenser.scoring.features;

/** What one column of a client's frame holds, so its aggregates can be described in words. */
sealed interface Meaning {

  /** A measured quantity, e.g. "current credit amount". */
  record Quantity(String phrase) implements Meaning {}

  /**
   * A 0/1 dummy: {@code columnPhrase} is {@code level} (already glossed; "missing" for {@code
   * _nan}).
   */
  record Indicator(String columnPhrase, String level) implements Meaning {}
}
