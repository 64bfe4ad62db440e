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
    int monitoringAlerts) {

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
  }
}
