package fr.pretadepenser.scoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.dashboard.decisions.DecisionStream;
import fr.pretadepenser.scoring.dashboard.decisions.DecisionSummary;
import fr.pretadepenser.scoring.dashboard.security.AdvisorPassword;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Issue 18's load test, bounded and on localhost: a signed-in advisor's {@code /api/stats} timed
 * alone, then while 16 clients keep sending wrong passwords (HTTP Basic, each waiting for its
 * answer before the next), on a dashboard of its own (the attack locks its address out, which must
 * not disturb the shared test dashboard).
 *
 * <p>The attackers come from 127.0.0.3 and the advisor from 127.0.0.1 (both are this machine's
 * loopback), as they would from two machines. The advisor's medians are compared within one run, so
 * a loaded machine slows both phases alike; before the fix the ratio was far above 2 (every wrong
 * password paid bcrypt on a pool as large as ten times the cores: see docs/BENCHMARKS.md).
 */
class HostileClientsTest {

  static final int ATTACKERS = 16;
  static final int SAMPLES = 300;

  static final int CLIENT_BUFFER = 32;

  static ConfigurableApplicationContext context;
  static int port;

  /** The advisor's session, opened from 127.0.0.1 before any attack. */
  static String session;

  @BeforeAll
  static void start() throws InterruptedException {
    TestDashboard shared = TestDashboard.get();
    shared.awaitLoaded();
    context = shared.another("--dashboard.client-buffer=" + CLIENT_BUFFER);
    port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    session = signIn("127.0.0.1", AdvisorPassword.USER, TestDashboard.PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
    POOLS.values().forEach(ConnectionProvider::dispose);
  }

  /** Connection pools, one per local address: a pooled connection keeps its address. */
  static final Map<String, ConnectionProvider> POOLS = new ConcurrentHashMap<>();

  /** Reactor Netty's client, its connections leaving from {@code address}. */
  static HttpClient http(String address) {
    ConnectionProvider pool =
        POOLS.computeIfAbsent(
            address, a -> ConnectionProvider.builder("from-" + a).maxConnections(32).build());
    return HttpClient.create(pool)
        .bindAddress(() -> new InetSocketAddress(address, 0))
        .responseTimeout(Duration.ofSeconds(60));
  }

  /** A client whose connections leave from {@code address}. */
  static WebClient from(String address) {
    return WebClient.builder()
        .baseUrl("http://127.0.0.1:" + port)
        .clientConnector(new ReactorClientHttpConnector(http(address)))
        .build();
  }

  /** A test client whose connections leave from {@code address}. */
  static WebTestClient testClient(String address) {
    return WebTestClient.bindToServer(new ReactorClientHttpConnector(http(address)))
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(60))
        .build();
  }

  /** Signs in with the form from {@code address}; returns the session cookie's value. */
  static String signIn(String address, String user, String password) {
    WebTestClient client = testClient(address);
    var page = client.get().uri("/login").exchange().expectBody(String.class).returnResult();
    String token = page.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
    var login =
        client
            .post()
            .uri("/login")
            .cookie("XSRF-TOKEN", token)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .bodyValue("username=" + user + "&password=" + password + "&_csrf=" + token)
            .exchange()
            .expectStatus()
            .isFound()
            .returnResult(Void.class);
    assertThat(login.getResponseHeaders().getFirst("Location")).doesNotContain("error");
    return login.getResponseCookies().getFirst("SESSION").getValue();
  }

  static double medianMillis(WebClient advisor, String session, int n) {
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      Integer status =
          advisor
              .get()
              .uri("/api/stats")
              .cookie("SESSION", session)
              .header("X-Requested-With", "XMLHttpRequest")
              .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
              .block(Duration.ofSeconds(60));
      ms[i] = (System.nanoTime() - t0) / 1e6;
      assertThat(status).isEqualTo(200);
    }
    Arrays.sort(ms);
    return ms[n / 2];
  }

  @Test
  void sixteenClientsSendingWrongPasswordsDoNotSlowASignedInAdvisor() throws Exception {
    WebClient advisor = from("127.0.0.1");
    medianMillis(advisor, session, 100); // warm up
    double alone = medianMillis(advisor, session, SAMPLES);

    AtomicBoolean attacking = new AtomicBoolean(true);
    AtomicLong attempts = new AtomicLong();
    Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    WebClient attacker = from("127.0.0.3");
    List<Thread> threads = new ArrayList<>();
    for (int a = 0; a < ATTACKERS; a++) {
      int id = a;
      Thread t =
          new Thread(
              () -> {
                long n = 0;
                while (attacking.get()) {
                  String guess = "guess-" + id + "-" + n++;
                  try {
                    Integer status =
                        attacker
                            .get()
                            .uri("/api/stats")
                            .headers(h -> h.setBasicAuth(AdvisorPassword.USER, guess))
                            .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
                            .block(Duration.ofSeconds(60));
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                  } catch (RuntimeException e) {
                    statuses.computeIfAbsent(-1, s -> new AtomicLong()).incrementAndGet();
                  }
                  attempts.incrementAndGet();
                }
              },
              "wrong-password-" + a);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    double attacked;
    long t0 = System.nanoTime();
    try {
      Thread.sleep(2_000); // the attack under way
      attacked = medianMillis(advisor, session, SAMPLES);
    } finally {
      attacking.set(false);
      for (Thread t : threads) {
        t.join(120_000);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double ratio = attacked / alone;
    System.out.printf(
        "HostileClientsTest: /api/stats median %.3f ms alone, %.3f ms under %d wrong-password"
            + " clients (ratio %.2f); %,d attempts in %.1f s, answers %s%n",
        alone, attacked, ATTACKERS, ratio, attempts.get(), seconds, statuses);
    // The bound: at most twice as slow. Both medians come from the same run and machine.
    assertThat(ratio).as("slow-down of the advisor's /api/stats under attack").isLessThan(2.0);
  }

  /** A GET of {@code /api/stats} with HTTP Basic from {@code address}: status and response. */
  static ResponseEntity<String> basicFrom(
      String address, String user, String password, String lang) {
    return from(address)
        .get()
        .uri("/api/stats")
        .headers(h -> h.setBasicAuth(user, password))
        .header(HttpHeaders.ACCEPT_LANGUAGE, lang)
        .exchangeToMono(r -> r.toEntity(String.class))
        .block(Duration.ofSeconds(60));
  }

  @Test
  void failedLoginsLockTheirAddressAreLoggedWithoutThePasswordAndASuccessResets() throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    // slf4j-simple writes to System.err as it is when it logs.
    System.setErr(new PrintStream(new TeeStream(err, logged), true, StandardCharsets.UTF_8));
    try {
      // A success resets the advisor's name (the load test may have locked it for addresses the
      // advisor never signed in from).
      assertThat(
              basicFrom("127.0.0.1", "advisor", TestDashboard.PASSWORD, "en")
                  .getStatusCode()
                  .value())
          .isEqualTo(200);
      // Five failures are free, the sixth is checked and locks the address for a second.
      for (int i = 1; i <= 6; i++) {
        assertThat(
                basicFrom("127.0.0.5", "advisor", "secret-guess-" + i, "en")
                    .getStatusCode()
                    .value())
            .as("attempt " + i)
            .isEqualTo(401);
      }
      long t0 = System.nanoTime();
      ResponseEntity<String> locked = basicFrom("127.0.0.5", "advisor", "secret-guess-7", "fr");
      assertThat(locked.getStatusCode().value()).isEqualTo(429);
      assertThat(Long.parseLong(locked.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)))
          .isBetween(1L, 300L);
      assertThat(locked.getBody()).contains("Trop de connexions");
      // The answer was held back (the tarpit), a lower bound that a loaded machine cannot break.
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(900));
      // Once the lock is over, one more wrong password is checked and locks for 2 s; while
      // locked, even the right password from there is refused unchecked...
      Thread.sleep(1000 * Long.parseLong(locked.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)));
      assertThat(basicFrom("127.0.0.5", "advisor", "secret-guess-8", "en").getStatusCode().value())
          .isEqualTo(401);
      assertThat(
              basicFrom("127.0.0.5", "advisor", TestDashboard.PASSWORD, "en")
                  .getStatusCode()
                  .value())
          .isEqualTo(429);
      // ... but not from the advisor's own address (it signed in from there), nor the session.
      assertThat(
              basicFrom("127.0.0.1", "advisor", TestDashboard.PASSWORD, "en")
                  .getStatusCode()
                  .value())
          .isEqualTo(200);
      assertThat(medianMillis(from("127.0.0.1"), session, 1)).isPositive();

      // The form: the same policy, said on the page.
      WebTestClient form = testClient("127.0.0.6");
      String token =
          form.get()
              .uri("/login")
              .exchange()
              .returnResult(String.class)
              .getResponseCookies()
              .getFirst("XSRF-TOKEN")
              .getValue();
      String location = null;
      for (int i = 1; i <= 7; i++) {
        location =
            form.post()
                .uri("/login")
                .cookie("XSRF-TOKEN", token)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=someone&password=form-guess-" + i + "&_csrf=" + token)
                .exchange()
                .expectStatus()
                .isFound()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getFirst(HttpHeaders.LOCATION);
        assertThat(location).as("attempt " + i).isEqualTo(i <= 6 ? "/login?error" : location);
      }
      assertThat(location).matches("/login\\?locked=\\d+");
      form.get()
          .uri(location)
          .exchange()
          .expectBody(String.class)
          .value(
              page ->
                  assertThat(page)
                      .contains("Too many failed sign-ins", "Trop de connexions échouées"));
    } finally {
      System.setErr(err);
    }
    String log = logged.toString(StandardCharsets.UTF_8);
    assertThat(log)
        .contains("Failed login (HTTP Basic) for user 'advisor' from 127.0.0.5")
        .contains("Failed login (form) for user 'someone' from 127.0.0.6")
        .contains("address locked for")
        .doesNotContain("secret-guess")
        .doesNotContain("form-guess");
  }

  /** Copies what is written to two streams. */
  static final class TeeStream extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    TeeStream(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) throws IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }

  @Test
  void aStreamAnswersAtOnceAndAStalledOneIsCutOff() throws Exception {
    MeterRegistry meters = context.getBean(MeterRegistry.class);
    double clientsBefore = meters.get("dashboard.stream.clients").gauge().value();
    double overflowsBefore = meters.get("dashboard.stream.overflows").functionCounter().count();
    DecisionSummary sample = context.getBean(DashboardView.class).recent(1).get(0).summary();
    DecisionStream stream = context.getBean(DecisionStream.class);
    try (Socket socket = new Socket()) {
      // A small window: the browser that never reads stops taking bytes early.
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout(5_000);
      String credentials =
          Base64.getEncoder()
              .encodeToString(
                  (AdvisorPassword.USER + ":" + TestDashboard.PASSWORD)
                      .getBytes(StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1:"
                  + port
                  + "\r\nAuthorization: Basic "
                  + credentials
                  + "\r\nAccept: text/event-stream\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      // The headers come at once, before any event: before the fix they waited for the first
      // event or the 15 s heartbeat, and this read timed out after 5 s.
      StringBuilder head = new StringBuilder();
      while (!head.toString().contains("\r\n\r\n")) {
        int c = in.read();
        assertThat(c).as("response headers").isNotNegative();
        head.append((char) c);
      }
      assertThat(head.toString())
          .startsWith("HTTP/1.1 200")
          .containsIgnoringCase("text/event-stream");
      awaitUntil(() -> meters.get("dashboard.stream.clients").gauge().value() > clientsBefore, 30);

      // From now on the client reads nothing. Events until the dashboard cuts it off.
      long published = 0;
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (meters.get("dashboard.stream.overflows").functionCounter().count() == overflowsBefore
          && System.nanoTime() < deadline) {
        for (int i = 0; i < 200; i++) {
          stream.publish("decision", sample);
        }
        published += 200;
        Thread.sleep(5);
      }
      assertThat(meters.get("dashboard.stream.overflows").functionCounter().count())
          .as("cut off after " + published + " events")
          .isGreaterThan(overflowsBefore);
      // Its stream is gone at once, while the client still reads nothing (before the fix it
      // waited, queued, for a client that would never take it).
      awaitUntil(() -> meters.get("dashboard.stream.clients").gauge().value() <= clientsBefore, 30);
      // And the connection is closed: reading what was sent ends (EOF or reset), not hangs.
      long bytes = 0;
      socket.setSoTimeout(30_000);
      byte[] buffer = new byte[65536];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          bytes += n;
        }
      } catch (SocketException reset) {
        // Closed with data unread: a reset is a closed connection too.
      }
      System.out.printf(
          "HostileClientsTest: a client that never read was cut off after %,d events published;"
              + " %,d bytes had been sent to it by then%n",
          published, bytes);
    }
  }

  static void awaitUntil(BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited " + seconds + " s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
