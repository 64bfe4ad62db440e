package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.LoanApplication;
import java.util.List;

/**
 * The one feature definition: a pure function from (application, client history) to a named float
 * vector, called by training (batch) and by the scorer (stream) alike.
 *
 * <p>Which dummies exist depends on the {@link CategoryVocabulary}, which is saved with each model.
 */
public final class FeatureDefinition {

  private final CategoryVocabulary vocabulary;

  public FeatureDefinition(CategoryVocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  public CategoryVocabulary vocabulary() {
    return vocabulary;
  }

  /** Every feature in vector order. */
  public List<FeatureInfo> features() {
    throw new UnsupportedOperationException("not yet written");
  }

  /** Feature names in vector order. */
  public List<String> names() {
    return features().stream().map(FeatureInfo::name).toList();
  }

  public int size() {
    return features().size();
  }

  /** The feature vector of one applicant; NaN means missing. */
  public float[] compute(LoanApplication application, ClientHistory history) {
    float[] out = new float[size()];
    compute(application, history, out);
    return out;
  }

  /** Writes the feature vector into {@code out} (length {@link #size()}), for batch callers. */
  public void compute(LoanApplication application, ClientHistory history, float[] out) {
    throw new UnsupportedOperationException("not yet written");
  }
}
