package fr.pretadepenser.scoring.explain;

/**
 * Which TreeSHAP a {@link DecisionExplainer} runs. Both give the same contributions (within 1e-12,
 * tested on every sample decision and on random models); the Java one is the default because it
 * needs no native call per row.
 */
public enum TreeShapImplementation {
  /** {@link JavaTreeShap}: exact path-dependent TreeSHAP over the parsed trees, in the JVM. */
  JAVA {
    @Override
    TreeShapEngine open(String modelText) {
      return JavaTreeShap.of(modelText);
    }
  },
  /** LightGBM's own TreeSHAP through lightgbm4j: the reference, kept for comparisons. */
  LIGHTGBM {
    @Override
    TreeShapEngine open(String modelText) {
      return new LightGbmTreeShap(
          modelText, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
  };

  abstract TreeShapEngine open(String modelText);
}
