package fr.pretadepenser.scoring.features;

import java.util.EnumMap;
import java.util.Map;

/** Renders a {@link FeatureDefinition} as a Markdown document (docs/FEATURES.md is one). */
public final class FeatureCatalogue {

  private FeatureCatalogue() {}

  /** Total count, count per family, then one table row per feature in vector order. */
  public static String markdown(FeatureDefinition definition, String title) {
    Map<FeatureFamily, Integer> counts = new EnumMap<>(FeatureFamily.class);
    for (FeatureFamily family : FeatureFamily.values()) {
      counts.put(family, 0);
    }
    for (FeatureInfo feature : definition.features()) {
      counts.merge(feature.family(), 1, Integer::sum);
    }
    StringBuilder md = new StringBuilder();
    md.append("# ").append(title).append("\n\n");
    md.append(definition.size()).append(" features, in vector order.\n\n");
    md.append("| family | features |\n|---|---:|\n");
    counts.forEach(
        (family, n) -> md.append("| ").append(family).append(" | ").append(n).append(" |\n"));
    md.append("| **total** | **").append(definition.size()).append("** |\n\n");
    md.append("| # | name | family | description |\n|---:|---|---|---|\n");
    int i = 0;
    for (FeatureInfo feature : definition.features()) {
      md.append("| ")
          .append(i++)
          .append(" | `")
          .append(feature.name())
          .append("` | ")
          .append(feature.family())
          .append(" | ")
          .append(escape(feature.description()))
          .append(" |\n");
    }
    return md.toString();
  }

  private static String escape(String text) {
    return text.replace("|", "\\|");
  }
}
