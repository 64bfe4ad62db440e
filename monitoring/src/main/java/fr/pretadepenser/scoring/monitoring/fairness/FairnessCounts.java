package fr.pretadepenser.scoring.monitoring.fairness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of decisions and outcomes by group, and the fairness figures they give. Positive class =
 * default: the true positive rate is the share refused among the group's defaulters, the false
 * positive rate the share refused among those who repaid.
 *
 * <p>The disparate-impact ratio is a group's approval rate over the highest approval rate among the
 * attribute's groups that hold at least {@code minDecisions} decisions (all groups when none does):
 * a group of three applicants who were all granted would otherwise set the bar and flag every other
 * group. The four-fifths rule flags a ratio below {@link #FOUR_FIFTHS}.
 *
 * <p>A flag is what the rule says on the figures; whether it is more than chance is {@link
 * Rates#clearlyBelow}: the group holds at least {@code minDecisions} decisions and the one-sided
 * 95% upper bound of {@code p_group - 0.8 p_best} (normal approximation, the two rates' variances
 * added) is below zero. The monitor alerts on that, not on the flag alone.
 *
 * <p>Not thread-safe; a new instance per computation.
 */
public final class FairnessCounts {

  /** The four-fifths rule: a ratio below it is flagged. */
  public static final double FOUR_FIFTHS = 0.8;

  /** The standard normal's 95th percentile (one-sided 95% bound). */
  static final double Z_95 = 1.6448536269514722;

  /**
   * One group's figures. Rates are null when their denominator is zero.
   *
   * @param reference the group whose approval rate is the ratio's denominator
   * @param clearlyBelow flagged, with enough decisions, and below four fifths beyond chance
   */
  public record Rates(
      String attribute,
      String group,
      long decisions,
      long granted,
      Double approvalRate,
      long outcomesKnown,
      Double defaultRate,
      Double truePositiveRate,
      Double falsePositiveRate,
      Double disparateImpact,
      boolean fourFifthsFlag,
      String reference,
      boolean clearlyBelow) {}

  private static final class Tally {
    long decisions;
    long granted;
    long defaulters;
    long refusedDefaulters;
    long repayers;
    long refusedRepayers;

    double approval() {
      return (double) granted / decisions;
    }
  }

  private final Map<String, Map<String, Tally>> byAttribute = new LinkedHashMap<>();

  /**
   * Counts one decision of {@code group} for {@code attribute}; {@code defaulted} is null while its
   * outcome is unknown.
   */
  public void add(String attribute, String group, boolean refused, Boolean defaulted) {
    Tally t =
        byAttribute
            .computeIfAbsent(attribute, a -> new TreeMap<>())
            .computeIfAbsent(group, g -> new Tally());
    t.decisions++;
    if (!refused) {
      t.granted++;
    }
    if (defaulted != null) {
      if (defaulted) {
        t.defaulters++;
        if (refused) {
          t.refusedDefaulters++;
        }
      } else {
        t.repayers++;
        if (refused) {
          t.refusedRepayers++;
        }
      }
    }
  }

  /** Each attribute's groups (in the order attributes were first added, groups by name). */
  public List<Rates> rates(long minDecisions) {
    List<Rates> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, Tally>> a : byAttribute.entrySet()) {
      String best = best(a.getValue(), minDecisions);
      Tally ref = best == null ? null : a.getValue().get(best);
      for (Map.Entry<String, Tally> g : a.getValue().entrySet()) {
        Tally t = g.getValue();
        Double approval = ratio(t.granted, t.decisions);
        Double impact =
            ref == null || approval == null || ref.granted == 0 ? null : approval / ref.approval();
        boolean flag = impact != null && impact < FOUR_FIFTHS;
        out.add(
            new Rates(
                a.getKey(),
                g.getKey(),
                t.decisions,
                t.granted,
                approval,
                t.defaulters + t.repayers,
                ratio(t.defaulters, t.defaulters + t.repayers),
                ratio(t.refusedDefaulters, t.defaulters),
                ratio(t.refusedRepayers, t.repayers),
                impact,
                flag,
                best,
                flag && t.decisions >= minDecisions && clearlyBelow(t, ref)));
      }
    }
    return out;
  }

  /** The group with the highest approval rate among those with enough decisions (else all). */
  private static String best(Map<String, Tally> groups, long minDecisions) {
    String best = null;
    for (boolean enough : new boolean[] {true, false}) {
      double top = -1;
      for (Map.Entry<String, Tally> g : groups.entrySet()) {
        Tally t = g.getValue();
        if (t.decisions > 0 && (!enough || t.decisions >= minDecisions) && t.approval() > top) {
          top = t.approval();
          best = g.getKey();
        }
      }
      if (best != null) {
        return best;
      }
    }
    return null;
  }

  /**
   * Whether {@code p_g - 0.8 p_ref} stays below zero at its one-sided 95% upper bound: the gap is
   * larger than the two rates' sampling noise, so the flag is not chance.
   */
  static boolean clearlyBelow(Tally g, Tally ref) {
    double pg = g.approval();
    double pr = ref.approval();
    double variance =
        pg * (1 - pg) / g.decisions + FOUR_FIFTHS * FOUR_FIFTHS * pr * (1 - pr) / ref.decisions;
    return pg - FOUR_FIFTHS * pr + Z_95 * Math.sqrt(variance) < 0;
  }

  private static Double ratio(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
