package fr.pretadepenser.scoring.scorer;

import fr.pretadepenser.scoring.events.ClientHistoryEvent;
import fr.pretadepenser.scoring.events.LoanApplication;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.kafka.common.utils.Bytes;

/**
 * The identities the scorer keeps to make re-delivery harmless: a history event's id per client
 * (folded once) and an application's id per client (decided once), with the keys of the stores that
 * remember them.
 */
final class Identities {

  /** Longest {@code event_id} kept, in characters: ids are keys of a store that lives forever. */
  static final int MAX_EVENT_ID = 256;

  /** Longest {@code application_id}, in characters, for the same reason. */
  static final int MAX_APPLICATION_ID = 128;

  static final int SHA256_BYTES = 32;

  /**
   * Fields that say how and when an application was sent, not what it asks: a replay or a retry
   * re-stamps {@code submitted_at}, and may announce more history than the first send did. They are
   * left out of the content an application id is compared on.
   */
  static final Set<String> TRANSPORT_FIELDS =
      Set.of("submitted_at", "history_events", "history_announced");

  /** The fields hashed, in name order: sorted once here, not for every application. */
  private static final List<Schema.Field> HASHED_FIELDS =
      LoanApplication.getClassSchema().getFields().stream()
          .filter(f -> !TRANSPORT_FIELDS.contains(f.name()))
          .sorted(Comparator.comparing(Schema.Field::name))
          .toList();

  private static final int[] HASHED_POSITIONS =
      HASHED_FIELDS.stream().mapToInt(Schema.Field::pos).toArray();

  /** Each hashed field's {@code name=}, in UTF-8. */
  private static final byte[][] HASHED_PREFIXES =
      HASHED_FIELDS.stream()
          .map(f -> (f.name() + "=").getBytes(StandardCharsets.UTF_8))
          .toArray(byte[][]::new);

  private Identities() {}

  /**
   * Store key: the client id (8 bytes, big-endian, so a client's ids are contiguous) + UTF-8 id.
   */
  static Bytes key(long clientId, String id) {
    byte[] text = id.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(Long.BYTES + text.length).putLong(clientId).put(text).array());
  }

  /**
   * The event's identity: its {@code event_id}, or, from a producer that sends none, {@code
   * sha256:} and the hash of the record's bytes. Without an id only a byte-identical re-send (a
   * producer retry, a topic re-read) is recognised; a re-run replay that stamps a new {@code
   * recorded_at} is not, and nothing else could tell it from a new fact with the same values.
   */
  static String eventIdentity(ClientHistoryEvent event, byte[] value) {
    String id = event.getEventId();
    return id == null || id.isEmpty() ? "sha256:" + HexFormat.of().formatHex(sha256(value)) : id;
  }

  /**
   * A hash of what the application asks, for "same id, same content?": every field but {@link
   * #TRANSPORT_FIELDS}, by name in name order, null fields left out. By name and without nulls
   * rather than over the Avro bytes, so that a schema version adding a nullable field does not make
   * every application received before it "different content".
   */
  static byte[] contentHash(LoanApplication application) {
    MessageDigest digest = sha256();
    for (int i = 0; i < HASHED_POSITIONS.length; i++) {
      Object v = application.get(HASHED_POSITIONS[i]);
      if (v != null) {
        // The UTF-8 of name + "=" + v + "\0", fed in three parts rather than built as one string
        // per field (the hash is stored: it must not change). Double.toString round-trips
        // exactly; strings, ints and enums print as themselves.
        digest.update(HASHED_PREFIXES[i]);
        digest.update(String.valueOf(v).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
    }
    return digest.digest();
  }

  static byte[] sha256(byte[] bytes) {
    return sha256().digest(bytes);
  }

  /** One digest per thread, reused: {@code digest()} resets it, and a lookup per record showed. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java platform has SHA-256", e);
            }
          });

  private static MessageDigest sha256() {
    MessageDigest digest = SHA_256.get();
    digest.reset();
    return digest;
  }
}
