package fr.pretadepenser.scoring.homecredit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Kaggle tables of a folder are: each under its Kaggle name, as {@code .csv} or {@code
 * .csv.gz}. Only the application table (application_train, else application_test) is required.
 */
public record HomeCreditFiles(Path directory, Map<HomeCreditTable, Path> files) {

  public HomeCreditFiles {
    files = Collections.unmodifiableMap(new EnumMap<>(files));
  }

  /**
   * Finds the tables in {@code directory}.
   *
   * @throws DataFileException when the folder or its application table is missing
   */
  public static HomeCreditFiles locate(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new DataFileException(directory + ": not a folder");
    }
    Map<HomeCreditTable, Path> found = new EnumMap<>(HomeCreditTable.class);
    for (HomeCreditTable table : HomeCreditTable.values()) {
      find(directory, table).ifPresent(p -> found.put(table, p));
    }
    if (!found.containsKey(HomeCreditTable.APPLICATION)) {
      throw new DataFileException(
          directory
              + ": no application table (application_train.csv, application_train.csv.gz,"
              + " application_test.csv or application_test.csv.gz)");
    }
    return new HomeCreditFiles(directory, found);
  }

  private static Optional<Path> find(Path directory, HomeCreditTable table) {
    for (String name : table.fileNames()) {
      for (String ext : new String[] {".csv", ".csv.gz"}) {
        Path p = directory.resolve(name + ext);
        if (Files.isRegularFile(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  public Optional<Path> file(HomeCreditTable table) {
    return Optional.ofNullable(files.get(table));
  }

  /** Bytes on disk of every table found, for progress reporting. */
  public long totalBytes() {
    long total = 0;
    for (Path p : files.values()) {
      try {
        total += Files.size(p);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return total;
  }
}
