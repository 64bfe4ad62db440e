package fr.pretadepenser.scoring.app;

import static fr.pretadepenser.scoring.app.CommandTestSupport.SAMPLE;
import static fr.pretadepenser.scoring.app.CommandTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.homecredit.HomeCreditTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

  @TempDir Path dir;

  Path generate(String name, long seed, String... extra) {
    Path out = dir.resolve(name);
    String[] args = {
      "generate",
      "--from",
      SAMPLE.toString(),
      "--clients",
      "500",
      "--seed",
      "" + seed,
      "--out",
      out.toString()
    };
    String[] all =
        java.util.stream.Stream.concat(
                java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
            .toArray(String[]::new);
    var r = run(all);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return out;
  }

  @Test
  void sameSeedSameFiles() throws IOException {
    Path a = generate("a", 7);
    Path b = generate("b", 7);
    Path c = generate("c", 8);
    for (HomeCreditTable t : HomeCreditTable.values()) {
      String name =
          (t == HomeCreditTable.APPLICATION ? "application_train" : t.fileNames().get(0)) + ".csv";
      assertThat(Files.mismatch(a.resolve(name), b.resolve(name))).as(name).isEqualTo(-1L);
    }
    assertThat(Files.mismatch(a.resolve("bureau.csv"), c.resolve("bureau.csv"))).isNotEqualTo(-1L);
  }

  @Test
  void keepsHeadersAndGivesFreshConsistentIds() throws IOException {
    Path out = generate("g", 42, "--gzip");
    for (HomeCreditTable t : HomeCreditTable.values()) {
      String name =
          (t == HomeCreditTable.APPLICATION ? "application_train" : t.fileNames().get(0))
              + ".csv.gz";
      assertThat(firstLine(out.resolve(name))).isEqualTo(firstLine(SAMPLE.resolve(name)));
    }
    HomeCreditData source = HomeCreditData.load(SAMPLE, Instant.EPOCH);
    HomeCreditData copy = HomeCreditData.load(out, Instant.EPOCH);
    assertThat(copy.size()).isEqualTo(500);
    // Every history row found its parent: ids were rewritten consistently across tables.
    assertThat(copy.reports().values()).allSatisfy(r -> assertThat(r.rowsSkipped()).isZero());
    Set<Long> sourceIds = new HashSet<>();
    source.applicants().forEach(x -> sourceIds.add(x.clientId()));
    Set<Long> copyIds = new HashSet<>();
    for (int i = 0; i < copy.size(); i++) {
      Applicant a = copy.applicant(i);
      assertThat(sourceIds).doesNotContain(a.clientId());
      copyIds.add(a.clientId());
      assertThat(a.history().getBureau())
          .allSatisfy(b -> assertThat(b.getSKIDBUREAU()).isGreaterThanOrEqualTo(10_000_000L));
      assertThat(a.history().getInstalments())
          .allSatisfy(p -> assertThat(p.getSKIDPREV()).isGreaterThanOrEqualTo(10_000_000L));
    }
    assertThat(copyIds).hasSize(500);
  }

  @Test
  void rejectsBadCounts() {
    var r =
        run(
            "generate",
            "--from",
            SAMPLE.toString(),
            "--clients",
            "0",
            "--seed",
            "1",
            "--out",
            dir.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("--clients must be at least 1");
  }

  private static String firstLine(Path gz) throws IOException {
    try (var in =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(Files.newInputStream(gz))))) {
      return in.readLine();
    }
  }
}
