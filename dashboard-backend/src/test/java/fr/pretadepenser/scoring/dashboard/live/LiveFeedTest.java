package fr.pretadepenser.scoring.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.dashboard.decisions.DecisionSummary;
import fr.pretadepenser.scoring.dashboard.decisions.DisplayNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.netty.channel.AbortedException;
import reactor.test.StepVerifier;

/** The live stream's numbering, resumption and per-browser bounds, without a server. */
class LiveFeedTest {

  static DecisionSummary summary(long client) {
    return new DecisionSummary(
        "app-" + client,
        Long.toString(client),
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
        "",
        null,
        null);
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
        // Its stream ends at once, with what its buffer held dropped (the browser never took
        // it, and the ring keeps it): an error, on which the server closes the connection. It
        // used to complete after the queued events, which a browser that does not read never
        // takes, so the connection stayed open.
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(AbortedException.class)
                    .hasMessageContaining("stopped reading"))
        .verify(Duration.ofSeconds(10));
    assertThat(fastCount.get()).isEqualTo(1000);
    assertThat(feed.overflows()).isEqualTo(1);
    fast.dispose();
    assertThat(feed.subscribers()).isZero();

    // Resuming from the last id it saw, it gets the rest from the ring.
    List<Long> resumed = feed.stream(1).map(LiveEvent::id).take(999).collectList().block();
    assertThat(resumed).hasSize(999).startsWith(2L).endsWith(1000L);
  }

  @Test
  void aBrowserThatTakesNothingForTheStallTimeoutIsCutOffBeforeItsBufferFills() {
    AtomicLong now = new AtomicLong();
    LiveFeed feed = new LiveFeed(100, 64, Duration.ofSeconds(30), now::get);
    StepVerifier.create(feed.stream(0).map(LiveEvent::id), 0)
        .then(
            () -> {
              feed.publish("decision", summary(1));
              // 29 s later it has still taken nothing: not yet.
              now.addAndGet(Duration.ofSeconds(29).toNanos());
              feed.publish("decision", summary(2));
              assertThat(feed.overflows()).isZero();
              now.addAndGet(Duration.ofSeconds(2).toNanos());
              feed.publish("decision", summary(3));
            })
        .expectError(AbortedException.class)
        .verify(Duration.ofSeconds(10));
    assertThat(feed.overflows()).isEqualTo(1);
    assertThat(feed.subscribers()).isZero();

    // A browser that reads is never cut off, however slow the time.
    List<Long> got = new java.util.ArrayList<>();
    var reader = feed.stream(0).map(LiveEvent::id).subscribe(got::add);
    for (long i = 4; i <= 10; i++) {
      now.addAndGet(Duration.ofMinutes(5).toNanos());
      feed.publish("decision", summary(i));
    }
    assertThat(got).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(feed.overflows()).isEqualTo(1);
    reader.dispose();
  }
}
