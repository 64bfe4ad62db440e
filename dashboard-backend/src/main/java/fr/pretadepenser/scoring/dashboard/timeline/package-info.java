/**
 * The client's timeline ({@code GET /api/clients/{id}/timeline}): every application, decision,
 * explanation, oversight entry and loan outcome of a client, oldest first, with the score's trend;
 * kept from the topics in a bounded store ({@link
 * fr.pretadepenser.scoring.dashboard.timeline.Timelines}) that the Kafka feed fills. It also tells
 * the comparisons which clients' outcomes are known.
 */
package fr.pretadepenser.scoring.dashboard.timeline;
