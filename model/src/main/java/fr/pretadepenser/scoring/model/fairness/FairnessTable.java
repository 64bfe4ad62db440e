package fr.pretadepenser.scoring.model.fairness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * List<FairnessGroup> groups = FairnessTable.of(rows, FairnessTable.MIN_REFERENCE_DECISIONS);
 * FairnessTable.Counts live = FairnessTable.counts();         // or incrementally
 * live.add(row); ... live.groups(minReferenceDecisions);
 * }</pre>
 *
 * <p>Groups come attribute by attribute (gender, age_band, family_status); within one, in order of
 * value (age bands youngest first), {@value #OTHER} then {@value #UNKNOWN} last; a group without
 * decisions is left out.
 *
 * <p>Disparate impact is a group's approval rate over the reference's: the highest approval rate
 * among the attribute's groups that hold at least {@code minReferenceDecisions} decisions, or among
 * all its groups when none is that large. The caller chooses the minimum (training passes {@link
 * #MIN_REFERENCE_DECISIONS}, the monitor its {@code --fairness-min-decisions}): without one, a
 * group of three applicants who were all granted would set the bar and flag every other group.
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
   * Distinct values kept per attribute (besides {@value #UNKNOWN} and {@value #OTHER}), later ones
   * counting as {@value #OTHER}: Kaggle has 3 genders and 6 family statuses, so 16 leaves room for
   * new codes while a sender of free-form values cannot grow the table (nor the monitor's snapshot)
   * without bound. The table and {@link Names} apply the same bound.
   */
  public static final int MAX_GROUPS = 16;

  /** Longest group value kept; a longer one is cut (a code, not a text). */
  public static final int MAX_VALUE_LENGTH = 48;

  /**
   * Decisions a group needs to be the disparate-impact reference, training's choice: the same 100
   * as the monitor's default {@code --fairness-min-decisions}, so that the model card and the live
   * monitor compare groups alike. Over Kaggle's 307,511 out-of-fold decisions only a handful-sized
   * group (family status "Unknown": 2 applicants) falls below it, and an approval rate over 100
   * decisions has a standard error of at most 5 points, small enough to be a bar for others.
   */
  public static final int MIN_REFERENCE_DECISIONS = 100;

  private static final double DAYS_PER_YEAR = 365.25;

  private FairnessTable() {}

  /**
   * The groups of these decisions, the disparate-impact reference taken among groups of at least
   * {@code minReferenceDecisions} decisions (all groups when none has that many).
   */
  public static List<FairnessGroup> of(Iterable<FairnessRow> rows, long minReferenceDecisions) {
    Counts counts = counts();
    for (FairnessRow row : rows) {
      counts.add(row);
    }
    return counts.groups(minReferenceDecisions);
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

    /**
     * The figures of every group with at least one decision, disparate impact against {@link
     * #reference}.
     */
    public List<FairnessGroup> groups(long minReferenceDecisions) {
      List<FairnessGroup> out = new ArrayList<>();
      for (Map.Entry<String, Map<String, long[]>> a : byAttribute.entrySet()) {
        String reference = reference(a.getKey(), minReferenceDecisions);
        double best = reference == null ? 0 : approval(a.getValue().get(reference));
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

    /**
     * The group of {@code attribute} whose approval rate is the others' reference: the highest
     * among groups of at least {@code minDecisions} decisions, among all groups when none has that
     * many; the first in order on a tie; null when the attribute has no decision.
     */
    public String reference(String attribute, long minDecisions) {
      Map<String, long[]> groups = byAttribute.get(attribute);
      if (groups == null) {
        throw new IllegalArgumentException("no such attribute: " + attribute);
      }
      for (boolean enough : new boolean[] {true, false}) {
        String best = null;
        double top = -1;
        for (Map.Entry<String, long[]> g : groups.entrySet()) {
          long[] c = g.getValue();
          if ((!enough || c[DECISIONS] >= minDecisions) && approval(c) > top) {
            top = approval(c);
            best = g.getKey();
          }
        }
        if (best != null) {
          return best;
        }
      }
      return null;
    }

    private static double approval(long[] c) {
      return (double) c[GRANTED] / c[DECISIONS];
    }

    private void count(String attribute, String group, FairnessRow row) {
      Map<String, long[]> groups = byAttribute.get(attribute);
      long[] c = groups.get(group);
      if (c == null) {
        if (!catchAll(group) && values(groups) >= MAX_GROUPS) {
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

  /**
   * Canonical group values for those who keep many applicants' groups (the monitor keeps up to
   * 200,000): one string per distinct value rather than one per applicant, and past {@link
   * #MAX_GROUPS} distinct values of an attribute, {@value #OTHER}, the same rule as {@link Counts}.
   * Not thread-safe.
   */
  public static final class Names {

    private final Map<String, String> genders = new HashMap<>();
    private final Map<String, String> statuses = new HashMap<>();

    /** The applicant's groups with canonical values ({@code ageYears} as {@link #ageYears}). */
    public Applicant of(CharSequence gender, Integer ageYears, CharSequence familyStatus) {
      return new Applicant(name(genders, gender), ageYears, name(statuses, familyStatus));
    }

    private static String name(Map<String, String> known, CharSequence raw) {
      String v = value(raw == null ? null : raw.toString());
      if (catchAll(v)) {
        return v;
      }
      String canonical = known.get(v);
      if (canonical != null) {
        return canonical;
      }
      if (known.size() >= MAX_GROUPS) {
        return OTHER;
      }
      known.put(v, v);
      return v;
    }
  }

  /** A value as a group: stripped, cut to {@link #MAX_VALUE_LENGTH}; missing or blank: unknown. */
  static String value(String raw) {
    String v = raw == null ? "" : raw.strip();
    if (v.isEmpty()) {
      return UNKNOWN;
    }
    return v.length() > MAX_VALUE_LENGTH ? v.substring(0, MAX_VALUE_LENGTH) : v;
  }

  private static boolean catchAll(String group) {
    return UNKNOWN.equals(group) || OTHER.equals(group);
  }

  /** Distinct values among the groups, the catch-all ones aside. */
  private static int values(Map<String, long[]> groups) {
    int n = groups.size();
    for (String g : new String[] {UNKNOWN, OTHER}) {
      if (groups.containsKey(g)) {
        n--;
      }
    }
    return n;
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
