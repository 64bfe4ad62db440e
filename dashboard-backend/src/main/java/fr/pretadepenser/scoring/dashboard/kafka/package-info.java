/**
 * The one Kafka consumer of the dashboard: it reads the decisions, explained decisions, dead
 * letters and applications into the decisions view, and the monitor's snapshots and alerts into the
 * monitoring view. A package of its own because it feeds both.
 */
package fr.pretadepenser.scoring.dashboard.kafka;
