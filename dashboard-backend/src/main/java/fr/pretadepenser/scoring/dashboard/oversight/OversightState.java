package fr.pretadepenser.scoring.dashboard.oversight;

import fr.pretadepenser.scoring.events.DecisionOverride;
import fr.pretadepenser.scoring.events.OversightAction;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The oversight trail as the dashboard keeps it in memory, rebuilt from {@code decision-overrides}
 * at every start: per application its latest entries, the decision in force after them and who took
 * the case. Bounded twice: the {@code capacity} applications most recently written about (the
 * oldest forgotten first), and the {@code perCase} latest entries of each (the count of all is
 * kept). The topic keeps everything; {@code bin/scoring audit} reads it whole.
 *
 * <p>Entries are taken once each, by sequence: the writer hands over what it committed at once (so
 * an answer is in the file at once), and the reader the same entry again later, which is skipped.
 */
public final class OversightState {

  /**
   * What is known of one application.
   *
   * @param entries the latest entries, oldest first
   * @param total every entry read about it, kept or not
   * @param finalDecision the decision in force after the last DECIDE_REVIEW or OVERRIDE, null when
   *     no one decided (the automatic decision holds)
   * @param takenBy who took the case last, null when no one did
   * @param takenAt when, null likewise
   */
  public record Case(
      List<DecisionOverride> entries,
      long total,
      String finalDecision,
      String takenBy,
      Instant takenAt) {}

  private static final class Mutable {
    final ArrayDeque<DecisionOverride> entries = new ArrayDeque<>();
    long total;
    String finalDecision;
    String takenBy;
    Instant takenAt;
  }

  private final int capacity;
  private final int perCase;
  private final LinkedHashMap<String, Mutable> cases = new LinkedHashMap<>();
  private long nextSequence;
  private long entries;

  /**
   * @param capacity applications kept
   * @param perCase entries kept per application
   */
  public OversightState(int capacity, int perCase) {
    if (capacity < 1 || perCase < 1) {
      throw new IllegalArgumentException("capacities must be at least 1");
    }
    this.capacity = capacity;
    this.perCase = perCase;
  }

  /** Takes {@code e} in; false when an entry of that sequence was already taken. */
  public synchronized boolean accept(DecisionOverride e) {
    if (e.getSequence() < nextSequence) {
      return false;
    }
    nextSequence = e.getSequence() + 1;
    entries++;
    String id = e.getApplicationId();
    Mutable c = cases.remove(id);
    if (c == null) {
      c = new Mutable();
    }
    c.entries.addLast(e);
    while (c.entries.size() > perCase) {
      c.entries.removeFirst();
    }
    c.total++;
    OversightAction action = e.getAction();
    if (action == OversightAction.DECIDE_REVIEW || action == OversightAction.OVERRIDE) {
      c.finalDecision = e.getToDecision().name();
    } else if (action == OversightAction.TAKE) {
      c.takenBy = e.getActor();
      c.takenAt = e.getAt();
    }
    // Most recently written about last: the first is the one to forget.
    cases.put(id, c);
    Iterator<String> oldest = cases.keySet().iterator();
    while (cases.size() > capacity && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  /** What is known of {@code applicationId}, empty when nothing (or forgotten). */
  public synchronized Optional<Case> of(String applicationId) {
    Mutable c = cases.get(applicationId);
    if (c == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Case(List.copyOf(c.entries), c.total, c.finalDecision, c.takenBy, c.takenAt));
  }

  /** The sequence the next entry of the trail takes, as far as read. */
  public synchronized long nextSequence() {
    return nextSequence;
  }

  /** Entries taken in since the start. */
  public synchronized long entries() {
    return entries;
  }
}
