/**
 * The HTTP intake: {@code POST /api/applications} (JSON with the Kaggle column names) validated
 * with {@link fr.pretadepenser.scoring.schemas.ApplicationRules} and published to {@code
 * loan-applications}. {@link fr.pretadepenser.scoring.ingest.intake.IntakeApplication} is the one
 * public class; everything else is wired by Spring inside this package.
 */
package fr.pretadepenser.scoring.ingest.intake;
