/**
 * Human oversight of the decisions (issue 18): the review queue, an advisor deciding a case in
 * review, a supervisor overriding an automatic decision, and the hash-chained trail of all of it on
 * {@code decision-overrides} ({@link fr.pretadepenser.scoring.dashboard.oversight.TrailWriter}
 * writes it exactly once, {@link fr.pretadepenser.scoring.dashboard.oversight.TrailReader} reads it
 * into the bounded {@link fr.pretadepenser.scoring.dashboard.oversight.OversightState}; the rules
 * are in {@link fr.pretadepenser.scoring.dashboard.oversight.Oversight}).
 */
package fr.pretadepenser.scoring.dashboard.oversight;
