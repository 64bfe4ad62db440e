package fr.pretadepenser.scoring.dashboard.decisions;

import fr.pretadepenser.scoring.schemas.Violation;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which decisions the Live list and the live stream show: by decision, by risk band and by human
 * review; an empty set lets every value through. The list's paging ({@link DashboardView#page}) and
 * the stream apply the same filter, so a browser that filters the list gets only the events that
 * belong in it.
 *
 * @param decisions GRANTED, REFUSED, REVIEW (the scorer's decision)
 * @param bands where the probability of default lies against the decision's own threshold
 * @param reviews whether a person has decided or must decide it
 */
public record DecisionFilter(Set<String> decisions, Set<RiskBand> bands, Set<Review> reviews) {

  /** The longest list parameter read: every value of the longest list, and commas. */
  private static final int MAX_PARAMETER = 64;

  /** Every decision. */
  public static final DecisionFilter ALL = new DecisionFilter(Set.of(), Set.of(), Set.of());

  /** The scorer's decisions a filter may name (Decision.avsc's DecisionOutcome). */
  public static final List<String> DECISIONS = List.of("GRANTED", "REFUSED", "REVIEW");

  /**
   * The probability of default against the threshold the decision was made at, in halves and
   * doubles of it: the threshold is where refusing starts to cost less than granting, so "twice the
   * threshold" reads the same for every model version and threshold, where fixed percentages would
   * not. LOW: below half the threshold; MODERATE: from half of it to it; HIGH: from it to twice it;
   * VERY_HIGH: twice it and more.
   */
  public enum RiskBand {
    LOW,
    MODERATE,
    HIGH,
    VERY_HIGH;

    /** The band of {@code probability} for a decision made at {@code threshold}. */
    public static RiskBand of(double probability, double threshold) {
      if (probability < threshold / 2) {
        return LOW;
      }
      if (probability < threshold) {
        return MODERATE;
      }
      return probability < threshold * 2 ? HIGH : VERY_HIGH;
    }
  }

  /**
   * Human review: PENDING, a REVIEW decision no person has decided yet; HUMAN, one a person decided
   * or overrode (the oversight trail, {@link HumanDecisions}); AUTOMATIC, the scorer's decision
   * that no person touched.
   */
  public enum Review {
    PENDING,
    HUMAN,
    AUTOMATIC
  }

  public DecisionFilter {
    decisions = Set.copyOf(decisions);
    bands = bands.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(bands));
    reviews = reviews.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(reviews));
  }

  /** Whether a decision passes. */
  public boolean test(
      String applicationId,
      String decision,
      double probability,
      double threshold,
      HumanDecisions human) {
    if (!decisions.isEmpty() && !decisions.contains(decision)) {
      return false;
    }
    if (!bands.isEmpty() && !bands.contains(RiskBand.of(probability, threshold))) {
      return false;
    }
    if (reviews.isEmpty()) {
      return true;
    }
    Review review;
    if (human.decided(applicationId)) {
      review = Review.HUMAN;
    } else {
      review = "REVIEW".equals(decision) ? Review.PENDING : Review.AUTOMATIC;
    }
    return reviews.contains(review);
  }

  /** Whether a decision of the live stream passes. */
  public boolean test(DecisionSummary d, HumanDecisions human) {
    return test(d.applicationId(), d.decision(), d.probability(), d.threshold(), human);
  }

  /** Whether a kept decision passes. */
  public boolean test(DecisionRecord d, HumanDecisions human) {
    return test(d.applicationId(), d.decision(), d.probability(), d.threshold(), human);
  }

  /** Whether it lets every decision through. */
  public boolean all() {
    return decisions.isEmpty() && bands.isEmpty() && reviews.isEmpty();
  }

  /**
   * The filter of the query parameters {@code decision}, {@code band} and {@code review}, each
   * absent (every value) or a comma-separated list of values in any case (GRANTED,REVIEW;
   * low,very_high; pending). A bad value is added to {@code errors} naming its parameter.
   */
  public static DecisionFilter parse(
      String decision, String band, String review, List<Violation> errors) {
    Set<String> d = new LinkedHashSet<>();
    for (String v : values("decision", decision, DECISIONS, errors)) {
      d.add(v);
    }
    Set<RiskBand> b = EnumSet.noneOf(RiskBand.class);
    for (String v : values("band", band, names(RiskBand.values()), errors)) {
      b.add(RiskBand.valueOf(v));
    }
    Set<Review> r = EnumSet.noneOf(Review.class);
    for (String v : values("review", review, names(Review.values()), errors)) {
      r.add(Review.valueOf(v));
    }
    return new DecisionFilter(d, b, r);
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }

  /**
   * The values of a list parameter, upper case, each one of {@code allowed}; none (and a violation
   * naming {@code name} and the allowed values) when one is not, or the list is longer than any
   * list of allowed values can be.
   */
  private static List<String> values(
      String name, String raw, List<String> allowed, List<Violation> errors) {
    if (raw == null || raw.isBlank()) {
      return List.of();
    }
    List<String> out =
        raw.length() > MAX_PARAMETER
            ? List.of()
            : Arrays.stream(raw.split(",")).map(s -> s.trim().toUpperCase(Locale.ROOT)).toList();
    if (out.isEmpty() || !allowed.containsAll(out)) {
      errors.add(
          new Violation(
              name,
              "must be one or more of "
                  + String.join(
                      ", ", allowed.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList())
                  + ", separated by commas"));
      return List.of();
    }
    return out;
  }
}
