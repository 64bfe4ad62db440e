/**
 * How good a model's probabilities are against known outcomes: ROC AUC with its DeLong standard
 * error, ROC, Brier and reliability ({@link fr.pretadepenser.scoring.model.metrics.Metrics}), and
 * the lender's business cost of a threshold ({@link
 * fr.pretadepenser.scoring.model.metrics.BusinessCost}).
 *
 * <p>Here rather than in training so that the live monitor computes the realised AUC with the very
 * code that computed the cross-validated one, without depending on the training module (LightGBM,
 * the report's charts). Pure arithmetic on arrays: no I/O, no state.
 */
package fr.pretadepenser.scoring.model.metrics;
