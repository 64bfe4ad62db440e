package fr.pretadepenser.scoring.model;

import io.github.metarank.lightgbm4j.LGBMBooster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Loads LightGBM's native libraries safely. lightgbm4j extracts them, when its booster class is
 * first initialised, to a fixed path in the temporary directory ({@code /tmp/lib_lightgbm.so}),
 * rewriting the file in place: a JVM starting while another runs truncates the library the other
 * has mapped, and that one dies of SIGBUS (seen here with training and tests side by side). So the
 * class is initialised with {@code java.io.tmpdir} pointing at a directory of this process alone,
 * and the extracted files are removed once loaded (Linux keeps a mapped file alive until unmapped).
 * The environment variable LIGHTGBM_NATIVE_LIB_PATH, which lightgbm4j honours, is left to users who
 * installed the libraries themselves.
 *
 * <p>Call {@link #load()} before any lightgbm4j call; it is cheap after the first time. It changes
 * a system property for the duration of the load, so call it early, before other threads start.
 */
public final class LightGbmNative {

  private static volatile boolean loaded;

  private LightGbmNative() {}

  public static synchronized void load() {
    if (loaded) {
      return;
    }
    if (System.getenv("LIGHTGBM_NATIVE_LIB_PATH") != null) {
      init();
      loaded = true;
      return;
    }
    String tmp = System.getProperty("java.io.tmpdir");
    Path own;
    try {
      own = Files.createTempDirectory("lightgbm4j-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for LightGBM's library", e);
    }
    try {
      System.setProperty("java.io.tmpdir", own.toString());
      init();
    } finally {
      System.setProperty("java.io.tmpdir", tmp);
      deleteQuietly(own);
    }
    if (!LGBMBooster.isNativeLoaded()) {
      throw new IllegalStateException("LightGBM's native library could not be loaded");
    }
    loaded = true;
  }

  private static void init() {
    try {
      Class.forName(LGBMBooster.class.getName(), true, LightGbmNative.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // A leftover directory in the temporary folder is harmless.
    }
  }
}
