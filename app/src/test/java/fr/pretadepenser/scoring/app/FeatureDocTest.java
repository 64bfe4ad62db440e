package fr.pretadepenser.scoring.app;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/FEATURES.md is generated from the code; this test fails when it no longer matches it. */
class FeatureDocTest {

  private static final Path DOC = Path.of("..", "docs", "FEATURES.md");

  @Test
  void featuresDocumentMatchesTheDefinitionOnTheSample() throws Exception {
    String expected =
        CatalogueCommand.markdown(
            HomeCreditData.load(CommandTestSupport.SAMPLE, Instant.EPOCH).vocabulary());
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as(
            "docs/FEATURES.md is stale; regenerate it with: bin/scoring catalogue"
                + " --data data/home-credit-sample --out docs/FEATURES.md")
        .isEqualTo(expected);
  }

  @Test
  void catalogueCommandWritesTheSameDocument(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("features.md");
    CommandTestSupport.Run run =
        CommandTestSupport.run(
            "catalogue", "--data", CommandTestSupport.SAMPLE.toString(), "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(out)).isEqualTo(Files.readString(DOC));
  }

  @Test
  void catalogueNeedsExactlyOneSource(@TempDir Path dir) {
    CommandTestSupport.Run run =
        CommandTestSupport.run("catalogue", "--out", dir.resolve("x.md").toString());
    assertThat(run.exitCode()).isEqualTo(ScoringCli.BAD_INPUT);
    assertThat(run.err()).contains("exactly one of --data or --vocabulary");
  }
}
