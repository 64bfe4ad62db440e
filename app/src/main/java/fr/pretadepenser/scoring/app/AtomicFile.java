package fr.pretadepenser.scoring.app;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file written under a temporary name beside its target and moved into place only when complete,
 * so that a failed run never leaves a half-written file under the real name.
 */
final class AtomicFile implements AutoCloseable {

  private final Path target;
  private final Path temp;
  private boolean committed;

  AtomicFile(Path target) throws IOException {
    this.target = target.toAbsolutePath();
    Path dir = this.target.getParent();
    Files.createDirectories(dir);
    // A plain file (not createTempFile, whose owner-only permissions would carry over to the
    // result), named after the target and this process so parallel runs do not collide.
    this.temp =
        dir.resolve(
            "." + this.target.getFileName() + "." + ProcessHandle.current().pid() + ".part");
    Files.deleteIfExists(temp);
  }

  Path temp() {
    return temp;
  }

  void commit() throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    committed = true;
  }

  @Override
  public void close() throws IOException {
    if (!committed) {
      Files.deleteIfExists(temp);
    }
  }
}
