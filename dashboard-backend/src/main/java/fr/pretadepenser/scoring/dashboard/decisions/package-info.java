/**
 * The decisions as the dashboard knows them, rebuilt from Kafka at every start and bounded: {@link
 * fr.pretadepenser.scoring.dashboard.decisions.DashboardView} (recent decisions, each known
 * client's latest application and decision, counts), shared by the live, client and what-if pages.
 * It hands each decision on to a {@link
 * fr.pretadepenser.scoring.dashboard.decisions.DecisionStream} and knows no page.
 */
package fr.pretadepenser.scoring.dashboard.decisions;
