package fr.pretadepenser.scoring.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.dashboard.decisions.DecisionSummary;
import fr.pretadepenser.scoring.dashboard.decisions.DisplayNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The live stream's numbering, resumption and per-browser bounds, without a server. */
class LiveFeedTest {

  static DecisionSummary summary(long client) {
    return new DecisionSummary(
        "app-" + client,
        client,
        DisplayNames.of(client),
        0.1,
        "GRANTED",
        0.5,
        Instant.EPOCH,
        false,
        "UNVERIFIED",
        null,
        java.util.List.of(),
        "",
        "v",
        java.util.List.of(),
        "",
        "");
  }

  @Test
  void eventsAreNumberedAndAReconnectingBrowserGetsWhatItMissed() {
    LiveFeed feed = new LiveFeed(100, 16);
    for (long i = 1; i <= 10; i++) {
      feed.publish("decision", summary(i));
    }
    StepVerifier.create(feed.stream(7).map(LiveEvent::id).take(5))
        .expectNext(8L, 9L, 10L)
        .then(
            () -> {
              feed.publish("decision", summary(11));
              feed.publish("explained", summary(11));
            })
        .expectNext(11L, 12L)
        .verifyComplete();
    // Without Last-Event-ID: only what comes next.
    StepVerifier.create(feed.stream(0).map(LiveEvent::id).take(1))
        .then(() -> feed.publish("decision", summary(12)))
        .expectNext(13L)
        .verifyComplete();
  }

  @Test
  void theRingIsBounded() {
    LiveFeed feed = new LiveFeed(5, 16);
    for (long i = 1; i <= 20; i++) {
      feed.publish("decision", summary(i));
    }
    StepVerifier.create(feed.stream(1).map(LiveEvent::id).take(5))
        .expectNext(16L, 17L, 18L, 19L, 20L)
        .verifyComplete();
  }

  @Test
  void aStalledBrowserIsCutOffAfterItsBufferWhileOthersGetEverything() {
    int buffer = 16;
    LiveFeed feed = new LiveFeed(10_000, buffer);
    AtomicLong fastCount = new AtomicLong();
    var fast = feed.stream(0).subscribe(e -> fastCount.incrementAndGet());
    // The stalled browser requests nothing while 1,000 events are published.
    StepVerifier.create(feed.stream(0).map(LiveEvent::id), 0)
        .then(
            () -> {
              long t0 = System.nanoTime();
              for (long i = 1; i <= 1000; i++) {
                feed.publish("decision", summary(i));
              }
              // The publisher never waits for a browser.
              assertThat(Duration.ofNanos(System.nanoTime() - t0))
                  .isLessThan(Duration.ofSeconds(5));
            })
        .thenRequest(Long.MAX_VALUE)
        // It gets what its buffer held (the first events), then its stream ends so that it
        // reconnects with Last-Event-ID.
        .expectNextSequence(LongStream.rangeClosed(1, buffer).boxed().toList())
        .verifyComplete();
    assertThat(fastCount.get()).isEqualTo(1000);
    assertThat(feed.overflows()).isEqualTo(1);
    fast.dispose();
    assertThat(feed.subscribers()).isZero();

    // Resuming from its last id, it gets the rest from the ring.
    List<Long> rest =
        feed.stream(buffer).map(LiveEvent::id).take(1000 - buffer).collectList().block();
    assertThat(rest).hasSize(1000 - buffer).startsWith((long) buffer + 1).endsWith(1000L);
  }
}
