package fr.pretadepenser.scoring.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaHistoryRecorderTest {

  @TempDir Path history;

  @Test
  void recordsV1ThenNothingWhileUnchanged() throws Exception {
    var first = SchemaHistoryRecorder.record(history, List.of(Decision.getClassSchema()));
    assertThat(first.refused()).isFalse();
    Path v1 = history.resolve("Decision/v1.avsc");
    assertThat(new Schema.Parser().parse(v1.toFile())).isEqualTo(Decision.getClassSchema());

    var second = SchemaHistoryRecorder.record(history, List.of(Decision.getClassSchema()));
    assertThat(second.lines()).containsExactly("Decision: unchanged, latest is v1");
    assertThat(history.resolve("Decision/v2.avsc")).doesNotExist();
  }

  @Test
  void recordsACompatibleChangeAsTheNextVersion() throws Exception {
    SchemaHistoryRecorder.record(history, List.of(Decision.getClassSchema()));
    Schema changed =
        SchemaEvolutionTest.withExtraField(
            Decision.getClassSchema(),
            "{\"name\": \"note\", \"type\": [\"null\", \"string\"], \"default\": null}");

    var outcome = SchemaHistoryRecorder.record(history, List.of(changed));

    assertThat(outcome.refused()).isFalse();
    assertThat(new Schema.Parser().parse(history.resolve("Decision/v2.avsc").toFile()))
        .isEqualTo(changed);
  }

  @Test
  void refusesAnIncompatibleChangeAndWritesNothing() throws Exception {
    SchemaHistoryRecorder.record(
        history, List.of(Decision.getClassSchema(), DeadLetter.getClassSchema()));
    Schema changed =
        SchemaEvolutionTest.withExtraField(
            Decision.getClassSchema(), "{\"name\": \"note\", \"type\": \"string\"}");
    Schema deadLetterChanged =
        SchemaEvolutionTest.withExtraField(
            DeadLetter.getClassSchema(),
            "{\"name\": \"note\", \"type\": [\"null\", \"string\"], \"default\": null}");

    var outcome = SchemaHistoryRecorder.record(history, List.of(changed, deadLetterChanged));

    assertThat(outcome.refused()).isTrue();
    assertThat(outcome.lines())
        .anySatisfy(
            line -> assertThat(line).startsWith("Decision cannot read v1: ").contains("note"));
    assertThat(history.resolve("Decision/v2.avsc")).doesNotExist();
    assertThat(history.resolve("DeadLetter/v2.avsc")).doesNotExist();
    assertThat(Files.list(history.resolve("DeadLetter"))).hasSize(1);
  }
}
