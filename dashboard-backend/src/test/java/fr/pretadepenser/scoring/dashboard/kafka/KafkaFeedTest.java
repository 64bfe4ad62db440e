package fr.pretadepenser.scoring.dashboard.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.dashboard.monitoring.MonitoringView;
import fr.pretadepenser.scoring.events.DeadLetter;
import fr.pretadepenser.scoring.schemas.Topics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/**
 * The reader does not die quietly: an Error thrown while reading (here an OutOfMemoryError from
 * {@code poll}, as a huge record would throw) turns the health DOWN, the reader starts again from
 * the record after the last one handled, and the health is UP again; a reader that keeps failing
 * gives up with the health DOWN. Kafka's own {@link MockConsumer} stands in for the broker: what is
 * tested is the loop around it.
 */
class KafkaFeedTest {

  private final Topics topics = Topics.withPrefix("feed-test.");
  private final TopicPartition dlq = new TopicPartition(topics.deadLetters().name(), 0);
  private final DashboardView view =
      new DashboardView(10, 10, 10, (kind, summary) -> {}, Clock.systemUTC());
  private final List<MockConsumer<byte[], byte[]>> made = new ArrayList<>();

  private MockConsumer<byte[], byte[]> consumer(int firstOffset, int records, boolean thenFail) {
    MockConsumer<byte[], byte[]> c = new MockConsumer<>("earliest");
    c.schedulePollTask(
        () -> {
          c.rebalance(List.of(dlq));
          c.updateBeginningOffsets(Map.of(dlq, 0L));
          long from = c.position(dlq);
          for (int i = 0; i < records; i++) {
            long offset = firstOffset + i;
            if (offset >= from) {
              c.addRecord(
                  new ConsumerRecord<>(dlq.topic(), 0, offset, new byte[] {1}, deadLetter(offset)));
            }
          }
        });
    if (thenFail) {
      c.schedulePollTask(
          () -> {
            throw new OutOfMemoryError("test: Java heap space");
          });
    }
    return c;
  }

  private byte[] deadLetter(long offset) {
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setSourceTopic("elsewhere")
            .setSourcePartition(0)
            .setSourceOffset(offset)
            .setReason("test")
            .setStage("other/test")
            .setValue(ByteBuffer.wrap(new byte[] {0}))
            .setFailedAt(Instant.EPOCH)
            .build();
    return topics.deadLetters().valueSerde().serializer().serialize(dlq.topic(), letter);
  }

  @Test
  void aReaderKilledByAnErrorTurnsHealthDownAndReadsAgainFromWhereItWas() throws Exception {
    // First reader: offsets 0-2, then an OutOfMemoryError from poll. Second: offsets 0-4 on the
    // topic; it must read only 3 and 4 (seeked past what was handled).
    List<MockConsumer<byte[], byte[]>> plan =
        new ArrayList<>(List.of(consumer(0, 3, true), consumer(0, 5, false)));
    KafkaFeed feed =
        new KafkaFeed(
            () -> {
              MockConsumer<byte[], byte[]> c = plan.remove(0);
              made.add(c);
              return c;
            },
            topics,
            view,
            new MonitoringView(10, 10),
            Duration.ofMillis(700),
            Clock.systemUTC());
    feed.start();
    try {
      await(() -> made.size() == 1 && feed.health().getStatus().equals(Status.DOWN), "DOWN");
      assertThat(view.stats().deadLetters()).isEqualTo(3);
      assertThat(feed.health().getDetails()).containsEntry("lastFailure", "OutOfMemoryError");

      await(() -> feed.restarts() == 1 && feed.health().getStatus().equals(Status.UP), "UP again");
      await(() -> view.stats().deadLetters() == 5, "the last two records read");
      Thread.sleep(300);
      assertThat(view.stats().deadLetters()).isEqualTo(5);
      assertThat(made.get(0).closed()).isTrue();
    } finally {
      feed.stop();
    }
  }

  @Test
  void aReaderThatKeepsFailingGivesUpWithTheHealthDown() throws Exception {
    KafkaFeed feed =
        new KafkaFeed(
            () -> {
              MockConsumer<byte[], byte[]> c = consumer(0, 0, true);
              made.add(c);
              return c;
            },
            topics,
            view,
            new MonitoringView(10, 10),
            Duration.ofMillis(10),
            Clock.systemUTC());
    feed.start();
    try {
      await(() -> made.size() == KafkaFeed.MAX_RESTARTS + 1 && !feed.isRunning(), "gave up");
      Thread.sleep(200);
      assertThat(made).hasSize(KafkaFeed.MAX_RESTARTS + 1);
      assertThat(feed.health().getStatus()).isEqualTo(Status.DOWN);
    } finally {
      feed.stop();
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("timed out waiting for " + what);
  }
}
