package fr.pretadepenser.scoring.scorer;

/**
 * The answer to "what does the scorer know of this client", from the instance that was asked.
 *
 * @param <T> what was looked up
 */
sealed interface Lookup<T> {

  /** This instance owns the client and has this value. */
  record Found<T>(T value) implements Lookup<T> {}

  /** This instance owns the client and knows nothing of it. */
  record NotFound<T>(String why) implements Lookup<T> {}

  /** Another instance owns the client's partition; ask it. */
  record Elsewhere<T>(String host, int port) implements Lookup<T> {}

  /** Nobody can answer now (starting, rebalancing, restoring); try again shortly. */
  record Unavailable<T>(String why) implements Lookup<T> {}
}
