/**
 * Fairness by group of a protected attribute (gender, age band, family status): which group an
 * application belongs to ({@link fr.pretadepenser.scoring.monitoring.fairness.ProtectedGroups}) and
 * the per-group arithmetic (approval rate, default rate, true and false positive rates, the
 * disparate-impact ratio and the four-fifths rule: {@link
 * fr.pretadepenser.scoring.monitoring.fairness.FairnessCounts}). The live monitor feeds it; it
 * knows nothing of Kafka.
 */
package fr.pretadepenser.scoring.monitoring.fairness;
