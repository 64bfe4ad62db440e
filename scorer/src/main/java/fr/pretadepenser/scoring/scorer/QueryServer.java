package fr.pretadepenser.scoring.scorer;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scorer's read-only HTTP routes over its state stores:
 *
 * <ul>
 *   <li>{@code GET /clients/{id}/history}: the client's stored history (a {@code ClientHistory}),
 *       the very input the next decision's features will be computed from;
 *   <li>{@code GET /clients/{id}/decision}: the client's latest {@code Decision}, 404 if none; its
 *       {@code features} list is empty: the vector is in the decisions topic (and the explained
 *       decision), and the store keeps only what a lookup needs;
 *   <li>{@code GET /health}: 200 while the streams run or rebalance, 503 otherwise.
 * </ul>
 *
 * The client routes serve personal data (a client's whole credit history), so they need the login:
 * HTTP Basic, user {@value #USER}, the dashboard's convention; a request without it gets 401 with
 * {@code WWW-Authenticate: Basic}. {@code /health} stays public for supervisors and load balancers.
 *
 * <p>A client whose partition another instance holds is asked of that instance, and its answer
 * (status, body) is passed back as is, so a caller may ask any instance (see {@link Forwarding}). A
 * store that cannot be read now (start, rebalance, restore), or an owner that does not answer,
 * gives 503 with Retry-After, never a 404 that would say the client is unknown.
 *
 * <p>The JDK's built-in server, not a framework: three read-only GET routes inside a Kafka Streams
 * process need no routing library, no servlet container and no second dependency tree, and it
 * starts in milliseconds. Requests run on a small pool of their own so that slow readers never
 * touch the stream threads.
 */
final class QueryServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  /** The one user of the client routes, as on the dashboard. */
  static final String USER = "advisor";

  private static final Pattern CLIENT_ROUTE = Pattern.compile("/clients/(-?\\d{1,19})/(\\w+)");

  /**
   * Request threads. Four, not two: a request forwarded to the owner holds its thread while the
   * owner answers; the owner never forwards again ({@link Forwarding#HEADER}), so requests cannot
   * wait on each other in a ring, and the timeout bounds the wait anyway.
   */
  static final int THREADS = 4;

  private final HttpServer server;
  private final ExecutorService pool;
  private final Forwarding forwarding = new Forwarding();
  private volatile ClientLookup lookup;

  /**
   * Binds (port 0: any free port) without serving yet: the bound port must be known before Kafka
   * Streams starts, as this instance's {@code application.server}.
   */
  QueryServer(InetSocketAddress bind, String password) throws IOException {
    if (password == null || password.isBlank()) {
      throw new IllegalArgumentException("the query routes need a password");
    }
    this.server = HttpServer.create(bind, 0);
    this.pool = Executors.newFixedThreadPool(THREADS, r -> new Thread(r, "scorer-http"));
    server.setExecutor(pool);
    // The most specific context wins: /health without login, everything else behind it.
    server.createContext("/health", this::handle);
    server.createContext("/", this::handle).setAuthenticator(new Login(password));
  }

  /** HTTP Basic against the one user; the password is compared in constant time. */
  private static final class Login extends BasicAuthenticator {
    private final byte[] password;

    Login(String password) {
      super("scorer");
      this.password = password.getBytes(UTF8);
    }

    @Override
    public boolean checkCredentials(String user, String given) {
      boolean passwordMatches =
          MessageDigest.isEqual(password, given == null ? new byte[0] : given.getBytes(UTF8));
      return USER.equals(user) && passwordMatches;
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  void start(ClientLookup lookup) {
    this.lookup = lookup;
    server.start();
    LOG.info(
        "queries on http://{}:{}/clients/{id}/history, /clients/{id}/decision, /health",
        host(),
        port());
  }

  private String host() {
    return server.getAddress().getAddress().isAnyLocalAddress()
        ? "localhost"
        : server.getAddress().getHostString();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        send(exchange, 405, error("only GET is served"));
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/health")) {
        answer(exchange, 0, lookup.health(), h -> ("{\"state\":\"" + h + "\"}").getBytes(UTF8));
        return;
      }
      Matcher m = CLIENT_ROUTE.matcher(path);
      long clientId;
      try {
        clientId = m.matches() ? Long.parseLong(m.group(1)) : 0;
      } catch (NumberFormatException e) {
        send(exchange, 400, error("the client id is not a 64-bit integer"));
        return;
      }
      if (m.matches() && m.group(2).equals("history")) {
        answer(exchange, clientId, lookup.history(clientId), AvroJson::toJson);
      } else if (m.matches() && m.group(2).equals("decision")) {
        answer(exchange, clientId, lookup.decision(clientId), AvroJson::toJson);
      } else {
        send(
            exchange,
            404,
            error("no such route; try /clients/{id}/history, /clients/{id}/decision, /health"));
      }
    } catch (RuntimeException e) {
      LOG.warn("query {} failed", exchange.getRequestURI(), e);
      send(exchange, 500, error("internal error: " + e));
    }
  }

  private interface Render<T> {
    byte[] json(T value);
  }

  private <T> void answer(HttpExchange exchange, long clientId, Lookup<T> result, Render<T> render)
      throws IOException {
    if (result instanceof Lookup.Found<T> found) {
      send(exchange, 200, render.json(found.value()));
    } else if (result instanceof Lookup.NotFound<T> notFound) {
      send(exchange, 404, error(notFound.why()));
    } else if (result instanceof Lookup.Elsewhere<T> elsewhere) {
      forward(exchange, clientId, elsewhere.host() + ":" + elsewhere.port());
    } else if (result instanceof Lookup.Unavailable<T> unavailable) {
      unavailable(exchange, unavailable.why());
    }
  }

  private void forward(HttpExchange exchange, long clientId, String owner) throws IOException {
    if (exchange.getRequestHeaders().containsKey(Forwarding.HEADER)) {
      // Forwarded here by an instance that thinks this one holds the client; this one thinks
      // otherwise: the metadata is changing (a rebalance). Asking again shortly will agree.
      unavailable(
          exchange,
          "client " + clientId + " is moving between instances (a rebalance); try again shortly");
      return;
    }
    Forwarding.Answer answer =
        forwarding.ask(
            owner,
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestHeaders().getFirst("Authorization"));
    if (answer instanceof Forwarding.Answer.Response r) {
      exchange.getResponseHeaders().set(Forwarding.OWNER_HEADER, owner);
      if (r.retryAfter() != null) {
        exchange.getResponseHeaders().set("Retry-After", r.retryAfter());
      }
      send(exchange, r.status(), r.body());
    } else if (answer instanceof Forwarding.Answer.TooLarge) {
      send(
          exchange,
          502,
          error(
              "the answer of the instance holding client "
                  + clientId
                  + " ("
                  + owner
                  + ") exceeds "
                  + Forwarding.MAX_BODY_BYTES
                  + " bytes"));
    } else if (answer instanceof Forwarding.Answer.NoAnswer n) {
      // The owner may have just died: its partitions move within seconds, so "try again".
      unavailable(
          exchange,
          "the instance holding client "
              + clientId
              + " ("
              + owner
              + ") did not answer: "
              + n.why());
    }
  }

  private static void unavailable(HttpExchange exchange, String why) throws IOException {
    exchange.getResponseHeaders().set("Retry-After", "1");
    send(exchange, 503, error(why));
  }

  private static byte[] error(String message) {
    return ("{\"error\":" + quote(message) + "}").getBytes(UTF8);
  }

  private static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
