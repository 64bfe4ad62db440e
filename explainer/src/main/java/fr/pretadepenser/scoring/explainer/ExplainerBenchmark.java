package fr.pretadepenser.scoring.explainer;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.explain.DecisionExplainer;
import fr.pretadepenser.scoring.schemas.AvroSerde;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
   * @param cpuMicrosPerExplanation CPU time of the explaining threads per explanation in the
   *     measured period: less sensitive than the rate to other processes on the machine
   */
  public record Result(
      int threads,
      long explained,
      double seconds,
      double explainedPerSecond,
      double cpuMicrosPerExplanation,
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
    LongAdder cpuNanos = new LongAdder();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    AtomicBoolean measuring = new AtomicBoolean(false);
    AtomicBoolean stop = new AtomicBoolean(false);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t;
      Thread worker =
          new Thread(
              () -> {
                int i = offset * 997;
                long cpuAtStart = -1;
                while (!stop.get()) {
                  if (cpuAtStart < 0 && measuring.get()) {
                    cpuAtStart = cpu.getCurrentThreadCpuTime();
                  }
                  Decision d = decisions.get(i++ % decisions.size());
                  encoder.serialize("bench", explainer.explain(d));
                  if (cpuAtStart >= 0 && !stop.get()) {
                    count.increment();
                  }
                }
                if (cpuAtStart >= 0) {
                  cpuNanos.add(cpu.getCurrentThreadCpuTime() - cpuAtStart);
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
    stop.set(true);
    double elapsed = (System.nanoTime() - t0) / 1e9;
    for (Thread worker : workers) {
      worker.join();
    }
    long n = count.sum();

    // Single-thread breakdown over one pass of the decisions (at most 2,000), in CPU time.
    int passes = Math.min(decisions.size(), 2000);
    long shapNanos = 0;
    long allNanos = 0;
    for (int i = 0; i < passes; i++) {
      Decision d = decisions.get(i);
      float[] features = DecisionExplainer.floats(d.getFeatures());
      // CPU time of this thread: the machine may be shared, and wall time would count waiting.
      long a = cpu.getCurrentThreadCpuTime();
      explainer.contributionsOnly(features);
      long b = cpu.getCurrentThreadCpuTime();
      encoder.serialize("bench", explainer.explain(d));
      long c = cpu.getCurrentThreadCpuTime();
      shapNanos += b - a;
      allNanos += c - b;
    }
    double micros = allNanos / 1e3 / passes;
    double shap = shapNanos / 1e3 / passes;
    return new Result(
        threads, n, elapsed, n / elapsed, cpuNanos.sum() / 1e3 / n, micros, shap, micros - shap);
  }
}
