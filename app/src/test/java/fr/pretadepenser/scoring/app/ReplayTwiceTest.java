package fr.pretadepenser.scoring.app;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import fr.pretadepenser.scoring.broker.ProjectTopics;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.homecredit.Applicant;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import fr.pretadepenser.scoring.ingest.replay.Replay;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.schemas.Topics;
import fr.pretadepenser.scoring.scorer.ScorerConfig;
import fr.pretadepenser.scoring.scorer.ScorerService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Done means" on a real broker: the same data ingested twice onto a running scorer (a
 * retried ingest, {@code docker compose up} re-running its one-shot replay) gives exactly one
 * decision per application on {@code loan-decisions}, each equal to the batch path's ({@link
 * ApplicationScorer}, the code of {@code scoring score}) to the bit. Before event and application
 * identities, 300 generated applications gave 600 decisions and most second probabilities differed
 * (each client's history folded twice).
 */
class ReplayTwiceTest {

  static final int CLIENTS = 300;

  @TempDir Path tmp;

  @Test
  void theSameDataIngestedTwiceGivesOneDecisionPerApplicationEqualToTheBatchScore()
      throws Exception {
    String bootstrap = LocalKafkaBroker.shared().bootstrapServers();
    Path data =
        CommandTestSupport.generated(CommandTestSupport.SAMPLE, CLIENTS, 15, tmp.resolve("gen"));
    String run = "twice-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Topics topics = Topics.withPrefix(run);
    ProjectTopics.create(bootstrap, topics, 3);
    Replay.Options replay = new Replay.Options(bootstrap, data, null, Replay.Mode.ALL, run);

    try (ModelBundle bundle = ModelBundle.load(SampleBundle.shared())) {
      ScorerConfig config =
          ScorerConfig.defaults(bootstrap)
              .withApplicationId(run + "scorer")
              .withStateDir(tmp.resolve("state"))
              .withThreads(2)
              .withCommitIntervalMs(100)
              .withTopics(topics);
      List<Decision> decisions;
      try (ScorerService scorer =
          ScorerService.start(config, ApplicationScorer.of(bundle), null, 3)) {
        assertThat(Replay.run(replay, Replay.Listener.NONE).applications()).isEqualTo(CLIENTS);
        assertThat(EndToEndTest.readCommitted(bootstrap, topics.decisions(), CLIENTS, run + "d1"))
            .hasSize(CLIENTS);

        Replay.Summary again = Replay.run(replay, Replay.Listener.NONE);
        assertThat(again.applications()).isEqualTo(CLIENTS);
        awaitConsumed(bootstrap, run + "scorer", topics, Duration.ofMinutes(3));
        decisions = EndToEndTest.readCommitted(bootstrap, topics.decisions(), CLIENTS, run + "d2");
      }
      List<DeadLetter> letters =
          EndToEndTest.readCommitted(bootstrap, topics.deadLetters(), 0, run + "l");
      assertThat(letters).as("a re-sent event or application is no error").isEmpty();

      Map<String, Long> perApplication =
          decisions.stream()
              .collect(Collectors.groupingBy(Decision::getApplicationId, Collectors.counting()));
      assertThat(perApplication).hasSize(CLIENTS);
      assertThat(perApplication.values()).as("decisions per application").containsOnly(1L);

      HomeCreditData batch = HomeCreditData.load(data, Instant.now());
      ApplicationScorer reference = ApplicationScorer.of(bundle);
      Map<String, Applicant> byId = new HashMap<>();
      for (int i = 0; i < batch.size(); i++) {
        Applicant a = batch.applicant(i);
        byId.put(a.application().getApplicationId(), a);
      }
      for (Decision d : decisions) {
        Applicant a = byId.get(d.getApplicationId());
        ApplicationScorer.Scored expected =
            reference.scoreWhole(a.application(), a.history()).scored();
        assertThat(Double.doubleToLongBits(d.getProbability()))
            .as("probability of %s, to the bit", d.getApplicationId())
            .isEqualTo(Double.doubleToLongBits(expected.probability()));
      }
    }
  }

  /**
   * Waits until the scorer's consumer group has committed every input record: only then can the
   * absence of a second decision be asserted. The replay's producer is idempotent, not
   * transactional, so the inputs' end offsets carry no transaction marker the group could not
   * reach.
   */
  static void awaitConsumed(String bootstrap, String group, Topics topics, Duration limit)
      throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (String topic :
          List.of(topics.clientHistory().name(), topics.loanApplications().name())) {
        int partitions =
            admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions()
                .size();
        for (int p = 0; p < partitions; p++) {
          latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
      }
      Map<TopicPartition, Long> end = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
      long deadline = System.nanoTime() + limit.toNanos();
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        boolean done =
            end.entrySet().stream()
                .allMatch(
                    e ->
                        e.getValue() == 0
                            || (committed.get(e.getKey()) != null
                                && committed.get(e.getKey()).offset() >= e.getValue()));
        if (done) {
          return;
        }
        assertThat(System.nanoTime())
            .as("the scorer consumed both replays in time")
            .isLessThan(deadline);
        Thread.sleep(200);
      }
    }
  }
}
