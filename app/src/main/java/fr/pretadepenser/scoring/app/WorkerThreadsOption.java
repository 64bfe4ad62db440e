package fr.pretadepenser.scoring.app;

import picocli.CommandLine.Option;

/**
 * {@code --threads}: worker threads of a batch command over a data folder (default: one per core).
 * The services' and benchmarks' {@code --threads} count other things and keep their own words.
 */
final class WorkerThreadsOption {

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads (default: number of cores).")
  int count = Runtime.getRuntime().availableProcessors();

  int count() {
    return count;
  }

  /** The count, refused below 1 as the user's mistake. */
  int atLeastOne() {
    if (count < 1) {
      throw new UserException("--threads must be at least 1");
    }
    return count;
  }
}
