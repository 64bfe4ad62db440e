package fr.pretadepenser.scoring.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A service DOWN for three checks in a row is reported once; a blip is not. */
class HealthWatchTest {

  @Test
  void aServiceThatStaysDownIsReportedOnceAndABlipIsNot() throws Exception {
    AtomicBoolean up = new AtomicBoolean(true);
    AtomicInteger checks = new AtomicInteger();
    CountDownLatch reported = new CountDownLatch(1);
    AtomicInteger reports = new AtomicInteger();
    try (HealthWatch watch =
        HealthWatch.start(
            "test",
            () -> {
              checks.incrementAndGet();
              return up.get();
            },
            Duration.ofMillis(20),
            3,
            () -> {
              reports.incrementAndGet();
              reported.countDown();
            })) {
      up.set(false);
      Thread.sleep(30);
      up.set(true);
      Thread.sleep(200);
      assertThat(reports.get()).isZero();
      up.set(false);
      assertThat(reported.await(5, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(200);
      assertThat(reports.get()).isEqualTo(1);
    }
  }
}
