package fr.pretadepenser.scoring.intake;

import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The application ids this intake published recently (or is publishing now), so that a re-sent
 * application (a double click, a retry after a lost answer) is answered as already received instead
 * of being published a second time.
 *
 * <p>Bounded: the oldest ids are forgotten first. It is a courtesy of one intake process, not the
 * guarantee: a re-send that comes after its id was forgotten, or through another intake, is
 * published again and the scorer, which keeps every decided application id, drops it.
 */
public final class ReceivedApplications {

  /** Ids remembered by default: a day of a busy branch network, about 1 MB. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private final int capacity;
  private final LinkedHashSet<String> ids = new LinkedHashSet<>();

  public ReceivedApplications(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Records {@code applicationId}; false when it was already there (then nothing changes). Claimed
   * before publishing, so that two simultaneous requests with one id publish once.
   */
  public synchronized boolean claim(String applicationId) {
    if (!ids.add(applicationId)) {
      return false;
    }
    if (ids.size() > capacity) {
      Iterator<String> oldest = ids.iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  /** Forgets {@code applicationId}: its publication failed, a re-send must be published. */
  public synchronized void release(String applicationId) {
    ids.remove(applicationId);
  }

  /** How many ids are remembered. */
  public synchronized int size() {
    return ids.size();
  }
}
