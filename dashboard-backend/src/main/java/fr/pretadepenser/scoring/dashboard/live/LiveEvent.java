package fr.pretadepenser.scoring.dashboard.live;

import fr.pretadepenser.scoring.dashboard.decisions.DecisionSummary;

/**
 * One event of the live stream.
 *
 * @param id position in this dashboard's stream, increasing by one per event; the browser sends the
 *     last one it saw back as {@code Last-Event-ID} when it reconnects
 * @param kind {@code decision} (from the scorer) or {@code explained} (its explanation arrived)
 */
record LiveEvent(long id, String kind, DecisionSummary decision) {}
