package fr.pretadepenser.scoring.dashboard.web;

import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Where the API's CPU-bound and lock-taking work runs (what-if scoring, SHAP computed on the fly,
 * the similar-clients scan, the comparisons): a bounded pool of its own, never a Netty event loop.
 * On an event loop one slow request would stall every connection that loop serves, live streams
 * included.
 *
 * <p>Bounded twice: {@code threads} at once (the machine's cores: the work is CPU-bound), and
 * {@code queue} waiting; beyond that a request is refused with 503 and Retry-After (see {@link
 * ApiErrors}) instead of piling up in memory.
 */
public final class Blocking implements AutoCloseable {

  private final Scheduler scheduler;

  public Blocking(int threads, int queue) {
    this.scheduler = Schedulers.newBoundedElastic(threads, queue, "dashboard-compute", 60, true);
  }

  /** {@code work} on the pool; its exceptions (400, 404...) come out as the Mono's error. */
  public <T> Mono<T> call(Callable<T> work) {
    return Mono.fromCallable(work).subscribeOn(scheduler);
  }

  @Override
  public void close() {
    scheduler.dispose();
  }
}
