package fr.pretadepenser.scoring.dashboard;

/**
 * Exact SHAP contributions of one feature vector to the model's log-odds. The dashboard needs them
 * for what-if re-scoring and for decisions that arrive before their explanation; the explainer
 * module's {@code DecisionExplainer} is the project's implementation to wire in here once it is
 * merged (see {@link LightGbmContributions}).
 */
interface ShapExplainer extends AutoCloseable {

  /**
   * @param baseValue expected log-odds over the training data
   * @param contributions one per feature, in vector order; base value plus their sum is the
   *     log-odds of the model
   */
  record Shap(double baseValue, double[] contributions) {
    double margin() {
      double m = baseValue;
      for (double c : contributions) {
        m += c;
      }
      return m;
    }
  }

  Shap explain(float[] features);

  /** Global importance of each feature (vector order), for the model page. */
  double[] importance();

  @Override
  void close();
}
