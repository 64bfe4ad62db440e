package fr.pretadepenser.scoring.training;

import fr.pretadepenser.scoring.homecredit.HomeCreditFiles;
import fr.pretadepenser.scoring.homecredit.HomeCreditTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** The training data's fingerprint for the model's provenance. */
public final class TrainingData {

  private TrainingData() {}

  /**
   * SHA-256 over each present table's name and file bytes, in table order: the same files give the
   * same hash whatever folder they sit in (the bytes as stored, so .csv and .csv.gz differ).
   */
  public static String sha256(HomeCreditFiles files) {
    MessageDigest all = digest();
    for (Map.Entry<HomeCreditTable, Path> e : new java.util.TreeMap<>(files.files()).entrySet()) {
      all.update(e.getValue().getFileName().toString().getBytes(StandardCharsets.UTF_8));
      all.update(fileDigest(e.getValue()));
    }
    return HexFormat.of().formatHex(all.digest());
  }

  private static byte[] fileDigest(Path file) {
    MessageDigest d = digest();
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        d.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    return d.digest();
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
