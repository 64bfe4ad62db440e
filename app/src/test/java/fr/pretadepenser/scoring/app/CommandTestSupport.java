package fr.pretadepenser.scoring.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the command line in-process and keeps what it printed. */
final class CommandTestSupport {

  static final Path SAMPLE = Path.of("..", "data", "home-credit-sample");

  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    CommandLine cmd = ScoringCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private CommandTestSupport() {}
}
