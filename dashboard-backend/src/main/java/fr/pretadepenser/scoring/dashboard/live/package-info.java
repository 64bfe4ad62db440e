/**
 * The live page's API: the SSE stream of decisions with resumption by Last-Event-ID ({@code
 * LiveFeed}, bounded per browser), the counters and the most recent decisions.
 */
package fr.pretadepenser.scoring.dashboard.live;
