package fr.pretadepenser.scoring.model.fairness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Approval rate, default rate, true and false positive rates and disparate impact by gender, age
 * band and family status, with the four-fifths rule flagged: the one computation behind the
 * training report's fairness (out-of-fold decisions at the model's threshold) and the monitor's.
 *
 * <pre>{@code
 * List<FairnessGroup> groups = FairnessTable.of(rows);        // rows: List<FairnessRow>
 * FairnessTable.Counts live = FairnessTable.counts();         // or incrementally
 * live.add(row); ... live.groups();
 * }</pre>
 *
 * <p>Groups come attribute by attribute (gender, age_band, family_status); within one, in order of
 * value (age bands youngest first), {@value #UNKNOWN} last; a group without decisions is left out.
 * Disparate impact compares a group's approval rate with the highest of its attribute's groups,
 * small groups included: a group of a handful of applicants is noisy, which its {@code decisions}
 * count shows.
 */
public final class FairnessTable {

  public static final String GENDER = "gender";
  public static final String AGE_BAND = "age_band";
  public static final String FAMILY_STATUS = "family_status";
  public static final List<String> ATTRIBUTES = List.of(GENDER, AGE_BAND, FAMILY_STATUS);

  /** Age bands in whole years at the application; an age below 26 counts in the first. */
  public static final List<String> AGE_BANDS = List.of("18-25", "26-35", "36-45", "46-55", "56+");

  /** The group of a missing value. */
  public static final String UNKNOWN = "unknown";

  /** The group of values beyond {@link #MAX_GROUPS} distinct ones in one attribute. */
  public static final String OTHER = "other";

  /** The four-fifths rule: a disparate impact below this is flagged. */
  public static final double FOUR_FIFTHS = 0.8;

  /**
   * Distinct values kept per attribute (besides {@value #UNKNOWN} and {@value #OTHER}): Kaggle has
   * 3 genders and 6 family statuses; live input is validated, but a bound keeps an unexpected
   * stream of values from growing the table.
   */
  public static final int MAX_GROUPS = 32;

  private static final double DAYS_PER_YEAR = 365.25;

  private FairnessTable() {}

  /** The groups of these decisions. */
  public static List<FairnessGroup> of(Iterable<FairnessRow> rows) {
    Counts counts = counts();
    for (FairnessRow row : rows) {
      counts.add(row);
    }
    return counts.groups();
  }

  /** An empty, incremental table. */
  public static Counts counts() {
    return new Counts();
  }

  /**
   * Age in whole years at the application from Kaggle's DAYS_BIRTH (days before the application,
   * negative): {@code floor(-daysBirth / 365.25)}; null when missing, not finite or not negative.
   */
  public static Integer ageYears(Double daysBirth) {
    if (daysBirth == null || !Double.isFinite(daysBirth) || daysBirth >= 0) {
      return null;
    }
    return (int) Math.floor(-daysBirth / DAYS_PER_YEAR);
  }

  /** The age band of an age in whole years, {@value #UNKNOWN} for null. */
  public static String ageBand(Integer years) {
    if (years == null) {
      return UNKNOWN;
    }
    if (years <= 25) {
      return AGE_BANDS.get(0);
    }
    if (years <= 35) {
      return AGE_BANDS.get(1);
    }
    if (years <= 45) {
      return AGE_BANDS.get(2);
    }
    if (years <= 55) {
      return AGE_BANDS.get(3);
    }
    return AGE_BANDS.get(4);
  }

  /** Counts per group, added to decision by decision. Not thread-safe. */
  public static final class Counts {

    private final Map<String, Map<String, long[]>> byAttribute = new LinkedHashMap<>();

    // Slots of a group's counters.
    private static final int DECISIONS = 0;
    private static final int GRANTED = 1;
    private static final int KNOWN = 2;
    private static final int DEFAULTS = 3;
    private static final int REFUSED_DEFAULTS = 4;
    private static final int REFUSED_REPAID = 5;

    private Counts() {
      for (String attribute : ATTRIBUTES) {
        byAttribute.put(attribute, new TreeMap<>(order(attribute)));
      }
    }

    /** Counts one decision in its group of every attribute. */
    public Counts add(FairnessRow row) {
      count(GENDER, value(row.gender()), row);
      count(AGE_BAND, ageBand(row.ageYears()), row);
      count(FAMILY_STATUS, value(row.familyStatus()), row);
      return this;
    }

    /** The figures of every group with at least one decision. */
    public List<FairnessGroup> groups() {
      List<FairnessGroup> out = new ArrayList<>();
      for (Map.Entry<String, Map<String, long[]>> a : byAttribute.entrySet()) {
        double best = 0;
        for (long[] c : a.getValue().values()) {
          best = Math.max(best, (double) c[GRANTED] / c[DECISIONS]);
        }
        for (Map.Entry<String, long[]> g : a.getValue().entrySet()) {
          long[] c = g.getValue();
          double approval = (double) c[GRANTED] / c[DECISIONS];
          long repaid = c[KNOWN] - c[DEFAULTS];
          Double impact = best > 0 ? approval / best : null;
          out.add(
              new FairnessGroup(
                  a.getKey(),
                  g.getKey(),
                  c[DECISIONS],
                  approval,
                  c[KNOWN],
                  ratio(c[DEFAULTS], c[KNOWN]),
                  ratio(c[REFUSED_DEFAULTS], c[DEFAULTS]),
                  ratio(c[REFUSED_REPAID], repaid),
                  impact,
                  impact != null && impact < FOUR_FIFTHS));
        }
      }
      return out;
    }

    private void count(String attribute, String group, FairnessRow row) {
      Map<String, long[]> groups = byAttribute.get(attribute);
      long[] c = groups.get(group);
      if (c == null) {
        if (groups.size() >= MAX_GROUPS && !UNKNOWN.equals(group)) {
          group = OTHER;
        }
        c = groups.computeIfAbsent(group, k -> new long[6]);
      }
      c[DECISIONS]++;
      if (row.granted()) {
        c[GRANTED]++;
      }
      if (row.defaulted() != null) {
        c[KNOWN]++;
        if (row.defaulted()) {
          c[DEFAULTS]++;
          if (!row.granted()) {
            c[REFUSED_DEFAULTS]++;
          }
        } else if (!row.granted()) {
          c[REFUSED_REPAID]++;
        }
      }
    }
  }

  private static String value(String raw) {
    return raw == null || raw.isBlank() ? UNKNOWN : raw;
  }

  private static Double ratio(long numerator, long denominator) {
    return denominator == 0 ? null : (double) numerator / denominator;
  }

  /** Values in natural order (age bands by age), the catch-all groups last. */
  private static Comparator<String> order(String attribute) {
    Comparator<String> values =
        attribute.equals(AGE_BAND)
            ? Comparator.comparingInt(AGE_BANDS::indexOf)
            : Comparator.naturalOrder();
    return Comparator.<String>comparingInt(v -> v.equals(UNKNOWN) ? 2 : v.equals(OTHER) ? 1 : 0)
        .thenComparing(values);
  }
}
