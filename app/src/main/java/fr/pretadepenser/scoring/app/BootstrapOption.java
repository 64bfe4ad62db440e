package fr.pretadepenser.scoring.app;

import picocli.CommandLine.Option;

/** {@code --bootstrap}: the Kafka every service command reads and writes (required). */
final class BootstrapOption {

  @Option(
      names = "--bootstrap",
      required = true,
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers.")
  String servers;

  String servers() {
    return servers;
  }
}
