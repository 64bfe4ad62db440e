package fr.pretadepenser.scoring.dashboard.live;

import fr.pretadepenser.scoring.dashboard.decisions.DashboardView;
import fr.pretadepenser.scoring.dashboard.decisions.DecisionFilter;
import fr.pretadepenser.scoring.dashboard.decisions.DecisionRecord;
import fr.pretadepenser.scoring.dashboard.decisions.DecisionSummary;
import fr.pretadepenser.scoring.dashboard.decisions.HumanDecisions;
import fr.pretadepenser.scoring.dashboard.web.ApiErrors;
import fr.pretadepenser.scoring.schemas.Violation;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
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

  /** The largest page size of the Live list: a page is one screen, not an export. */
  static final int MAX_PAGE_SIZE = 100;

  /** The last page number asked for (the view keeps far fewer decisions than this reaches). */
  static final int MAX_PAGE = 10_000;

  private final LiveFeed feed;
  private final DashboardView view;
  private final ObjectProvider<HumanDecisions> humanDecisions;

  LiveController(LiveFeed feed, DashboardView view, ObjectProvider<HumanDecisions> humanDecisions) {
    this.feed = feed;
    this.view = view;
    this.humanDecisions = humanDecisions;
  }

  @Operation(
      summary = "Live decisions as server-sent events",
      description =
          "Each event has an id; a client that reconnects with Last-Event-ID (header, or the"
              + " lastEventId parameter) first gets the events it missed that are still kept."
              + " Event names: decision, explained, rejected (the explainer dead-lettered that"
              + " decision: not to be acted upon). decision, band and review filter the events"
              + " as they filter GET /api/decisions/page (ids still count every event).")
  @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  Flux<ServerSentEvent<DecisionSummary>> stream(
      @RequestHeader(name = "Last-Event-ID", required = false) String header,
      @RequestParam(name = "lastEventId", required = false) String param,
      @RequestParam(name = "decision", required = false) String decision,
      @RequestParam(name = "band", required = false) String band,
      @RequestParam(name = "review", required = false) String review,
      ServerWebExchange exchange) {
    long after = lastEventId(header != null ? header : param, header != null);
    List<Violation> errors = new ArrayList<>();
    DecisionFilter filter = DecisionFilter.parse(decision, band, review, errors);
    ApiErrors.check(errors);
    HumanDecisions human = human();
    Flux<ServerSentEvent<DecisionSummary>> events =
        feed.stream(after)
            // Filtered after the browser's bounded queue: a filtered stream is never slower.
            .filter(e -> filter.all() || filter.test(e.decision(), human))
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

  @Operation(
      summary = "The most recent decisions, newest first",
      description =
          "Filtered as GET /api/decisions/page is (decision, band, review), without a count.")
  @GetMapping(path = "/api/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
  List<DecisionSummary> decisions(
      @RequestParam(name = "limit", required = false) String limit,
      @RequestParam(name = "decision", required = false) String decision,
      @RequestParam(name = "band", required = false) String band,
      @RequestParam(name = "review", required = false) String review) {
    List<Violation> errors = new ArrayList<>();
    int n = ApiErrors.intParam("limit", limit, 50, 1, 1000, errors);
    DecisionFilter filter = DecisionFilter.parse(decision, band, review, errors);
    ApiErrors.check(errors);
    if (filter.all()) {
      return view.recent(n).stream().map(DecisionRecord::summary).toList();
    }
    HumanDecisions human = human();
    return view.page(r -> filter.test(r, human), 0, n).items().stream()
        .map(DecisionRecord::summary)
        .toList();
  }

  /**
   * A page of the Live list.
   *
   * @param items newest decided first
   * @param total the kept decisions that pass the filter
   * @param page this page's number, from 0
   * @param size the page's size asked for
   * @param kept the decisions the dashboard keeps, over which the filter and paging run
   */
  record DecisionPage(List<DecisionSummary> items, int total, int page, int size, int kept) {}

  @Operation(
      summary = "A page of the kept decisions, filtered, newest decided first, with their count",
      description =
          "decision: GRANTED, REFUSED, REVIEW; band: the probability against the decision's"
              + " threshold, low (below half of it), moderate (half of it to it), high (it to"
              + " twice it), very_high (twice it and more); review: pending (a REVIEW decision no"
              + " person has decided), human (a person decided or overrode it), automatic (no"
              + " person did). Each a comma-separated list, absent for every value. page from 0"
              + " (at most 10000), size 1 to 100 (default 25). The stream (GET /api/stream) takes"
              + " the same filter.")
  @GetMapping(path = "/api/decisions/page", produces = MediaType.APPLICATION_JSON_VALUE)
  DecisionPage page(
      @RequestParam(name = "decision", required = false) String decision,
      @RequestParam(name = "band", required = false) String band,
      @RequestParam(name = "review", required = false) String review,
      @RequestParam(name = "page", required = false) String page,
      @RequestParam(name = "size", required = false) String size) {
    List<Violation> errors = new ArrayList<>();
    DecisionFilter filter = DecisionFilter.parse(decision, band, review, errors);
    int p = ApiErrors.intParam("page", page, 0, 0, MAX_PAGE, errors);
    int n = ApiErrors.intParam("size", size, 25, 1, MAX_PAGE_SIZE, errors);
    ApiErrors.check(errors);
    HumanDecisions human = human();
    DashboardView.Page found = view.page(r -> filter.test(r, human), p, n);
    return new DecisionPage(
        found.items().stream().map(DecisionRecord::summary).toList(),
        found.total(),
        p,
        n,
        found.kept());
  }

  private HumanDecisions human() {
    return humanDecisions.getIfAvailable(() -> HumanDecisions.NONE);
  }
}
