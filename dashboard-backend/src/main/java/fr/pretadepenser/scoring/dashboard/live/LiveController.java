package fr.pretadepenser.scoring.dashboard.live;

import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.dashboard.decisions.DecisionRecord;
import fr.pretadepenser.scoring.dashboard.decisions.DecisionSummary;
import fr.pretadepenser.scoring.dashboard.web.ApiErrors;
import fr.pretadepenser.scoring.schemas.Violation;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.netty.Connection;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.server.HttpServerResponse;

/** The live decisions: the SSE stream, the counters and the most recent decisions. */
@RestController
class LiveController {

  /** How often an idle stream sends a comment, so proxies and browsers keep it open. */
  static final Duration HEARTBEAT = Duration.ofSeconds(15);

  /** How long a browser waits before reconnecting after the stream ended. */
  static final Duration RETRY = Duration.ofSeconds(2);

  private final LiveFeed feed;
  private final DashboardView view;

  LiveController(LiveFeed feed, DashboardView view) {
    this.feed = feed;
    this.view = view;
  }

  @Operation(
      summary = "Live decisions as server-sent events",
      description =
          "Each event has an id; a client that reconnects with Last-Event-ID (header, or the"
              + " lastEventId parameter) first gets the events it missed that are still kept."
              + " Event names: decision, explained, rejected (the explainer dead-lettered that"
              + " decision: not to be acted upon).")
  @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  Flux<ServerSentEvent<DecisionSummary>> stream(
      @RequestHeader(name = "Last-Event-ID", required = false) String header,
      @RequestParam(name = "lastEventId", required = false) String param,
      ServerWebExchange exchange) {
    long after = lastEventId(header != null ? header : param, header != null);
    Flux<ServerSentEvent<DecisionSummary>> events =
        feed.stream(after)
            .map(
                e ->
                    ServerSentEvent.builder(e.decision())
                        .id(Long.toString(e.id()))
                        .event(e.kind())
                        .retry(RETRY)
                        .build());
    Flux<ServerSentEvent<DecisionSummary>> heartbeat =
        Flux.interval(HEARTBEAT)
            .map(i -> ServerSentEvent.<DecisionSummary>builder().comment("keep-alive").build());
    // The stream ends when the events end (the feed cut off a browser that stopped reading): the
    // heartbeat must not keep it open. publish shares the one subscription to the feed (small
    // prefetch: the per-client bound is the feed's buffer). The first comment goes out at once,
    // and with it the response headers: without it they waited for the first event or heartbeat,
    // up to 15 s, and the browser could not tell a connected stream from a hanging one.
    return events
        .publish(shared -> Flux.merge(shared, heartbeat.takeUntilOther(shared.then())), 16)
        .startWith(ServerSentEvent.<DecisionSummary>builder().comment("connected").build())
        .doOnError(AbortedException.class, e -> close(exchange.getResponse()));
  }

  /**
   * Closes the connection of a stream the feed cut off. Ending the stream is not enough: Spring
   * takes an {@link AbortedException} for a client that left, and ends the response as if it were
   * complete; the connection would stay open (HTTP keep-alive) with what the browser never read
   * queued in it.
   */
  private static void close(ServerHttpResponse response) {
    try {
      if (ServerHttpResponseDecorator.getNativeResponse(response)
          instanceof HttpServerResponse netty) {
        netty.withConnection(Connection::dispose);
      }
    } catch (IllegalArgumentException notNetty) {
      // Another server: the error ends the stream, that server closes as it sees fit.
    }
  }

  private static long lastEventId(String raw, boolean header) {
    if (raw == null || raw.isBlank()) {
      return 0;
    }
    try {
      long v = Long.parseLong(raw.trim());
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ApiErrors.BadRequest(
          header ? "Last-Event-ID" : "lastEventId", "must be an event id (a whole number >= 0)");
    }
  }

  @Operation(summary = "Counts of decisions, explained decisions, dead letters; approval rate")
  @GetMapping(path = "/api/stats", produces = MediaType.APPLICATION_JSON_VALUE)
  DashboardView.Stats stats() {
    return view.stats();
  }

  @Operation(summary = "The most recent decisions, newest first")
  @GetMapping(path = "/api/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
  List<DecisionSummary> decisions(@RequestParam(name = "limit", required = false) String limit) {
    List<Violation> errors = new ArrayList<>();
    int n = ApiErrors.intParam("limit", limit, 50, 1, 1000, errors);
    ApiErrors.check(errors);
    return view.recent(n).stream().map(DecisionRecord::summary).toList();
  }
}
