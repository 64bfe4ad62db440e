package fr.pretadepenser.scoring.explain;

import fr.pretadepenser.scoring.features.FeatureWords;
import fr.pretadepenser.scoring.features.FeatureWords.Unit;
import fr.pretadepenser.scoring.features.ReasonFamily;
import java.util.List;
import java.util.Locale;

/**
 * Reasons an advisor can read to a client, in English or French ("External score 3 is low (0.12,
 * typical 0.51): raises risk"), built on the feature words of the features module ({@link
 * FeatureWords}: labels, descriptions and values in human units, composed from each feature's
 * structure). This class adds what only an explanation needs: whether the client's value is high or
 * low against the typical one, and whether it raises or lowers the risk.
 *
 * <p>Immutable and thread-safe.
 */
public final class FeatureDescriptions {

  private static final FeatureDescriptions ENGLISH =
      new FeatureDescriptions(FeatureWords.english());
  private static final FeatureDescriptions FRENCH = new FeatureDescriptions(FeatureWords.french());

  /** How many of a family's values its sentence reads out. */
  public static final int VALUES_IN_TEXT = 2;

  private final FeatureWords words;
  private final boolean en;

  private FeatureDescriptions(FeatureWords words) {
    this.words = words;
    this.en = words.language().equals("en");
  }

  public static FeatureDescriptions english() {
    return ENGLISH;
  }

  public static FeatureDescriptions french() {
    return FRENCH;
  }

  /** French for a French locale, English otherwise. */
  public static FeatureDescriptions forLocale(Locale locale) {
    return "fr".equals(locale.getLanguage()) ? FRENCH : ENGLISH;
  }

  /** The locale numbers are written in (en-GB or fr-FR). */
  public Locale locale() {
    return words.locale();
  }

  /** The feature words these reasons are made of. */
  public FeatureWords words() {
    return words;
  }

  /** A short name for the feature, e.g. "External score 3" or "Average amount paid, past …". */
  public String label(String feature) {
    return words.label(feature);
  }

  /** What the feature means, in one plain sentence. */
  public String describe(String feature) {
    return words.describe(feature);
  }

  /** The value in human units ("43 years", "12,500", "8.1%", "yes"); NaN is "unknown". */
  public String formatValue(String feature, double value) {
    return words.formatValue(feature, value);
  }

  /** A reason family's short label in this language ("External credit scores"). */
  public String familyLabel(ReasonFamily family) {
    return words.familyLabel(family);
  }

  /**
   * A family's reason as a sentence, with the client's values that drive it: "Your scores from
   * external credit agencies raise the estimated risk — External score 2: 0.21 (typical 0.57);
   * External score 3: 0.35 (typical 0.53)". At most {@value #VALUES_IN_TEXT} values are read out:
   * the sentence stays one a client can follow; every driver is on the reason itself.
   *
   * @param raisesRisk whether the family's summed contribution raises the risk
   * @param drivers the family's driving features, largest first
   */
  public String familyReason(
      ReasonFamily family, boolean raisesRisk, List<Explanation.ReasonFeature> drivers) {
    StringBuilder s = new StringBuilder(words.familySentence(family, raisesRisk));
    for (int i = 0; i < Math.min(VALUES_IN_TEXT, drivers.size()); i++) {
      s.append(i == 0 ? " \u2014 " : en ? "; " : " ; ").append(valueText(drivers.get(i)));
    }
    return s.toString();
  }

  /** A driver with its value in units: "External score 2: 0.21 (typical 0.57)". */
  public String valueText(Explanation.ReasonFeature driver) {
    return words.label(driver.feature())
        + (en ? ": " : " : ")
        + words.valueWithTypical(driver.feature(), driver.value(), driver.typicalValue());
  }

  /**
   * One reason as a sentence: the feature, whether the client's value is high or low against the
   * typical (median) one, both values, and whether it raises or lowers the risk.
   *
   * @param value the client's raw value (NaN when missing)
   * @param typical the population's median raw value, or null when unknown
   * @param contribution the SHAP contribution to the log-odds of default
   */
  public String reason(String feature, double value, Double typical, double contribution) {
    Unit unit = words.unit(feature);
    String effect =
        contribution > 0
            ? (en ? "raises risk" : "augmente le risque")
            : (en ? "lowers risk" : "diminue le risque");
    String shown = words.format(unit, value);
    String typicalText = typical == null ? null : words.format(unit, typical);
    StringBuilder s = new StringBuilder(words.label(feature));
    if (Double.isNaN(value)) {
      s.append(en ? " is unknown" : " : valeur inconnue");
      if (typicalText != null) {
        s.append(en ? " (typical " : " (valeur habituelle ").append(typicalText).append(')');
      }
    } else if (unit == Unit.YES_NO && (value == 0 || value == 1)) {
      s.append(en ? ": " : " : ").append(shown);
      if (typicalText != null) {
        s.append(en ? " (typical " : " (habituellement ").append(typicalText).append(')');
      }
    } else {
      String level = level(unit, value, typical);
      s.append(en ? " is " + level : " : valeur " + level);
      s.append(" (").append(shown);
      if (typicalText != null) {
        s.append(en ? ", typical " : " ; habituelle ").append(typicalText);
      }
      s.append(')');
    }
    return s.append(en ? ": " : ", ").append(effect).toString();
  }

  private String level(Unit unit, double value, Double typical) {
    if (typical == null || typical.isNaN()) {
      return en ? "at" : "de";
    }
    double v = comparable(unit, value);
    double t = comparable(unit, typical);
    if (v > t) {
      return en ? "high" : "élevée";
    }
    if (v < t) {
      return en ? "low" : "basse";
    }
    return en ? "typical" : "habituelle";
  }

  /** Ages and durations are stored as negative days: a larger magnitude is "higher". */
  private static double comparable(Unit unit, double raw) {
    return unit == Unit.AGE || unit == Unit.DURATION || unit == Unit.MONTHS ? -raw : raw;
  }
}
