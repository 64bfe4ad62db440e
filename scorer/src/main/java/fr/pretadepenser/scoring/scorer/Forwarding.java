package fr.pretadepenser.scoring.scorer;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the instance that holds a client for the client route a caller asked this one, so that any
 * instance answers for every client (Kafka Streams' metadata says which instance holds which
 * partition; {@code application.server} is where to reach it).
 *
 * <p>Why forward rather than redirect (307, as before): a caller behind a load balancer or outside
 * the containers' network often cannot reach the address an instance advertises to the others, and
 * it would have to handle redirects and send its login to another host.
 *
 * <p>The login: the caller's own {@code Authorization} header goes along, unchanged. Every instance
 * checks the same advisor login (one password), so the owner authenticates the caller exactly as
 * this instance did, and a wrong login is refused by both. The alternative, an internal route
 * without login or with a second, instance-to-instance secret, would either serve personal data to
 * anyone who reaches the port or add a secret to generate, distribute and rotate, for no gain in
 * what the owner learns about who asks.
 *
 * <p>Bounds: {@value #TIMEOUT_MS} ms for the whole exchange (connection included), at most {@value
 * #MAX_BODY_BYTES} bytes of answer (a client's whole history is a few MB at most), and one hop: a
 * forwarded request carries {@value #HEADER}, and an instance that receives one for a client it
 * does not hold answers 503 rather than forwarding again (the metadata is moving).
 */
final class Forwarding {

  /** Marks a forwarded request: the receiver answers itself or says "unavailable". */
  static final String HEADER = "X-Scorer-Forwarded";

  /** Names, in the answer, the instance that answered. */
  static final String OWNER_HEADER = "X-Scorer-Owner";

  static final int MAX_BODY_BYTES = 16 << 20;
  static final long TIMEOUT_MS = 5_000;

  /** What the owner said, or why it said nothing usable. */
  sealed interface Answer {
    record Response(int status, byte[] body, String retryAfter) implements Answer {}

    record TooLarge() implements Answer {}

    record NoAnswer(String why) implements Answer {}
  }

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofMillis(TIMEOUT_MS))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /**
   * GETs {@code path} on {@code owner} ({@code host:port}) with the caller's authorization (null:
   * none, and the owner will say 401).
   */
  Answer ask(String owner, String path, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://" + owner + path))
            .timeout(Duration.ofMillis(TIMEOUT_MS))
            .header(HEADER, "1")
            .GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    CompletableFuture<HttpResponse<byte[]>> future =
        client.sendAsync(request.build(), info -> new BoundedBody(MAX_BODY_BYTES));
    try {
      HttpResponse<byte[]> response = future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      if (response.body() == null) {
        return new Answer.TooLarge();
      }
      return new Answer.Response(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Retry-After").orElse(null));
    } catch (TimeoutException e) {
      future.cancel(true);
      return new Answer.NoAnswer("no answer within " + TIMEOUT_MS + " ms");
    } catch (ExecutionException e) {
      return new Answer.NoAnswer(String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      return new Answer.NoAnswer("interrupted");
    }
  }

  /** Collects a body up to {@code max} bytes; beyond, cancels the download and yields null. */
  static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int max;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    BoundedBody(int max) {
      this.max = max;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        if (out.size() + (long) b.remaining() > max) {
          subscription.cancel();
          result.complete(null);
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.writeBytes(chunk);
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }
}
