/**
 * {@code POST /api/what-if}: a client's application with fields changed, scored and explained
 * in-process, side by side with the original.
 */
package fr.pretadepenser.scoring.dashboard.whatif;
