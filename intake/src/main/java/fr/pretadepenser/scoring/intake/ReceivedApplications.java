package fr.pretadepenser.scoring.intake;

import fr.pretadepenser.scoring.events.LoanApplication;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The application ids this intake published recently (or is publishing now), each with a
 * fingerprint of what it asked, so that a re-sent application (a double click, a retry after a lost
 * answer) is answered as already received instead of being published a second time, and the same id
 * sent with other values is told so (the scorer would decide the first values only).
 *
 * <p>Bounded: the oldest ids are forgotten first. It is a courtesy of one intake process, not the
 * guarantee: a re-send that comes after its id was forgotten, or through another intake, is
 * published again and the scorer, which keeps every decided application id, drops it (or
 * dead-letters it when its values differ).
 */
public final class ReceivedApplications {

  /** Ids remembered by default: a day of a busy branch network, about 2 MB. */
  public static final int DEFAULT_CAPACITY = 10_000;

  /** What {@link #claim} found. */
  public enum Claim {
    /** Not seen: recorded now, to be published. */
    NEW,
    /** Seen with the same values: already received, not to be published again. */
    SAME,
    /** Seen with other values: a conflict, nothing changes. */
    DIFFERENT
  }

  /**
   * Fields that say how and when an application was sent, not what it asks: a retry re-stamps
   * {@code submitted_at} (the form leaves it to the intake's clock). The scorer compares
   * applications without them too.
   */
  private static final Set<String> TRANSPORT_FIELDS =
      Set.of("application_id", "submitted_at", "history_events", "history_announced");

  private static final List<Schema.Field> HASHED_FIELDS =
      LoanApplication.getClassSchema().getFields().stream()
          .filter(f -> !TRANSPORT_FIELDS.contains(f.name()))
          .sorted(Comparator.comparing(Schema.Field::name))
          .toList();

  private final int capacity;
  private final LinkedHashMap<String, String> ids = new LinkedHashMap<>();

  public ReceivedApplications(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Records {@code application}'s id with its fingerprint when the id is new. Claimed before
   * publishing, so that two simultaneous requests with one id publish once.
   */
  public synchronized Claim claim(LoanApplication application) {
    String id = application.getApplicationId();
    String fingerprint = fingerprint(application);
    String known = ids.get(id);
    if (known != null) {
      return known.equals(fingerprint) ? Claim.SAME : Claim.DIFFERENT;
    }
    ids.put(id, fingerprint);
    if (ids.size() > capacity) {
      Iterator<Map.Entry<String, String>> oldest = ids.entrySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return Claim.NEW;
  }

  /** Forgets {@code applicationId}: its publication failed, a re-send must be published. */
  public synchronized void release(String applicationId) {
    ids.remove(applicationId);
  }

  /** How many ids are remembered. */
  public synchronized int size() {
    return ids.size();
  }

  /**
   * What the application asks, as SHA-256 hex: every field but the transport ones, by name in name
   * order, nulls left out (so that a field added to the schema later changes no fingerprint).
   */
  static String fingerprint(LoanApplication application) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    for (Schema.Field f : HASHED_FIELDS) {
      Object v = application.get(f.pos());
      if (v != null) {
        // Double.toString round-trips exactly; strings and ints print as themselves.
        digest.update((f.name() + "=" + v + "\u0000").getBytes(StandardCharsets.UTF_8));
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
