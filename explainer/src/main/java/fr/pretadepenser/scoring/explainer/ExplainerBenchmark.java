package fr.pretadepenser.scoring.explainer;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.schemas.AvroSerde;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Measures explanations per second without Kafka: {@code threads} threads explain the given
 * decisions round-robin, as the streaming explainer does per record (explain, check the invariant,
 * build and encode the Avro event), for a warm-up then a measured period. A second, single-thread
 * pass splits one explanation's time between LightGBM's TreeSHAP call (with lightgbm4j's copying of
 * the row into native memory and the contributions out) and the rest (reasons, event, encoding).
 */
public final class ExplainerBenchmark {

  /**
   * @param explainedPerSecond all threads together, in the measured period
   * @param microsPerExplanation wall time per explanation on one thread, the whole path
   * @param microsTreeShap of which LightGBM's predict with contributions, JNI copies included
   * @param microsRest of which reasons, Avro event and encoding
   */
  public record Result(
      int threads,
      long explained,
      double seconds,
      double explainedPerSecond,
      double microsPerExplanation,
      double microsTreeShap,
      double microsRest) {}

  private ExplainerBenchmark() {}

  public static Result run(
      DecisionExplainer explainer,
      List<Decision> decisions,
      int threads,
      double warmupSeconds,
      double seconds)
      throws InterruptedException {
    Serializer<ExplainedDecision> encoder = AvroSerde.of(ExplainedDecision.class).serializer();
    LongAdder count = new LongAdder();
    AtomicBoolean measuring = new AtomicBoolean(false);
    AtomicBoolean stop = new AtomicBoolean(false);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t;
      Thread worker =
          new Thread(
              () -> {
                int i = offset * 997;
                while (!stop.get()) {
                  Decision d = decisions.get(i++ % decisions.size());
                  encoder.serialize("bench", explainer.explain(d));
                  if (measuring.get()) {
                    count.increment();
                  }
                }
              },
              "explainer-benchmark-" + t);
      workers.add(worker);
      worker.start();
    }
    Thread.sleep((long) (warmupSeconds * 1000));
    measuring.set(true);
    long t0 = System.nanoTime();
    Thread.sleep((long) (seconds * 1000));
    long n = count.sum();
    double elapsed = (System.nanoTime() - t0) / 1e9;
    stop.set(true);
    for (Thread worker : workers) {
      worker.join();
    }

    // Single-thread breakdown over one pass of the decisions (at most 2,000).
    int passes = Math.min(decisions.size(), 2000);
    long shapNanos = 0;
    long allNanos = 0;
    for (int i = 0; i < passes; i++) {
      Decision d = decisions.get(i);
      float[] features = DecisionExplainer.floats(d.getFeatures());
      long a = System.nanoTime();
      explainer.contributionsOnly(features);
      long b = System.nanoTime();
      encoder.serialize("bench", explainer.explain(d));
      long c = System.nanoTime();
      shapNanos += b - a;
      allNanos += c - b;
    }
    double micros = allNanos / 1e3 / passes;
    double shap = shapNanos / 1e3 / passes;
    return new Result(threads, n, elapsed, n / elapsed, micros, shap, micros - shap);
  }
}
