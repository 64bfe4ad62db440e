package fr.pretadepenser.scoring.dashboard.decisions;

/**
 * Where the {@link DashboardView} hands each decision it takes in: the live stream implements it.
 * An interface here, rather than the live stream's class, so that the store does not depend on the
 * page that shows it (the live package depends on this one, not the other way round).
 */
public interface DecisionStream {

  /**
   * Called under the view's lock, in the order the view took the decisions in; must not block.
   *
   * @param kind {@code decision} (from the scorer) or {@code explained} (its explanation arrived)
   */
  void publish(String kind, DecisionSummary decision);
}
