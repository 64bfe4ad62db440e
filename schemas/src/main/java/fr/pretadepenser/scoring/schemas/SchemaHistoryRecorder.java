package fr.pretadepenser.scoring.schemas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Records each top-level schema whose wire format changed as the next committed version ({@code
 * <history>/<Name>/v<N+1>.avsc}), after checking it can read every committed version. Nothing is
 * written when any schema is incompatible. Usage is in schemas/README.md.
 */
public final class SchemaHistoryRecorder {

  static final String DEFAULT_DIRECTORY = "schemas/src/main/resources/" + SchemaHistory.ROOT;

  /** What a run did or would have done, line by line, and whether it refused. */
  record Outcome(List<String> lines, boolean refused) {}

  private record Plan(Schema current, int nextNumber, boolean changed) {}

  private SchemaHistoryRecorder() {}

  /**
   * @param args optionally the history directory; default {@value #DEFAULT_DIRECTORY}, relative to
   *     the repository root
   */
  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args.length > 0 ? args[0] : DEFAULT_DIRECTORY);
    if (!Files.isDirectory(directory)) {
      System.err.println(
          "No history directory "
              + directory.toAbsolutePath()
              + ": run from the repository root or pass the directory as argument");
      System.exit(2);
    }
    List<Schema> currents =
        SchemaHistory.TOP_LEVEL_TYPES.stream().map(SchemaHistory::current).toList();
    Outcome outcome = record(directory, currents);
    outcome.lines().forEach(outcome.refused() ? System.err::println : System.out::println);
    if (outcome.refused()) {
      System.exit(1);
    }
  }

  /** Checks every schema first, then writes the new versions only if all are compatible. */
  static Outcome record(Path directory, List<Schema> currents) throws IOException {
    List<String> lines = new ArrayList<>();
    List<Plan> plans = new ArrayList<>();
    boolean refused = false;
    for (Schema current : currents) {
      List<Schema> committed = readCommitted(directory.resolve(current.getName()));
      boolean changed =
          committed.isEmpty()
              || SchemaHistory.fingerprint(committed.get(committed.size() - 1))
                  != SchemaHistory.fingerprint(current);
      for (int i = 0; changed && i < committed.size(); i++) {
        for (String problem : BackwardCompatibility.problems(current, committed.get(i))) {
          lines.add(current.getName() + " cannot read v" + (i + 1) + ": " + problem);
          refused = true;
        }
      }
      plans.add(new Plan(current, committed.size() + 1, changed));
    }
    if (refused) {
      lines.add("Nothing recorded: make the change BACKWARD compatible (see schemas/README.md).");
      return new Outcome(List.copyOf(lines), true);
    }
    for (Plan plan : plans) {
      String name = plan.current().getName();
      if (!plan.changed()) {
        lines.add(name + ": unchanged, latest is v" + (plan.nextNumber() - 1));
        continue;
      }
      Path file = directory.resolve(name).resolve("v" + plan.nextNumber() + ".avsc");
      Files.createDirectories(file.getParent());
      Files.writeString(file, plan.current().toString(true) + "\n", StandardCharsets.UTF_8);
      lines.add(name + ": recorded " + file);
    }
    return new Outcome(List.copyOf(lines), false);
  }

  private static List<Schema> readCommitted(Path typeDirectory) throws IOException {
    List<Schema> versions = new ArrayList<>();
    for (int number = 1; ; number++) {
      Path file = typeDirectory.resolve("v" + number + ".avsc");
      if (!Files.exists(file)) {
        return versions;
      }
      versions.add(new Schema.Parser().parse(file.toFile()));
    }
  }
}
