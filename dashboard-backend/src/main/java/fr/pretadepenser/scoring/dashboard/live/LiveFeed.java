package fr.pretadepenser.scoring.dashboard.live;

import fr.pretadepenser.scoring.dashboard.decisions.DecisionStream;
import fr.pretadepenser.scoring.dashboard.decisions.DecisionSummary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The live stream: numbered events, the most recent kept in a bounded ring for resumption, fanned
 * out to every browser.
 *
 * <p>The view of the decisions calls {@link #publish} as the Kafka listener feeds it; it never
 * waits for a browser. Every browser gets its own bounded queue fed from one hot {@link Sinks.Many}
 * ({@code directBestEffort}: each subscriber is served on its own, none holds up the others). A
 * browser that does not keep up fills its queue; then its stream ends once the queue is drained
 * (the server closes the connection), and the browser's EventSource reconnects with the last id it
 * saw and resumes from the ring. So a stalled browser costs at most {@code perClientBuffer} events
 * of memory, never slows the others, and loses nothing as long as the ring still holds what it
 * missed.
 */
final class LiveFeed implements DecisionStream {

  private final int ringCapacity;
  private final int perClientBuffer;
  private final ArrayDeque<LiveEvent> ring = new ArrayDeque<>();
  private final Sinks.Many<LiveEvent> hot = Sinks.many().multicast().directBestEffort();
  private final AtomicLong overflows = new AtomicLong();
  private final AtomicInteger subscribers = new AtomicInteger();
  private long nextId = 1;

  LiveFeed(int ringCapacity, int perClientBuffer) {
    if (ringCapacity < 1 || perClientBuffer < 1) {
      throw new IllegalArgumentException("ring and per-client buffer must hold at least 1 event");
    }
    this.ringCapacity = ringCapacity;
    this.perClientBuffer = perClientBuffer;
  }

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
          Sinks.Many<LiveEvent> own =
              Sinks.many()
                  .unicast()
                  .onBackpressureBuffer(Queues.<LiveEvent>get(perClientBuffer).get());
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
                          if (own.tryEmitNext(event).isFailure()) {
                            // Queue full: this browser is too slow. End its stream; it resumes
                            // from the ring with Last-Event-ID.
                            if (own.tryEmitComplete().isSuccess()) {
                              overflows.incrementAndGet();
                            }
                          }
                        });
          }
          subscribers.incrementAndGet();
          return Flux.concat(Flux.fromIterable(backlog), own.asFlux())
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
