/**
 * The explainer service: decisions in from {@code loan-decisions} (read_committed), explained
 * decisions out on {@code loan-decisions-explained} in the same Kafka transaction as the consumed
 * offsets (Spring Kafka), dead letters for decisions that cannot be explained. Only the Kafka and
 * Spring part lives here; SHAP, reasons and the invariant check are the {@code explain} library's,
 * which the dashboard uses too.
 */
package fr.pretadepenser.scoring.explainer;
