/**
 * The model as its readers see it. Three names, three things:
 *
 * <ul>
 *   <li>{@link fr.pretadepenser.scoring.model.ModelBundle}: the files training wrote, opened and
 *       checked against each other and against the running {@link
 *       fr.pretadepenser.scoring.features.FeatureDefinition}; file names are a contract ({@link
 *       fr.pretadepenser.scoring.model.BundleFiles}), changing one breaks every deployed bundle;
 *   <li>{@link fr.pretadepenser.scoring.model.OnnxModel}: the runtime wrapper, vectors in,
 *       probabilities (or margins) out;
 *   <li>{@link fr.pretadepenser.scoring.model.ApplicationScorer}: the one scoring path, application
 *       and history in, vector, probability and decision out, used by the scorer, {@code scoring
 *       score} and the dashboard's what-if.
 * </ul>
 *
 * <p>The metrics of probabilities against outcomes are in {@code model.metrics}.
 */
package fr.pretadepenser.scoring.model;
