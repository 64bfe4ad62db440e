package fr.pretadepenser.scoring.dashboard.live;

import fr.pretadepenser.scoring.dashboard.decisions.DecisionStream;
import fr.pretadepenser.scoring.dashboard.decisions.DecisionSummary;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.channel.AbortedException;
import reactor.util.concurrent.Queues;

/**
 * The live stream: numbered events, the most recent kept in a bounded ring for resumption, fanned
 * out to every browser.
 *
 * <p>The view of the decisions calls {@link #publish} as the Kafka listener feeds it; it never
 * waits for a browser. Every browser gets its own bounded queue fed from one hot {@link Sinks.Many}
 * ({@code directBestEffort}: each subscriber is served on its own, none holds up the others). A
 * browser that stops reading is cut off at once, its queued events dropped, when an event finds its
 * queue full, or finds it has taken nothing for {@code stallTimeout} while events wait: its stream
 * ends with an {@link AbortedException}, on which the server closes the connection (the stream
 * cannot just complete: a completion waits behind the queued events, which a browser that does not
 * read never takes, and the connection would stay open). When it reads again its EventSource
 * reconnects with the last id it saw and resumes from the ring. So a stalled browser costs at most
 * {@code perClientBuffer} events of memory here (plus what the operating system's socket buffers
 * took before the queue started to fill), never slows the others, and loses nothing as long as the
 * ring still holds what it missed.
 */
final class LiveFeed implements DecisionStream {

  private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

  private final int ringCapacity;
  private final int perClientBuffer;
  private final Duration stallTimeout;
  private final LongSupplier nanoClock;
  private final ArrayDeque<LiveEvent> ring = new ArrayDeque<>();
  private final Sinks.Many<LiveEvent> hot = Sinks.many().multicast().directBestEffort();
  private final AtomicLong overflows = new AtomicLong();
  private final AtomicInteger subscribers = new AtomicInteger();
  private long nextId = 1;

  LiveFeed(int ringCapacity, int perClientBuffer) {
    this(ringCapacity, perClientBuffer, STALL_TIMEOUT, System::nanoTime);
  }

  /**
   * @param stallTimeout how long a browser may take nothing while events wait for it
   * @param nanoClock the time in nanoseconds ({@code System::nanoTime}; the tests' own clock)
   */
  LiveFeed(int ringCapacity, int perClientBuffer, Duration stallTimeout, LongSupplier nanoClock) {
    if (ringCapacity < 1 || perClientBuffer < 1) {
      throw new IllegalArgumentException("ring and per-client buffer must hold at least 1 event");
    }
    this.ringCapacity = ringCapacity;
    this.perClientBuffer = perClientBuffer;
    this.stallTimeout = stallTimeout;
    this.nanoClock = nanoClock;
  }

  /** How long a browser may take nothing while events wait for it, by default. */
  static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

  /** Numbers the event, keeps it for resumption and hands it to every browser; never blocks. */
  @Override
  public synchronized void publish(String kind, DecisionSummary decision) {
    LiveEvent event = new LiveEvent(nextId++, kind, decision);
    ring.addLast(event);
    if (ring.size() > ringCapacity) {
      ring.removeFirst();
    }
    // One emitting thread at a time (this lock), as a Reactor sink requires.
    hot.tryEmitNext(event);
  }

  /**
   * Events after {@code lastEventId} still in the ring, then every new one; {@code lastEventId} 0
   * gives only new ones.
   */
  Flux<LiveEvent> stream(long lastEventId) {
    return Flux.defer(
        () -> {
          Queue<LiveEvent> queue = Queues.<LiveEvent>get(perClientBuffer).get();
          Sinks.Many<LiveEvent> own = Sinks.many().unicast().onBackpressureBuffer(queue);
          // Emitted once when this browser is cut off; the stream then ends at once.
          Sinks.One<Boolean> cut = Sinks.one();
          AtomicBoolean cutFlag = new AtomicBoolean();
          // When this browser last asked for events (its connection took what it was sent).
          AtomicLong lastTaken = new AtomicLong(nanoClock.getAsLong());
          List<LiveEvent> backlog;
          Disposable upstream;
          // Snapshot and subscription under the publisher's lock: nothing published in between
          // can be missed or sent twice.
          synchronized (this) {
            backlog = after(lastEventId);
            upstream =
                hot.asFlux()
                    .subscribe(
                        event -> {
                          boolean full = own.tryEmitNext(event).isFailure();
                          boolean stalled =
                              !queue.isEmpty()
                                  && nanoClock.getAsLong() - lastTaken.get()
                                      > stallTimeout.toNanos();
                          if ((full || stalled) && cutFlag.compareAndSet(false, true)) {
                            cut.tryEmitValue(true);
                            // This browser does not read: end its stream now; it resumes from
                            // the ring with Last-Event-ID.
                            overflows.incrementAndGet();
                            LOG.info(
                                "A browser stopped reading the live stream ({}): disconnected",
                                full
                                    ? perClientBuffer + " events queued"
                                    : "nothing taken for " + stallTimeout.toSeconds() + " s");
                          }
                        });
          }
          subscribers.incrementAndGet();
          Flux<LiveEvent> events =
              Flux.concat(Flux.fromIterable(backlog), own.asFlux())
                  .doOnRequest(n -> lastTaken.set(nanoClock.getAsLong()));
          // takeUntilOther, not a merge: a merge would ask this browser's queue for events ahead
          // of its demand, and hide how far behind it is.
          Mono<LiveEvent> cutOff =
              Mono.defer(
                  () ->
                      cutFlag.get()
                          ? Mono.error(
                              new AbortedException("the browser stopped reading the live stream"))
                          : Mono.empty());
          return events
              .takeUntilOther(cut.asMono())
              .concatWith(cutOff)
              .doFinally(
                  signal -> {
                    upstream.dispose();
                    subscribers.decrementAndGet();
                  });
        });
  }

  private List<LiveEvent> after(long lastEventId) {
    List<LiveEvent> out = new ArrayList<>();
    if (lastEventId <= 0) {
      return out;
    }
    for (LiveEvent e : ring) {
      if (e.id() > lastEventId) {
        out.add(e);
      }
    }
    return out;
  }

  /** Streams ended because their browser fell a whole buffer behind. */
  long overflows() {
    return overflows.get();
  }

  int subscribers() {
    return subscribers.get();
  }
}
