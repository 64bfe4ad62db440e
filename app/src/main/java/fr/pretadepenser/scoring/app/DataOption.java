package fr.pretadepenser.scoring.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --data}: the folder of Kaggle Home Credit tables a command reads (required). The demo's
 * {@code --data} has a default and its own words, so it is not this one.
 */
final class DataOption {

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "Folder of tables.")
  Path dir;

  Path dir() {
    return dir;
  }
}
