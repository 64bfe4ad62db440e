package fr.pretadepenser.scoring.monitoring.fairness;

import fr.pretadepenser.scoring.events.LoanApplication;
import java.util.HashMap;
import java.util.Map;

/**
 * The groups one application belongs to, read from the application itself (not from the decision's
 * feature vector: the model no longer uses gender or family status, so the vector does not hold
 * them).
 *
 * @param gender {@code CODE_GENDER} as the application gives it (F, M, XNA)
 * @param ageBand one of {@link #AGE_BANDS}, from {@code DAYS_BIRTH}
 * @param familyStatus {@code NAME_FAMILY_STATUS} as the application gives it (Married, Single / not
 *     married, ...)
 */
public record ProtectedGroups(String gender, String ageBand, String familyStatus) {

  /** The attributes, as {@code FairnessGroup.attribute} names them. */
  public static final String GENDER = "gender";

  public static final String AGE_BAND = "age_band";
  public static final String FAMILY_STATUS = "family_status";

  /** The age bands, youngest first (the lowest takes anyone younger than 26). */
  public static final String[] AGE_BANDS = {"18-25", "26-35", "36-45", "46-55", "56+"};

  /** A value past {@link Names#MAX_VALUES} distinct ones, or blank. */
  public static final String OTHER = "other";

  /** Longest group name kept; a longer value is cut (a code, not a text). */
  static final int MAX_LENGTH = 48;

  /** Kaggle's DAYS_BIRTH counts days before the application; a year is 365.25 days. */
  static final double DAYS_PER_YEAR = 365.25;

  /** Age in whole years at the application, from {@code DAYS_BIRTH} (negative: days before it). */
  public static int age(int daysBirth) {
    return (int) Math.floor(-daysBirth / DAYS_PER_YEAR);
  }

  /** The band of an age in whole years. */
  public static String ageBand(int age) {
    if (age <= 25) {
      return AGE_BANDS[0];
    }
    if (age <= 35) {
      return AGE_BANDS[1];
    }
    if (age <= 45) {
      return AGE_BANDS[2];
    }
    if (age <= 55) {
      return AGE_BANDS[3];
    }
    return AGE_BANDS[4];
  }

  /**
   * The group of {@code attribute} ({@link #GENDER}, {@link #AGE_BAND}, {@link #FAMILY_STATUS}).
   */
  public String of(String attribute) {
    return switch (attribute) {
      case GENDER -> gender;
      case AGE_BAND -> ageBand;
      case FAMILY_STATUS -> familyStatus;
      default -> throw new IllegalArgumentException("no such attribute: " + attribute);
    };
  }

  /**
   * Canonical group names, so that the monitor holds one string per group rather than one per
   * application it keeps (200,000 of them), and a bounded number of groups: an attribute's values
   * past the first {@link #MAX_VALUES} distinct ones count as {@link ProtectedGroups#OTHER}, so a
   * sender of free-form values cannot grow the snapshot without bound. Not thread-safe (the
   * monitor's poll loop owns it).
   */
  public static final class Names {

    /** Distinct values kept per attribute: Kaggle has 3 genders and 6 family statuses. */
    public static final int MAX_VALUES = 16;

    private final Map<String, String> genders = new HashMap<>();
    private final Map<String, String> statuses = new HashMap<>();

    /** The groups of {@code a}, with canonical names. */
    public ProtectedGroups of(LoanApplication a) {
      return new ProtectedGroups(
          name(genders, a.getCODEGENDER()),
          ageBand(age(a.getDAYSBIRTH())),
          name(statuses, a.getNAMEFAMILYSTATUS()));
    }

    private static String name(Map<String, String> known, CharSequence raw) {
      String v = raw == null ? "" : raw.toString().strip();
      if (v.isEmpty()) {
        return OTHER;
      }
      if (v.length() > MAX_LENGTH) {
        v = v.substring(0, MAX_LENGTH);
      }
      String canonical = known.get(v);
      if (canonical != null) {
        return canonical;
      }
      if (known.size() >= MAX_VALUES) {
        return OTHER;
      }
      known.put(v, v);
      return v;
    }
  }
}
