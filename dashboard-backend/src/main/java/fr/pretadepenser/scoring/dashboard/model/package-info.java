/**
 * The model bundle as the dashboard uses it ({@link
 * fr.pretadepenser.scoring.dashboard.model.ModelService}: scoring, SHAP and reasons through the
 * model and explain libraries, features, reference population), the explanation views every page
 * shows ({@link fr.pretadepenser.scoring.dashboard.model.Explanations}, in the request's language),
 * and the model page's API with the feature words ({@code /api/model}, {@code /api/features},
 * {@code /api/words}, the training report).
 */
package fr.pretadepenser.scoring.dashboard.model;
