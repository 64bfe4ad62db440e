package fr.pretadepenser.scoring.dashboard.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.DecisionOverride;
import fr.pretadepenser.scoring.events.OverrideCategory;
import fr.pretadepenser.scoring.events.OversightAction;
import fr.pretadepenser.scoring.schemas.Topics;
import fr.pretadepenser.scoring.schemas.audit.ChainVerifier;
import fr.pretadepenser.scoring.schemas.audit.TrailTopic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The trail's writer on a real broker: it creates the topic with one partition, two writers with
 * the same transactional id (two dashboards) fence each other in turn and the chain never forks,
 * and a new writer (a restarted dashboard) continues the chain from the tail it reads back.
 */
class TrailWriterTest {

  static DecisionOverride.Builder entry(int n) {
    return DecisionOverride.newBuilder()
        .setOverrideId(UUID.randomUUID().toString())
        .setAction(OversightAction.NOTE)
        .setApplicationId("app-" + n)
        .setSKIDCURR(n)
        .setDecisionId("d-" + n)
        .setFromDecision(DecisionOutcome.REVIEW)
        .setToDecision(DecisionOutcome.REVIEW)
        .setCategory(OverrideCategory.OTHER)
        .setReason("note " + n)
        .setActor("advisor")
        .setActorRole("ADVISOR")
        .setAt(Instant.now())
        .setModelVersion("m")
        .setProbability(0.5)
        .setThreshold(0.4);
  }

  @Test
  void twoWritersOfOneIdFenceEachOtherAndTheChainNeverForks() throws Exception {
    LocalKafkaBroker kafka = LocalKafkaBroker.shared();
    Topics topics =
        Topics.withPrefix("trail-" + UUID.randomUUID().toString().substring(0, 8) + ".");
    String id = topics.decisionOverrides().name() + "-writer";
    List<Long> sequences = new ArrayList<>();
    try (TrailWriter a =
            new TrailWriter(
                kafka.bootstrapServers(), topics.decisionOverrides(), id, Duration.ofSeconds(30));
        TrailWriter b =
            new TrailWriter(
                kafka.bootstrapServers(), topics.decisionOverrides(), id, Duration.ofSeconds(30))) {
      sequences.add(a.append(entry(0)).getSequence());
      sequences.add(a.append(entry(1)).getSequence());
      // b opens: a is fenced from now on.
      sequences.add(b.append(entry(2)).getSequence());
      // a's commit is refused; it opens again (fencing b), reads the tail b wrote, and links to it.
      sequences.add(a.append(entry(3)).getSequence());
      sequences.add(b.append(entry(4)).getSequence());
      assertThat(a.fenced() + b.fenced()).isGreaterThanOrEqualTo(2);
    }
    // A restarted dashboard continues the chain.
    try (TrailWriter c =
        new TrailWriter(
            kafka.bootstrapServers(), topics.decisionOverrides(), id, Duration.ofSeconds(30))) {
      sequences.add(c.append(entry(5)).getSequence());
    }
    assertThat(sequences).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(
            kafka
                .admin()
                .describeTopics(List.of(topics.decisionOverrides().name()))
                .allTopicNames()
                .get()
                .get(topics.decisionOverrides().name())
                .partitions())
        .hasSize(1);
    ChainVerifier.Verdict v =
        TrailTopic.verify(
            kafka.bootstrapServers(), topics.decisionOverrides(), Duration.ofSeconds(30));
    assertThat(v.json())
        .isEqualTo("{\"entries\":6,\"valid\":true,\"first_broken\":null,\"reason\":null}");
  }
}
