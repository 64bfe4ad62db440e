package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.model.ReviewBand;
import picocli.CommandLine.Option;

/**
 * {@code --review-band LOW,HIGH|off|bundle} of the commands that decide (scorer, score): the band
 * of probabilities an advisor decides ({@code DecisionRule.outcome}). The default is the bundle's
 * own band (model-card.json {@code review_band}), so that the streaming scorer and the batch path
 * decide alike unless told otherwise.
 */
final class ReviewBandOption {

  static final String BUNDLE = "bundle";
  static final String OFF = "off";

  @Option(
      names = "--review-band",
      paramLabel = "LOW,HIGH|off|bundle",
      defaultValue = BUNDLE,
      description =
          "Probabilities an advisor decides: LOW <= p < HIGH is REVIEW (below GRANTED, from HIGH"
              + " REFUSED); the band must contain the model's threshold. off: the threshold alone;"
              + " bundle: the band in the bundle's model card, none in older bundles"
              + " (default: ${DEFAULT-VALUE}).")
  String value = BUNDLE;

  /**
   * The band to apply with this bundle, null for none.
   *
   * @throws UserException for a malformed band or one beside the model's threshold
   */
  ReviewBand resolve(ModelBundle bundle) {
    ReviewBand band;
    try {
      if (OFF.equals(value)) {
        return null;
      }
      band = BUNDLE.equals(value) ? bundle.card().band() : ReviewBand.parse(value);
      if (band != null) {
        band.requireContains(bundle.metadata().threshold());
      }
    } catch (IllegalArgumentException e) {
      throw new UserException("--review-band " + value + ": " + e.getMessage());
    }
    return band;
  }

  /**
   * The bundle's scoring path deciding with this option's band. With {@code bundle} (the default)
   * the thin-file model takes its own card's band too; a band given by hand or {@code off} is the
   * full model's, and the thin-file model then decides on its threshold alone (a hand-set band is
   * chosen around the full model's threshold, which is not the thin-file model's).
   */
  ApplicationScorer scorer(ModelBundle bundle) {
    ReviewBand band = resolve(bundle);
    return BUNDLE.equals(value)
        ? ApplicationScorer.banded(bundle)
        : ApplicationScorer.of(bundle).withReviewBand(band);
  }

  /** How the band reads in a start-up line. */
  static String describe(ReviewBand band) {
    return band == null ? "no review band" : "review band " + band.low() + "," + band.high();
  }
}
