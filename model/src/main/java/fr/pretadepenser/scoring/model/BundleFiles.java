package fr.pretadepenser.scoring.model;

/** The file names inside a model bundle directory; other modules and tools rely on them. */
public final class BundleFiles {
  /** The scorer's model: TreeEnsemble (double) + Sigmoid, provenance in the metadata. */
  public static final String MODEL_ONNX = "model.onnx";

  /** LightGBM's own text model: the SHAP reference and the source of the ONNX export. */
  public static final String MODEL_TXT = "model.txt";

  /** Ordered feature names, plain-word descriptions and the categorical vocabulary. */
  public static final String FEATURES_JSON = "features.json";

  /** Metrics, threshold, costs, parity figure, timings. */
  public static final String MODEL_CARD = "model-card.json";

  /** Per-feature and score distributions of the training population. */
  public static final String REFERENCE_JSON = "reference.json";

  /** Self-contained training report with plots, in English. */
  public static final String REPORT_HTML = "report.html";

  /** The same report in French; each links to the other. */
  public static final String REPORT_FR_HTML = "report.fr.html";

  /**
   * The thin-file model's sub-bundle: a directory inside the bundle with the usual file names
   * (model.onnx, model.txt, features.json, model-card.json, reference.json), the same feature names
   * as the full model; absent in bundles trained before it existed (the full model then decides
   * every application, reason THIN_FILE_DISABLED where the thin one would have).
   */
  public static final String THIN_FILE_DIR = "thin-file";

  private BundleFiles() {}
}
