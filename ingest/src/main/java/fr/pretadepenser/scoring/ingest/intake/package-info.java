/**
 * The HTTP intake: {@code POST /api/applications} (JSON with the Kaggle column names) validated
 * with {@link fr.pretadepenser.scoring.schemas.ApplicationRules} and published to {@code
 * loan-applications}. Public: {@link fr.pretadepenser.scoring.ingest.intake.IntakeApplication}, and
 * for the dashboard's new-application form, which reads and publishes applications exactly as the
 * intake does, {@link fr.pretadepenser.scoring.ingest.intake.ApplicationJson}, {@link
 * fr.pretadepenser.scoring.ingest.intake.ApplicationPublisher} and {@link
 * fr.pretadepenser.scoring.ingest.intake.KafkaUnavailableException}; everything else is wired by
 * Spring inside this package.
 */
package fr.pretadepenser.scoring.ingest.intake;
