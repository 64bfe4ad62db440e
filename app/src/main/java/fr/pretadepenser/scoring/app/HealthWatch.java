package fr.pretadepenser.scoring.app;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Watches a service's health and, once it has been DOWN for {@code checks} checks in a row, says so
 * and calls {@code down}: the command then exits with a non-zero status, for its supervisor
 * (systemd, compose's {@code restart: unless-stopped}) to start it again. A health endpoint that
 * says DOWN over a process that lives on forever helps nobody at night.
 */
final class HealthWatch implements AutoCloseable {

  private final ScheduledExecutorService timer;

  private HealthWatch(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  static HealthWatch start(
      String service, BooleanSupplier up, Duration every, int checks, Runnable down) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, service + "-health-watch");
              t.setDaemon(true);
              return t;
            });
    int[] downInARow = {0};
    timer.scheduleWithFixedDelay(
        () -> {
          downInARow[0] = up.getAsBoolean() ? 0 : downInARow[0] + 1;
          if (downInARow[0] == checks) {
            System.err.printf(
                "%s: health DOWN for %d checks (its consumers stopped): exiting with status 1 for"
                    + " the supervisor to restart it%n",
                service, checks);
            down.run();
            timer.shutdown();
          }
        },
        every.toMillis(),
        every.toMillis(),
        TimeUnit.MILLISECONDS);
    return new HealthWatch(timer);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
