package fr.pretadepenser.scoring.app;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.broker.LocalKafkaBroker;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.DecisionOverride;
import fr.pretadepenser.scoring.events.OverrideCategory;
import fr.pretadepenser.scoring.events.OversightAction;
import fr.pretadepenser.scoring.schemas.Topic;
import fr.pretadepenser.scoring.schemas.Topics;
import fr.pretadepenser.scoring.schemas.audit.OverrideChain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit verify} and {@code audit export} on a real broker: a sound trail passes (exit 0, the
 * JSON line last); a copy with one byte of an entry's reason changed fails at that entry's
 * sequence, whether the copy is a file or a second topic; a removed entry is a gap.
 */
class AuditCommandTest {

  @TempDir Path tmp;

  static List<DecisionOverride> chain(int size) {
    List<DecisionOverride> out = new ArrayList<>();
    OverrideChain.Tail tail = OverrideChain.Tail.EMPTY;
    for (int i = 0; i < size; i++) {
      DecisionOverride e =
          OverrideChain.seal(
              DecisionOverride.newBuilder()
                  .setOverrideId(UUID.randomUUID().toString())
                  .setAction(OversightAction.DECIDE_REVIEW)
                  .setApplicationId("app-" + i)
                  .setSKIDCURR(100_000 + i)
                  .setDecisionId("d-" + i)
                  .setFromDecision(DecisionOutcome.REVIEW)
                  .setToDecision(DecisionOutcome.GRANTED)
                  .setCategory(OverrideCategory.INCOME_VERIFIED)
                  .setReason("Payslips seen for case " + i)
                  .setActor("advisor")
                  .setActorRole("ADVISOR")
                  .setAt(Instant.now())
                  .setModelVersion("m1")
                  .setProbability(0.1 + i / 100.0)
                  .setThreshold(0.09),
              tail);
      out.add(e);
      tail = OverrideChain.Tail.after(e);
    }
    return out;
  }

  /** Writes {@code entries} onto the trail topic of {@code topics}, in one transaction. */
  static void publish(LocalKafkaBroker kafka, Topics topics, List<DecisionOverride> entries)
      throws Exception {
    Topic<String, DecisionOverride> t = topics.decisionOverrides();
    kafka.admin().createTopics(List.of(t.newTopic(1))).all().get();
    try (KafkaProducer<String, DecisionOverride> p =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                t.name() + "-test"),
            t.keySerde().serializer(),
            t.valueSerde().serializer())) {
      p.initTransactions();
      p.beginTransaction();
      for (DecisionOverride e : entries) {
        p.send(new ProducerRecord<>(t.name(), e.getApplicationId().toString(), e));
      }
      p.commitTransaction();
    }
  }

  @Test
  void aSoundTrailPassesAndOneChangedByteInACopyFails() throws Exception {
    LocalKafkaBroker kafka = LocalKafkaBroker.shared();
    String prefix = "audit-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    List<DecisionOverride> trail = chain(4);
    publish(kafka, Topics.withPrefix(prefix), trail);

    CommandTestSupport.Run ok =
        CommandTestSupport.run(
            "audit", "verify", "--bootstrap", kafka.bootstrapServers(), "--topic-prefix", prefix);
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out().strip().lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo("{\"entries\":4,\"valid\":true,\"first_broken\":null,\"reason\":null}");

    Path copy = tmp.resolve("trail.jsonl");
    CommandTestSupport.Run export =
        CommandTestSupport.run(
            "audit",
            "export",
            "--bootstrap",
            kafka.bootstrapServers(),
            "--topic-prefix",
            prefix,
            "--out",
            copy.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(CommandTestSupport.run("audit", "verify", "--file", copy.toString()).exitCode())
        .isZero();

    // One byte of entry 2's reason flipped in the file.
    byte[] bytes = Files.readAllBytes(copy);
    String text = new String(bytes, StandardCharsets.UTF_8);
    int at = text.indexOf("case 2");
    bytes[at] ^= 0x01; // 'c' becomes 'b'
    Path tampered = tmp.resolve("tampered.jsonl");
    Files.write(tampered, bytes);
    CommandTestSupport.Run broken =
        CommandTestSupport.run("audit", "verify", "--file", tampered.toString());
    assertThat(broken.exitCode()).isEqualTo(AuditCommand.BROKEN);
    assertThat(broken.err()).contains("broken at sequence 2");
    assertThat(broken.out()).contains("\"valid\":false,\"first_broken\":2");

    // The same change in a copy on a second topic.
    String other = "audit-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    List<DecisionOverride> changed = new ArrayList<>(trail);
    DecisionOverride e = DecisionOverride.newBuilder(trail.get(2)).build();
    e.setReason("Payslips seen for base 2");
    changed.set(2, e);
    publish(kafka, Topics.withPrefix(other), changed);
    CommandTestSupport.Run onKafka =
        CommandTestSupport.run(
            "audit", "verify", "--bootstrap", kafka.bootstrapServers(), "--topic-prefix", other);
    assertThat(onKafka.exitCode()).isEqualTo(AuditCommand.BROKEN);
    assertThat(onKafka.out()).contains("\"first_broken\":2");

    // An entry removed: a gap.
    String gap = "audit-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    List<DecisionOverride> removed = new ArrayList<>(trail);
    removed.remove(1);
    publish(kafka, Topics.withPrefix(gap), removed);
    CommandTestSupport.Run missing =
        CommandTestSupport.run(
            "audit", "verify", "--bootstrap", kafka.bootstrapServers(), "--topic-prefix", gap);
    assertThat(missing.exitCode()).isEqualTo(AuditCommand.BROKEN);
    assertThat(missing.err()).contains("sequence 1 is missing");
  }

  @Test
  void badInputIsToldInOneLine() {
    CommandTestSupport.Run none =
        CommandTestSupport.run(
            "audit",
            "verify",
            "--bootstrap",
            LocalKafkaBroker.shared().bootstrapServers(),
            "--topic-prefix",
            "absent-" + UUID.randomUUID().toString().substring(0, 8) + ".",
            "--timeout-seconds",
            "10");
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.err()).contains("does not exist");
    CommandTestSupport.Run file =
        CommandTestSupport.run("audit", "verify", "--file", tmp.resolve("nothing").toString());
    assertThat(file.exitCode()).isEqualTo(1);
    assertThat(file.err()).contains("no such file");
    // One source, not both, not none.
    assertThat(CommandTestSupport.run("audit", "verify").exitCode()).isNotZero();
  }
}
