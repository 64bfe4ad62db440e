package fr.pretadepenser.scoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description the dashboard serves ({@code /v3/api-docs}) equals the snapshot the front
 * end's TypeScript types are generated from ({@code dashboard-frontend/openapi.json}), so that a
 * change of a JSON body in Java cannot leave the pages reading fields that are not there any more.
 *
 * <p>When the API changes on purpose, the same test rewrites the snapshot: run it with {@code
 * -Dopenapi.snapshot.update=true} (the command is in {@link #REFRESH}); the front end's next build
 * generates its types from the new snapshot, and the TypeScript compiler then points at every page
 * that reads a field differently.
 */
class OpenApiSnapshotTest {

  static final Path SNAPSHOT =
      Path.of("..", "dashboard-frontend", "openapi.json").toAbsolutePath().normalize();

  static final String REFRESH =
      "mvn -B -pl dashboard-backend -am verify -Dsurefire.failIfNoSpecifiedTests=false"
          + " -Dtest=OpenApiSnapshotTest -Dopenapi.snapshot.update=true";

  /**
   * Keys sorted and indented, so that the snapshot does not depend on the order in which springdoc
   * happens to find the controllers, and a change shows as a readable diff.
   */
  static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  @Test
  void theServedDescriptionIsTheFrontEndsSnapshot() throws IOException {
    String served =
        TestDashboard.get()
            .advisor()
            .get()
            .uri("/v3/api-docs")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    String normalised = normalise(served);
    if (Boolean.getBoolean("openapi.snapshot.update")) {
      Files.writeString(SNAPSHOT, normalised, StandardCharsets.UTF_8);
      System.out.println("OpenAPI snapshot rewritten: " + SNAPSHOT);
      return;
    }
    assertThat(Files.exists(SNAPSHOT))
        .as("the snapshot %s exists; create it with:%n%s", SNAPSHOT, REFRESH)
        .isTrue();
    String snapshot = Files.readString(SNAPSHOT, StandardCharsets.UTF_8);
    if (!normalised.equals(snapshot)) {
      fail(
          "The OpenAPI description the dashboard serves differs from %s:%n%s%nIf the API change is"
              + " meant, refresh the snapshot (the front end's types follow at its next build):"
              + "%n%s",
          SNAPSHOT, firstDifference(snapshot, normalised), REFRESH);
    }
  }

  /**
   * The description without what depends on the run: the server's address (a random port here),
   * with sorted keys and a final newline.
   */
  @SuppressWarnings("unchecked")
  static String normalise(String description) {
    Map<String, Object> doc = JSON.readValue(description, Map.class);
    doc.remove("servers");
    return JSON.writeValueAsString(doc) + "\n";
  }

  /** The first line where the two differ, as the snapshot has it and as served. */
  static String firstDifference(String snapshot, String served) {
    List<String> x = snapshot.lines().toList();
    List<String> y = served.lines().toList();
    int i = 0;
    while (i < x.size() && i < y.size() && x.get(i).equals(y.get(i))) {
      i++;
    }
    return String.format(
        "line %d%n  snapshot: %s%n  served:   %s",
        i + 1,
        i < x.size() ? x.get(i).strip() : "(end)",
        i < y.size() ? y.get(i).strip() : "(end)");
  }
}
