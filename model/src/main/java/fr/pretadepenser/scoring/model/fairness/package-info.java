/**
 * Fairness by group of a protected attribute (gender, age band, family status): approval rate,
 * default rate, true and false positive rates and the disparate-impact ratio, with the four-fifths
 * rule flagged ({@link fr.pretadepenser.scoring.model.fairness.FairnessTable}).
 *
 * <p>Here rather than in training so that the training report (out-of-fold decisions) and the live
 * monitor (decisions and their known outcomes) compute the same figures with the same code. Pure
 * counting: no I/O; a {@link fr.pretadepenser.scoring.model.fairness.FairnessTable.Counts} is not
 * thread-safe, {@link fr.pretadepenser.scoring.model.fairness.FairnessTable#of} is.
 */
package fr.pretadepenser.scoring.model.fairness;
