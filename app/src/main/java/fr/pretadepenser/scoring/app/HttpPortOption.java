package fr.pretadepenser.scoring.app;

import picocli.CommandLine.Option;

/**
 * {@code --port}: the HTTP port of a web command ({@code intake}, {@code dashboard}); each gives
 * its own default by building the mixin itself ({@code @Mixin HttpPortOption port = new
 * HttpPortOption(8080)}: picocli keeps an instance already there and shows its value as the
 * default).
 */
final class HttpPortOption {

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int number;

  HttpPortOption(int defaultPort) {
    this.number = defaultPort;
  }

  int number() {
    return number;
  }
}
