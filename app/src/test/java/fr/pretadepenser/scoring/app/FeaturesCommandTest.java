package fr.pretadepenser.scoring.app;

import static fr.pretadepenser.scoring.app.CommandTestSupport.SAMPLE;
import static fr.pretadepenser.scoring.app.CommandTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.features.FeatureDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturesCommandTest {

  @TempDir Path dir;

  @Test
  void writesOneVectorPerSampleApplicant() throws IOException {
    Path out = dir.resolve("features.csv");
    Path vocabulary = dir.resolve("vocabulary.json");
    var r =
        run(
            "features",
            "--data",
            SAMPLE.toString(),
            "--out",
            out.toString(),
            "--vocabulary-out",
            vocabulary.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    String[] header = lines.get(0).split(",", -1);
    assertThat(header[0]).isEqualTo("SK_ID_CURR");
    assertThat(header[1]).isEqualTo("TARGET");
    assertThat(new HashSet<>(Arrays.asList(header))).hasSize(header.length);
    assertThat(lines).hasSize(3077);
    assertThat(lines.subList(1, lines.size()))
        .allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(header.length));
    assertThat(lines.get(1)).startsWith("100455,0,");
    assertThat(lines.get(3076)).startsWith("456214,");
    var v = FeaturesCommand.readVocabulary(vocabulary);
    assertThat(new FeatureDefinition(v).names())
        .containsExactly(Arrays.copyOfRange(header, 2, header.length));
    assertThat(Files.list(dir)).hasSize(2); // no temporary file left behind
  }

  @Test
  void aGivenVocabularyDecidesTheDummies() throws IOException {
    Path vocabulary = dir.resolve("v.json");
    Files.writeString(
        vocabulary, "{\"levels\":{\"application.NAME_CONTRACT_TYPE\":[\"Cash loans\"]}}");
    Path out = dir.resolve("f.csv");
    var r =
        run(
            "features",
            "--data",
            SAMPLE.toString(),
            "--out",
            out.toString(),
            "--vocabulary",
            vocabulary.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    String header = Files.readAllLines(out).get(0);
    assertThat(header)
        .contains("NAME_CONTRACT_TYPE_Cash_loans")
        .doesNotContain("NAME_CONTRACT_TYPE_Revolving_loans");
  }

  @Test
  void badInputExitsNonZeroWithFileLineAndColumn() throws IOException {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    List<String> app = Files.readAllLines(sampleApplicationAsText());
    String bad = app.get(2).replace(",Cash loans,", ",,");
    Files.write(data.resolve("application_train.csv"), List.of(app.get(0), app.get(1), bad));
    Path out = dir.resolve("f.csv");
    var r = run("features", "--data", data.toString(), "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "error: application_train.csv line 3, column NAME_CONTRACT_TYPE:"
                + " empty, but this column requires a value")
        .doesNotContain("\tat ");
    assertThat(out).doesNotExist();
    assertThat(Files.list(dir)).hasSize(1);

    var verbose = run("features", "--data", data.toString(), "--out", out.toString(), "--verbose");
    assertThat(verbose.exitCode()).isEqualTo(1);
    assertThat(verbose.err()).contains("\tat ");
  }

  @Test
  void missingFolderAndMissingOptions() {
    var r = run("features", "--data", dir.resolve("nope").toString(), "--out", "x.csv");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("nope: not a folder");
    var usage = run("features", "--data", dir.toString());
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.err()).contains("Missing required option: '--out=FILE.csv'");
  }

  @Test
  void everySubcommandHasHelp() {
    for (String[] args :
        List.of(
            new String[] {"--help"},
            new String[] {"features", "--help"},
            new String[] {"generate", "--help"})) {
      var r = run(args);
      assertThat(r.exitCode()).isZero();
      assertThat(r.out()).contains("Usage: scoring");
    }
    assertThat(run("generate", "--help").out()).contains("FOR LOAD AND SCALE TESTS ONLY");
  }

  private Path sampleApplicationAsText() throws IOException {
    Path text = dir.resolve("app.csv");
    try (var in =
        new java.util.zip.GZIPInputStream(
            Files.newInputStream(SAMPLE.resolve("application_train.csv.gz")))) {
      Files.copy(in, text);
    }
    List<String> head = Files.readAllLines(text).subList(0, 3);
    Files.delete(text);
    Path small = Files.createTempFile("app", ".csv");
    Files.write(small, head);
    small.toFile().deleteOnExit();
    return small;
  }
}
