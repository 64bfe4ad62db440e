package fr.pretadepenser.scoring.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * The {@code "thin_file"} section of the top bundle's model-card.json: how the thin-file model (the
 * {@code thin-file/} sub-bundle) was chosen and how well each model does when the history is
 * hidden. Kept out of {@link ModelCard}'s record so that the section is added to the card's JSON
 * without touching its fields; read with {@link ModelBundle#thinFileCard()}.
 *
 * <p>"History-hidden folds": the same stratified folds as the full model's, the validation rows'
 * history features all set to missing, as a client whose history is absent or not received looks to
 * a model. Every figure is out of fold, with the full model's parameters and class weighting.
 *
 * @param directory the sub-bundle's directory name ({@link BundleFiles#THIN_FILE_DIR})
 * @param modelVersion the thin-file model's content hash (its own model.onnx)
 * @param chosen the candidate kept, a key of {@code historyHidden.candidates}
 * @param maskedShare share of training rows whose history is hidden for the {@code
 *     history_masked_share} candidate
 * @param threshold the thin-file model's own threshold: minimum business cost of its out-of-fold
 *     probabilities on the history-hidden folds
 * @param folds the folds
 * @param seed their seed
 * @param historyKnown the full model and the application-only baseline on the folds as they are
 * @param historyHidden the full model, each candidate and the baseline on history-hidden folds
 * @param gainOverBaseline the chosen candidate's mean history-hidden AUC minus the baseline's
 * @param baselineGainSpread the standard deviation over folds of that gain, fold by fold
 * @param why the choice and the gain in plain words, including when it falls short of 0.01
 * @param rule when the scorer uses the thin-file model ({@link ScoringModel})
 * @param extraTrainSeconds what the thin-file model added to training
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ThinFileCard(
    String directory,
    String modelVersion,
    String chosen,
    double maskedShare,
    double threshold,
    int folds,
    long seed,
    Known historyKnown,
    Hidden historyHidden,
    double gainOverBaseline,
    double baselineGainSpread,
    String why,
    String rule,
    double extraTrainSeconds) {

  /** Figures on the folds with their history. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Known(ModelCard.CvFigures fullModel, ModelCard.CvFigures baseline) {}

  /**
   * Figures on the folds with their history hidden.
   *
   * @param fullModel the full model trained as usual, scored on hidden history: what deciding a
   *     thin file with the full model gives
   * @param candidates each thin-file candidate by name
   * @param baseline the application-only baseline (the application table's columns alone; hiding
   *     history changes nothing for it)
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Hidden(
      ModelCard.CvFigures fullModel,
      Map<String, ModelCard.CvFigures> candidates,
      ModelCard.CvFigures baseline) {}

  /** model-card.json read for this section alone (the other fields are ignored). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Section(ThinFileCard thinFile) {}
}
