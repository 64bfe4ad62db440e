package fr.pretadepenser.scoring.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.events.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps every top-level schema able to read every committed version of itself (BACKWARD), so a
 * consumer upgraded first still reads what older producers wrote and what topics and state stores
 * kept.
 */
class SchemaEvolutionTest {

  static Stream<Class<? extends SpecificRecord>> topLevelTypes() {
    return SchemaHistory.TOP_LEVEL_TYPES.stream();
  }

  @ParameterizedTest
  @MethodSource("topLevelTypes")
  void currentSchemaReadsEveryCommittedVersion(Class<? extends SpecificRecord> type) {
    Schema current = SchemaHistory.current(type);
    List<SchemaHistory.Version> committed = SchemaHistory.committed(type);
    assertThat(committed).as("committed versions of " + current.getName()).isNotEmpty();

    List<String> problems = new ArrayList<>();
    for (SchemaHistory.Version version : committed) {
      for (String problem : BackwardCompatibility.problems(current, version.schema())) {
        problems.add(current.getName() + " cannot read " + version + ": " + problem);
      }
    }
    assertThat(problems)
        .as(
            "%s is no longer BACKWARD compatible; add fields as optional with a default"
                + " instead (schemas/README.md):%n%s",
            current.getName(), String.join("\n", problems))
        .isEmpty();
  }

  @ParameterizedTest
  @MethodSource("topLevelTypes")
  void currentWireFormatIsCommittedAsTheLatestVersion(Class<? extends SpecificRecord> type) {
    Schema current = SchemaHistory.current(type);
    List<SchemaHistory.Version> committed = SchemaHistory.committed(type);
    assertThat(committed).isNotEmpty();
    SchemaHistory.Version latest = committed.get(committed.size() - 1);
    assertThat(latest.fingerprint())
        .as(
            "%s changed on the wire since %s: record it as v%d with `mvn -B -q -pl schemas test"
                + " -Dtest=RecordSchemaHistory -Dschemas.recordHistory=true` and commit the file",
            current.getName(), latest, latest.number() + 1)
        .isEqualTo(SchemaHistory.fingerprint(current));
  }

  // The guard must be able to fail, or the tests above prove nothing.
  @Test
  void aNewRequiredFieldIsReportedIncompatible() {
    Schema previous = Decision.getClassSchema();
    Schema changed = withExtraField(previous, "{\"name\": \"score_band\", \"type\": \"string\"}");

    assertThat(BackwardCompatibility.problems(changed, previous))
        .singleElement()
        .asString()
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
        .contains("score_band");
  }

  @Test
  void aNewOptionalFieldWithADefaultIsCompatible() {
    Schema previous = Decision.getClassSchema();
    Schema changed =
        withExtraField(
            previous,
            "{\"name\": \"score_band\", \"type\": [\"null\", \"string\"], \"default\": null}");

    assertThat(BackwardCompatibility.problems(changed, previous)).isEmpty();
  }

  @Test
  void aNarrowedTypeIsReportedIncompatible() {
    Schema previous =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"x\",\"type\":\"long\"}]}");
    Schema changed =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");

    assertThat(BackwardCompatibility.problems(changed, previous))
        .singleElement()
        .asString()
        .contains("TYPE_MISMATCH")
        .contains("/fields/0/type");
  }

  /** The schema's JSON with one more field at the end, as someone editing the .avsc would. */
  static Schema withExtraField(Schema schema, String fieldJson) {
    String json = schema.toString();
    String extended = json.substring(0, json.lastIndexOf(']')) + "," + fieldJson + "]}";
    return new Schema.Parser().parse(extended);
  }
}
