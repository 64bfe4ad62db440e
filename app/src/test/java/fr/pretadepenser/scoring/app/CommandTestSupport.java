package fr.pretadepenser.scoring.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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

  /**
   * As {@link #run}, for commands whose harness prints on {@code System.out} (the benchmarks): that
   * output is the run's {@code out}, and is echoed to the test's log.
   */
  static Run runCapturingStdout(String... args) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    Run r;
    System.setOut(new PrintStream(captured, true));
    try {
      r = run(args);
    } finally {
      System.setOut(stdout);
    }
    String out = captured.toString();
    System.out.print(out);
    return new Run(r.exitCode(), out, r.err());
  }

  /** {@code generate}: {@code clients} synthetic clients from {@code from} into {@code out}. */
  static Path generated(Path from, int clients, long seed, Path out) {
    Run g =
        run(
            "generate",
            "--from",
            from.toString(),
            "--clients",
            String.valueOf(clients),
            "--seed",
            String.valueOf(seed),
            "--out",
            out.toString());
    assertThat(g.exitCode()).as(g.err()).isZero();
    return out;
  }

  private CommandTestSupport() {}
}
