package fr.pretadepenser.scoring.scorer;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * State directories in memory (/dev/shm) where the machine has it. TopologyTestDriver commits, and
 * so flushes RocksDB to disk, after every single record; on a real disk that is ~30 ms a record and
 * a client's few hundred history events take seconds. A running scorer flushes only at checkpoints,
 * so this is a cost of the test driver, not of the scorer.
 */
public final class ShmTempDirs implements TempDirFactory {

  private static final Path SHM = Path.of("/dev/shm");

  @Override
  public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context)
      throws Exception {
    if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
      return Files.createTempDirectory(SHM, "scorer-test-");
    }
    return Files.createTempDirectory("scorer-test-");
  }
}
