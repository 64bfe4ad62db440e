package fr.pretadepenser.scoring.homecredit.prep;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's split of the shipped sample: by client, disjoint, complete, the same for a seed. */
class DemoSplitTest {

  static final Path SAMPLE = Path.of("..", "data", "home-credit-sample");

  @Test
  void splitsClientsWithTheirHistoryAndTheSameWayForASeed(@TempDir Path dir) throws IOException {
    DemoSplit.Parts a = DemoSplit.write(SAMPLE, dir.resolve("a"), 0.2, 42);
    DemoSplit.Parts b = DemoSplit.write(SAMPLE, dir.resolve("b"), 0.2, 42);

    HomeCreditData sample = HomeCreditData.load(SAMPLE, Instant.EPOCH);
    HomeCreditData train = HomeCreditData.load(a.train(), Instant.EPOCH);
    HomeCreditData fresh = HomeCreditData.load(a.fresh(), Instant.EPOCH);
    assertThat(train.size()).isEqualTo(a.trainClients());
    assertThat(fresh.size()).isEqualTo(a.freshClients());
    assertThat(a.trainClients() + a.freshClients()).isEqualTo(sample.size());
    assertThat(a.freshClients())
        .isCloseTo(sample.size() / 5, org.assertj.core.data.Offset.offset(2));
    Set<Long> trainIds = new HashSet<>();
    train.applicants().forEach(x -> trainIds.add(x.clientId()));
    fresh.applicants().forEach(x -> assertThat(trainIds).doesNotContain(x.clientId()));
    // Every history row went with its client.
    assertThat(train.reports().values()).allSatisfy(r -> assertThat(r.rowsSkipped()).isZero());
    assertThat(fresh.reports().values()).allSatisfy(r -> assertThat(r.rowsSkipped()).isZero());

    try (var files = Files.list(a.fresh())) {
      for (Path f : files.toList()) {
        assertThat(Files.mismatch(f, b.fresh().resolve(f.getFileName())))
            .as(f.toString())
            .isEqualTo(-1L);
      }
    }
  }
}
