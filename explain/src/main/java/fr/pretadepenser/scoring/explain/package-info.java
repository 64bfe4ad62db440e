/**
 * Explanations as a library: an exact TreeSHAP on a bundle's model.txt ({@link
 * fr.pretadepenser.scoring.explain.DecisionExplainer}; the Java one, {@link
 * fr.pretadepenser.scoring.explain.JavaTreeShap}, equal to LightGBM's own, which stays as the
 * reference), the {@link fr.pretadepenser.scoring.explain.Explanation} it gives (base value,
 * contributions, principal reasons), the watch on its invariant (base + Σ contributions = logit(p))
 * and the reason sentences in English and French. No Kafka and no Spring here: the streaming
 * explainer service and the dashboard's what-if both use these classes, so an explanation shown
 * anywhere is the one computed here.
 */
package fr.pretadepenser.scoring.explain;
