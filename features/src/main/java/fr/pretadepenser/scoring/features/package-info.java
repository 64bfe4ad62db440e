/**
 * The one feature definition shared by training and scoring: {@link
 * fr.pretadepenser.scoring.features.FeatureDefinition} turns a loan application and the client's
 * history into the float vector of the Home Credit kernel "LightGBM with simple features", named
 * and described in plain words, given a {@link
 * fr.pretadepenser.scoring.features.CategoryVocabulary} saved with the model. {@link
 * fr.pretadepenser.scoring.features.FeatureCatalogue} renders it as a Markdown document.
 */
package fr.pretadepenser.scoring.features;
