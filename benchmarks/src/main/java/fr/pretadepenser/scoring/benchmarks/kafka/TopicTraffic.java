package fr.pretadepenser.scoring.benchmarks.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * What the brokers hold for each of the benchmark's topics (and the scorer's internal ones, which
 * share its prefix): bytes in the log directories of every replica and records by end offset. The
 * difference over a phase, divided by its decisions, is what one decision costs on the wire and on
 * disk: its output records, its store writes (changelogs) and the transactions' markers (each
 * marker takes an offset).
 */
record TopicTraffic(Map<String, Long> bytes, Map<String, Long> offsets) {

  /** The brokers' figures now, for topics whose names start with {@code prefix}. */
  static TopicTraffic now(String servers, String prefix) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
      List<Integer> brokers =
          admin.describeCluster().nodes().get(1, TimeUnit.MINUTES).stream().map(Node::id).toList();
      Map<String, Long> bytes = new HashMap<>();
      for (Map<String, LogDirDescription> dirs :
          admin.describeLogDirs(brokers).allDescriptions().get(1, TimeUnit.MINUTES).values()) {
        for (LogDirDescription dir : dirs.values()) {
          for (Map.Entry<TopicPartition, ReplicaInfo> e : dir.replicaInfos().entrySet()) {
            if (e.getKey().topic().startsWith(prefix)) {
              bytes.merge(e.getKey().topic(), e.getValue().size(), Long::sum);
            }
          }
        }
      }
      Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
      for (var d :
          admin
              .describeTopics(
                  admin.listTopics().names().get(1, TimeUnit.MINUTES).stream()
                      .filter(t -> t.startsWith(prefix))
                      .toList())
              .allTopicNames()
              .get(1, TimeUnit.MINUTES)
              .values()) {
        d.partitions()
            .forEach(
                p -> ends.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
      }
      Map<String, Long> offsets = new HashMap<>();
      admin
          .listOffsets(ends)
          .all()
          .get(1, TimeUnit.MINUTES)
          .forEach((tp, info) -> offsets.merge(tp.topic(), info.offset(), Long::sum));
      return new TopicTraffic(bytes, offsets);
    }
  }

  TopicTraffic minus(TopicTraffic before) {
    Map<String, Long> b = new HashMap<>();
    bytes.forEach((k, v) -> b.put(k, v - before.bytes.getOrDefault(k, 0L)));
    Map<String, Long> o = new HashMap<>();
    offsets.forEach((k, v) -> o.put(k, v - before.offsets.getOrDefault(k, 0L)));
    return new TopicTraffic(b, o);
  }

  /** One line: per topic that grew, bytes (all replicas) and offsets per decision. */
  void print(String prefix, int decisions) {
    StringBuilder line = new StringBuilder();
    long totalBytes = 0;
    Map<String, Long> sorted = new TreeMap<>(offsets);
    for (Map.Entry<String, Long> e : sorted.entrySet()) {
      long grewBytes = bytes.getOrDefault(e.getKey(), 0L);
      if (e.getValue() <= 0 && grewBytes <= 0) {
        continue;
      }
      totalBytes += grewBytes;
      line.append(
          String.format(
              Locale.ROOT,
              "; %s %.0f bytes, %.2f offsets",
              e.getKey().substring(prefix.length()),
              grewBytes / (double) Math.max(1, decisions),
              e.getValue() / (double) Math.max(1, decisions)));
    }
    System.out.printf(
        Locale.ROOT,
        "throughput, per decision in the brokers' logs (all replicas; offsets include"
            + " transaction markers): %.0f bytes in all%s%n",
        totalBytes / (double) Math.max(1, decisions),
        line);
    System.out.flush();
  }
}
