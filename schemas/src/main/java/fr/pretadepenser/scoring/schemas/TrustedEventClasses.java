package fr.pretadepenser.scoring.schemas;

import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Lets Avro instantiate this project's generated event classes.
 *
 * <p>Since 1.12.2 Avro refuses to load any class it finds by name in a schema unless it is trusted
 * (ClassSecurityValidator, a guard against schemas naming arbitrary classes). Decoding a specific
 * record looks its class up by name, so without this every decode of a {@code
 * fr.pretadepenser.scoring.events} record fails with "Forbidden ... not trusted". Trusting the
 * generated records and enums of that one package, in code, spares every service a JVM flag and
 * trusts nothing else.
 *
 * <p>{@link AvroSerde} installs it; code that uses Avro's specific readers directly (file readers,
 * {@code SpecificData.newRecord}) calls {@link #install()} first.
 */
public final class TrustedEventClasses {

  static final String EVENTS_PACKAGE = "fr.pretadepenser.scoring.events.";

  private TrustedEventClasses() {}

  /**
   * Adds the event classes to Avro's global trust, keeping whatever was trusted before. Idempotent
   * and thread-safe; a later {@code ClassSecurityValidator.setGlobal} that drops it undoes it.
   */
  public static void install() {
    if (!Installation.DONE) {
      throw new IllegalStateException("unreachable: installation runs in class initialisation");
    }
  }

  static boolean isEventClass(Class<?> type) {
    return type.getName().startsWith(EVENTS_PACKAGE)
        && type.getName().indexOf('.', EVENTS_PACKAGE.length()) < 0
        && (SpecificRecord.class.isAssignableFrom(type) || type.isEnum());
  }

  // The JVM runs a class initialiser exactly once, so the global is composed exactly once.
  private static final class Installation {
    static final boolean DONE = installOnce();

    private static boolean installOnce() {
      ClassSecurityValidator.setGlobal(
          ClassSecurityValidator.composite(
              ClassSecurityValidator.getGlobal(), TrustedEventClasses::isEventClass));
      return true;
    }
  }
}
