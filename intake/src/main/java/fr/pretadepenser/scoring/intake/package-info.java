/**
 * One intake of new loan applications, a library mounted by the HTTP intake service ({@code
 * ingest}) and by the dashboard: {@link fr.pretadepenser.scoring.intake.ApplicationJson} reads a
 * JSON body into a {@code LoanApplication} or into every problem with it (the rules of {@link
 * fr.pretadepenser.scoring.schemas.ApplicationRules}, which the scorer also applies), {@link
 * fr.pretadepenser.scoring.intake.ApplicationPublisher} publishes it to {@code loan-applications}
 * (failing with {@link fr.pretadepenser.scoring.intake.KafkaUnavailableException} when Kafka does
 * not take it in time), and {@link fr.pretadepenser.scoring.intake.ApplicationController} is the
 * {@code POST /api/applications} route both services mount. Security stays with each service.
 */
package fr.pretadepenser.scoring.intake;
