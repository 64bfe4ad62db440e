package fr.pretadepenser.scoring.schemas;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.SystemLimitException;

/**
 * Avro's own decoding limits ({@link SystemLimitException}), set far below any service's heap.
 *
 * <p>Why: an Avro body announces each string, bytes and array length before its content, and Avro
 * allocates what is announced before reading it. Left at Avro's defaults (about 2 GiB each), a
 * 15-byte record whose varint claims a 2 GiB string ran the scorer and the dashboard out of memory,
 * and where the allocation fitted, the decoder's per-thread scratch buffer kept the 2 GiB
 * afterwards. No field of a Kafka record can be longer than the record, and a record is at most the
 * broker's {@code message.max.bytes} (1 MiB by default), so:
 *
 * <table>
 *   <caption>limits</caption>
 *   <tr><th>Avro property</th><th>value</th><th>why this value</th></tr>
 *   <tr><td>{@value #STRING_PROPERTY}</td><td>1 MiB</td><td>the largest string a 1 MiB record can
 *       hold</td></tr>
 *   <tr><td>{@value #BYTES_PROPERTY}</td><td>2 MiB</td><td>a dead letter's value: up to a whole
 *       record in dead letters written before they were bounded</td></tr>
 *   <tr><td>{@value #COLLECTION_PROPERTY}</td><td>1,048,576 items</td><td>every item of an array
 *       or map takes at least one byte on the wire</td></tr>
 * </table>
 *
 * <p>A decode past a limit throws {@link SystemLimitException} after allocating at most the limit
 * (a few MiB, transient), which {@link AvroSerde} turns into its {@code SerializationException}, so
 * the record becomes a dead letter like any other undecodable one.
 *
 * <p>Avro reads these system properties once, when {@link SystemLimitException} is initialised.
 * {@link #install()} (run by {@link AvroSerde}'s class initialisation, and first thing by the
 * command line) sets each one that is not already set, so an operator can still raise a limit with
 * {@code -Dorg.apache.avro.limits.string.maxLength=...}, then makes Avro read them.
 */
public final class AvroLimits {

  public static final String STRING_PROPERTY = SystemLimitException.MAX_STRING_LENGTH_PROPERTY;
  public static final String BYTES_PROPERTY = SystemLimitException.MAX_BYTES_LENGTH_PROPERTY;
  public static final String COLLECTION_PROPERTY =
      SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY;

  /** The longest string decoded, in UTF-8 bytes, unless the property says otherwise. */
  public static final int DEFAULT_MAX_STRING_BYTES = 1 << 20;

  /** The longest bytes field decoded, unless the property says otherwise. */
  public static final int DEFAULT_MAX_BYTES = 2 << 20;

  /** The most items an array or map may announce, unless the property says otherwise. */
  public static final int DEFAULT_MAX_COLLECTION_ITEMS = 1 << 20;

  private AvroLimits() {}

  /**
   * Sets the limits (each property not already set) and makes Avro use them. Idempotent and
   * thread-safe.
   *
   * @throws IllegalStateException if Avro was initialised before and its limits cannot be re-read
   */
  public static void install() {
    if (!Installation.DONE) {
      throw new IllegalStateException("unreachable: installation runs in class initialisation");
    }
  }

  /** The limits in force, property → value, as Avro reads them. */
  public static Map<String, Integer> effective() {
    install();
    Map<String, Integer> out = new LinkedHashMap<>();
    out.put(STRING_PROPERTY, configured(STRING_PROPERTY, DEFAULT_MAX_STRING_BYTES));
    out.put(BYTES_PROPERTY, configured(BYTES_PROPERTY, DEFAULT_MAX_BYTES));
    out.put(COLLECTION_PROPERTY, configured(COLLECTION_PROPERTY, DEFAULT_MAX_COLLECTION_ITEMS));
    return out;
  }

  private static int configured(String property, int fallback) {
    try {
      return Integer.parseUnsignedInt(System.getProperty(property, String.valueOf(fallback)));
    } catch (NumberFormatException e) {
      return fallback; // Avro logs the bad value and uses its own default; see applied()
    }
  }

  /** Whether Avro refuses one more than each configured limit, once installed. */
  static boolean applied() {
    install();
    return refusesBeyondLimits();
  }

  private static boolean refusesBeyondLimits() {
    return refuses(() -> SystemLimitException.checkMaxStringLength(limit(STRING_PROPERTY) + 1L))
        && refuses(() -> SystemLimitException.checkMaxBytesLength(limit(BYTES_PROPERTY) + 1L))
        && refuses(
            () -> SystemLimitException.checkMaxCollectionLength(limit(COLLECTION_PROPERTY) + 1L));
  }

  private static int limit(String property) {
    return switch (property) {
      case STRING_PROPERTY -> configured(property, DEFAULT_MAX_STRING_BYTES);
      case BYTES_PROPERTY -> configured(property, DEFAULT_MAX_BYTES);
      default -> configured(property, DEFAULT_MAX_COLLECTION_ITEMS);
    };
  }

  private static boolean refuses(Runnable check) {
    try {
      check.run();
      return false;
    } catch (SystemLimitException | UnsupportedOperationException e) {
      return true;
    }
  }

  // The JVM runs a class initialiser exactly once, so the properties are set exactly once.
  private static final class Installation {
    static final boolean DONE = installOnce();

    private static boolean installOnce() {
      setIfAbsent(STRING_PROPERTY, DEFAULT_MAX_STRING_BYTES);
      setIfAbsent(BYTES_PROPERTY, DEFAULT_MAX_BYTES);
      setIfAbsent(COLLECTION_PROPERTY, DEFAULT_MAX_COLLECTION_ITEMS);
      if (!refusesBeyondLimits()) {
        // Something decoded Avro before any serde of this project existed, so Avro has read its
        // limits already: ask it to read them again (its own reset, package-private because Avro
        // means it for tests; the class path has no module boundary to forbid the call).
        try {
          Method reset = SystemLimitException.class.getDeclaredMethod("resetLimits");
          reset.setAccessible(true);
          reset.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
          throw new IllegalStateException(
              "Avro's decoding limits were read before they could be set; start the JVM with -D"
                  + STRING_PROPERTY
                  + "=... -D"
                  + BYTES_PROPERTY
                  + "=... -D"
                  + COLLECTION_PROPERTY
                  + "=...",
              e);
        }
        if (!refusesBeyondLimits()) {
          throw new IllegalStateException(
              "Avro does not apply the decoding limits "
                  + Map.of(
                      STRING_PROPERTY, System.getProperty(STRING_PROPERTY),
                      BYTES_PROPERTY, System.getProperty(BYTES_PROPERTY),
                      COLLECTION_PROPERTY, System.getProperty(COLLECTION_PROPERTY))
                  + ": each must be a positive integer below 2147483639");
        }
      }
      return true;
    }

    private static void setIfAbsent(String property, int value) {
      if (System.getProperty(property) == null) {
        System.setProperty(property, String.valueOf(value));
      }
    }
  }
}
