package fr.pretadepenser.scoring.dashboard;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code dashboard.*} settings (see {@code dashboard.properties}).
 *
 * @param bootstrapServers Kafka's {@code host:port[,host:port]}
 * @param topicPrefix prefix of the topic names, "" for the standard ones
 * @param model the model bundle directory
 * @param recentDecisions decisions kept for the live list
 * @param clients clients kept (latest application and decision each) for files and comparisons
 * @param streamRing live events kept for browsers that reconnect (Last-Event-ID)
 * @param clientBuffer events queued per browser before a slow one is disconnected
 * @param advisorPassword the advisor's password; empty: SCORING_ADVISOR_PASSWORD, else generated
 * @param monitoringSnapshots monitoring snapshots kept for the charts over time (0: 500)
 * @param monitoringAlerts model alerts kept (0: 200)
 * @param pendingApplications applications kept while they wait for their decision, and dead letters
 *     kept while they wait for the record they reject (0: 5,000)
 * @param computeThreads threads of the pool that runs what-ifs, SHAP and scans (0: the cores)
 * @param computeQueue requests that may wait for that pool before 503 (0: 256)
 * @param supervisorPassword the supervisor's password; empty: SCORING_SUPERVISOR_PASSWORD, else
 *     generated
 * @param oversightCases applications whose oversight trail is kept in memory (0: 20,000)
 * @param oversightEntriesPerCase trail entries kept per application, the latest (0: 100)
 */
@ConfigurationProperties("dashboard")
public record DashboardProperties(
    String bootstrapServers,
    String topicPrefix,
    Path model,
    int recentDecisions,
    int clients,
    int streamRing,
    int clientBuffer,
    String advisorPassword,
    int monitoringSnapshots,
    int monitoringAlerts,
    int pendingApplications,
    int computeThreads,
    int computeQueue,
    String supervisorPassword,
    int oversightCases,
    int oversightEntriesPerCase) {

  @Override
  public String toString() {
    // The record's own toString would print the advisor's password into any log of the settings.
    return "DashboardProperties[bootstrapServers="
        + bootstrapServers
        + ", model="
        + model
        + ", advisorPassword=hidden, supervisorPassword=hidden]";
  }

  public DashboardProperties {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "dashboard.bootstrap-servers is empty: say where Kafka is (--bootstrap HOST:PORT)");
    }
    if (model == null) {
      throw new IllegalArgumentException(
          "dashboard.model is empty: give the model bundle directory (--model BUNDLE)");
    }
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
    monitoringSnapshots = monitoringSnapshots <= 0 ? 500 : monitoringSnapshots;
    monitoringAlerts = monitoringAlerts <= 0 ? 200 : monitoringAlerts;
    pendingApplications = pendingApplications <= 0 ? 5000 : pendingApplications;
    computeThreads =
        computeThreads <= 0 ? Runtime.getRuntime().availableProcessors() : computeThreads;
    computeQueue = computeQueue <= 0 ? 256 : computeQueue;
    oversightCases = oversightCases <= 0 ? 20_000 : oversightCases;
    oversightEntriesPerCase = oversightEntriesPerCase <= 0 ? 100 : oversightEntriesPerCase;
  }
}
