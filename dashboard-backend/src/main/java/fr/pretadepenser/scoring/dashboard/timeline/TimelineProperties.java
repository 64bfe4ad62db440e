package fr.pretadepenser.scoring.dashboard.timeline;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code dashboard.timeline.*} settings: how much of the clients' past the dashboard keeps.
 *
 * @param clients clients whose timeline is kept (the least recently updated dropped first; 0:
 *     20,000)
 * @param eventsPerClient events kept per client (its oldest dropped first, and counted; 0: 64)
 * @param events events kept over all clients (0: 60,000), whatever the other two allow: an event
 *     takes 300 to 500 bytes (an override with the longest reason kept, about 1.5 KB), so about 25
 *     MB, 90 MB if every one were such an override
 * @param pending applications kept while they wait for their decision (0: 5,000)
 */
@ConfigurationProperties("dashboard.timeline")
record TimelineProperties(int clients, int eventsPerClient, int events, int pending) {

  TimelineProperties {
    clients = clients <= 0 ? 20_000 : clients;
    eventsPerClient = eventsPerClient <= 0 ? 64 : eventsPerClient;
    events = events <= 0 ? 60_000 : events;
    pending = pending <= 0 ? 5_000 : pending;
  }
}
