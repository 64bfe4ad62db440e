package fr.pretadepenser.scoring.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health} (200 while the service runs, 503 otherwise) and {@code GET /metrics}
 * (Prometheus text format) for a process that has no web framework, such as the explainer. The
 * JDK's HTTP server is enough for two read-only routes polled by a health check and a scraper; a
 * servlet container or Netty for them would double the process's dependencies.
 */
final class HealthAndMetricsServer implements AutoCloseable {

  private final HttpServer server;

  private HealthAndMetricsServer(HttpServer server) {
    this.server = server;
  }

  static HealthAndMetricsServer start(
      int port, BooleanSupplier running, PrometheusMeterRegistry registry) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.setExecutor(Executors.newSingleThreadExecutor(r -> daemon(r, "health-and-metrics")));
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
              answer(exchange, 405, "text/plain", "only GET\n");
            } else if (exchange.getRequestURI().getPath().equals("/health")) {
              boolean up = running.getAsBoolean();
              answer(
                  exchange,
                  up ? 200 : 503,
                  "application/json",
                  "{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}");
            } else if (exchange.getRequestURI().getPath().equals("/metrics")) {
              answer(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
            } else {
              answer(exchange, 404, "text/plain", "no such route; try /health or /metrics\n");
            }
          }
        });
    server.start();
    return new HealthAndMetricsServer(server);
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
