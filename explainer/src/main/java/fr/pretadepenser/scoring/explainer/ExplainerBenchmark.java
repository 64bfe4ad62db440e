package fr.pretadepenser.scoring.explainer;

import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.explain.DecisionExplainer;
import fr.pretadepenser.scoring.schemas.AvroSerde;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Measures explanations per second without Kafka: {@code threads} threads explain the given
 * decisions round-robin, as the streaming explainer does per record (explain, check the invariant,
 * build and encode the Avro event), for a warm-up then a measured period. A second, single-thread
 * pass splits one explanation's time between the TreeSHAP call (for LightGBM's, with lightgbm4j's
 * copying of the row into native memory and the contributions out) and the rest (reasons, event,
 * encoding).
 *
 * <p>{@link #compare} times the Java TreeSHAP against LightGBM's on the same rows, alone (no
 * reasons nor event), and measures how far apart their outputs are.
 */
public final class ExplainerBenchmark {

  /**
   * @param explainedPerSecond all threads together, in the measured period
   * @param microsPerExplanation wall time per explanation on one thread, the whole path
   * @param microsTreeShap of which TreeSHAP (for LightGBM's, JNI copies included)
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

  /**
   * The two TreeSHAPs on the same rows, one thread, rates per second of that thread's CPU time (the
   * machine may be shared: wall time would count waiting, CPU time does not).
   *
   * @param javaUnseenPerSecond the Java TreeSHAP on rows it has never seen (the second half of the
   *     rows, after one pass over the first half only): its memory of leaf terms filled by other
   *     applicants, as in production, not by these rows
   * @param maxAbsDiff the largest |Java − LightGBM| over every contribution and base value of every
   *     row
   */
  public record Comparison(
      int rows,
      long javaRows,
      long lightGbmRows,
      double javaPerSecond,
      double lightGbmPerSecond,
      double javaUnseenPerSecond,
      double maxAbsDiff) {

    /** How many times faster the Java TreeSHAP is. */
    public double ratio() {
      return javaPerSecond / lightGbmPerSecond;
    }

    /** The contract's JSON line: exactly these four fields, numbers only. */
    public String json() {
      return String.format(
          Locale.ROOT,
          "{\"java_treeshap_per_s\":%.1f,\"lightgbm_treeshap_per_s\":%.1f,\"ratio\":%.3f,"
              + "\"max_abs_diff\":%s}",
          javaPerSecond,
          lightGbmPerSecond,
          ratio(),
          Double.toString(maxAbsDiff));
    }
  }

  private static final int COMPARISON_ROUNDS = 10;

  private ExplainerBenchmark() {}

  /**
   * Times {@code java} and {@code lightGbm} (explainers of the same model) on the decisions'
   * feature vectors, one thread. First the Java one on unseen rows: one pass over the first half of
   * the rows, then one timed pass over the second half ({@code java} should be fresh for that
   * figure to mean anything). Then a warm-up of each, then {@value #COMPARISON_ROUNDS} alternating
   * rounds of {@code seconds / rounds} each per implementation, so that a change of load on the
   * machine weighs on both alike. Then one pass over every row with both, for the largest
   * difference.
   */
  public static Comparison compare(
      DecisionExplainer java,
      DecisionExplainer lightGbm,
      List<Decision> decisions,
      double warmupSeconds,
      double seconds) {
    float[][] rows = new float[decisions.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = DecisionExplainer.floats(decisions.get(i).getFeatures());
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long[] javaCount = new long[1];
    long[] javaNanos = new long[1];
    long[] lightGbmCount = new long[1];
    long[] lightGbmNanos = new long[1];
    int half = rows.length / 2;
    for (int i = 0; i < half; i++) {
      java.contributionsOnly(rows[i]);
    }
    long unseenStart = cpu.getCurrentThreadCpuTime();
    for (int i = half; i < rows.length; i++) {
      java.contributionsOnly(rows[i]);
    }
    double unseenPerSecond =
        (rows.length - half) / ((cpu.getCurrentThreadCpuTime() - unseenStart) / 1e9);
    // Warm-up: the JIT for Java, caches and boosters for LightGBM; not counted.
    timeFor(java, rows, warmupSeconds / 2, 0, cpu, new long[1], new long[1]);
    timeFor(lightGbm, rows, warmupSeconds / 2, 0, cpu, new long[1], new long[1]);
    int at = 0;
    for (int round = 0; round < COMPARISON_ROUNDS; round++) {
      double slice = seconds / COMPARISON_ROUNDS;
      timeFor(java, rows, slice, at, cpu, javaCount, javaNanos);
      timeFor(lightGbm, rows, slice, at, cpu, lightGbmCount, lightGbmNanos);
      at = (int) ((at + javaCount[0]) % rows.length);
    }
    double maxAbsDiff = 0;
    for (float[] row : rows) {
      double[] a = java.contributionsOnly(row);
      double[] b = lightGbm.contributionsOnly(row);
      for (int i = 0; i < a.length; i++) {
        double diff = Math.abs(a[i] - b[i]);
        // NaN on either side must not pass for agreement.
        maxAbsDiff = Double.isNaN(diff) ? Double.NaN : Math.max(maxAbsDiff, diff);
      }
    }
    return new Comparison(
        rows.length,
        javaCount[0],
        lightGbmCount[0],
        javaCount[0] / (javaNanos[0] / 1e9),
        lightGbmCount[0] / (lightGbmNanos[0] / 1e9),
        unseenPerSecond,
        maxAbsDiff);
  }

  /**
   * Explains rows round-robin from {@code start} for {@code seconds} of wall time, at least one.
   */
  private static void timeFor(
      DecisionExplainer explainer,
      float[][] rows,
      double seconds,
      int start,
      ThreadMXBean cpu,
      long[] count,
      long[] cpuNanos) {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    long cpuAtStart = cpu.getCurrentThreadCpuTime();
    long n = 0;
    int i = start;
    do {
      explainer.contributionsOnly(rows[i]);
      i = i + 1 == rows.length ? 0 : i + 1;
      n++;
    } while (System.nanoTime() < deadline);
    cpuNanos[0] += cpu.getCurrentThreadCpuTime() - cpuAtStart;
    count[0] += n;
  }

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
