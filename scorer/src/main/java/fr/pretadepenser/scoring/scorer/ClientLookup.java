package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.Decision;

/** What the query routes read: a client's stored history and latest decision. */
interface ClientLookup {

  /** The client's history as the scorer would use it now; empty lists when none is stored. */
  Lookup<ClientHistory> history(long clientId);

  /** The client's latest decision. */
  Lookup<Decision> decision(long clientId);

  /** Whether this instance is processing, for health checks; with a word on its state. */
  Lookup<String> health();
}
