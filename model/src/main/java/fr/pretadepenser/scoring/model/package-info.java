/**
 * The model bundle as its readers see it: the scorer, the explainer and the dashboard load a {@link
 * fr.pretadepenser.scoring.model.ModelBundle} written by training, check that its feature names
 * equal the running {@link fr.pretadepenser.scoring.features.FeatureDefinition}, and score through
 * {@link fr.pretadepenser.scoring.model.DefaultRiskModel}. File names are a contract ({@link
 * fr.pretadepenser.scoring.model.BundleFiles}); changing one breaks every deployed bundle.
 */
package fr.pretadepenser.scoring.model;
