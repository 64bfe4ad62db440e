package fr.pretadepenser.scoring.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: the build's way to run {@link SchemaHistoryRecorder} without an extra plugin. Run
 * {@code mvn -B -q -pl schemas test -Dtest=RecordSchemaHistory -Dschemas.recordHistory=true}.
 */
class RecordSchemaHistory {

  @Test
  @EnabledIfSystemProperty(named = "schemas.recordHistory", matches = "true")
  void recordChangedSchemas() throws Exception {
    // Surefire runs in the module directory, so this is the source tree, not target/classes.
    var outcome =
        SchemaHistoryRecorder.record(
            Path.of("src/main/resources", SchemaHistory.ROOT),
            SchemaHistory.TOP_LEVEL_TYPES.stream().map(SchemaHistory::current).toList());
    outcome.lines().forEach(System.out::println);
    assertThat(outcome.refused()).as(String.join("\n", outcome.lines())).isFalse();
  }
}
