/**
 * The monitoring page: the live monitor's snapshots and alerts kept in the bounded {@link
 * fr.pretadepenser.scoring.dashboard.monitoring.MonitoringView}, served by {@code GET
 * /api/monitoring}.
 */
package fr.pretadepenser.scoring.dashboard.monitoring;
