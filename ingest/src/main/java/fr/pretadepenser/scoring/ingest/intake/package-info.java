/**
 * The HTTP intake service: a Spring application ({@link
 * fr.pretadepenser.scoring.ingest.intake.IntakeApplication}, settings {@code intake.*}) that mounts
 * the intake library's {@code POST /api/applications} ({@link
 * fr.pretadepenser.scoring.intake.ApplicationController}: JSON with the Kaggle column names,
 * validated with {@link fr.pretadepenser.scoring.schemas.ApplicationRules} and published to {@code
 * loan-applications}) for origination systems that do not speak Kafka.
 */
package fr.pretadepenser.scoring.ingest.intake;
