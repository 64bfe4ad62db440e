package fr.pretadepenser.scoring.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthAndMetricsServerTest {

  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> get(int port, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthFollowsTheServiceAndMetricsAreScrapable() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("explainer.decisions.explained").increment(3);
    AtomicBoolean running = new AtomicBoolean(true);
    try (HealthAndMetricsServer server = HealthAndMetricsServer.start(0, running::get, registry)) {
      HttpResponse<String> up = get(server.port(), "/health");
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(up.body()).contains("UP");

      HttpResponse<String> metrics = get(server.port(), "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("explainer_decisions_explained_total 3.0");

      assertThat(get(server.port(), "/nothing").statusCode()).isEqualTo(404);

      running.set(false);
      HttpResponse<String> down = get(server.port(), "/health");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).contains("DOWN");
    }
  }
}
