package fr.pretadepenser.scoring.dashboard.timeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOverride;
import fr.pretadepenser.scoring.events.ExplainedDecision;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.events.LoanOutcome;
import fr.pretadepenser.scoring.events.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every client's past as the topics tell it, bounded: applications, decisions, explanations,
 * oversight entries ({@code decision-overrides}) and loan outcomes, in time order. The {@link
 * fr.pretadepenser.scoring.dashboard.decisions.DashboardView} keeps only a client's latest
 * application and decision; this keeps what came before, in a few hundred bytes an event (the facts
 * an advisor reads, not the feature vectors nor the SHAP values).
 *
 * <p>Bounds, all three enforced on every insert: {@code eventsPerClient} events per client (its
 * oldest dropped first and counted in {@link Snapshot#dropped()}), {@code clients} clients and
 * {@code events} events over all clients (the least recently updated client dropped first). Every
 * string taken from a topic is cut to a bound ({@link #cut}).
 *
 * <p>Only what the pipeline accepted is shown, as in the view: an application waits among the
 * pending ones (bounded, the oldest forgotten; dropped when the scorer dead-letters it) until the
 * scorer's decision on it arrives, so a forged application keyed to another client never reaches
 * that client's timeline; a decision the explainer dead-letters stays, marked with its rejection
 * (matched by position, never by content).
 *
 * <p>One lock; every operation is short (a binary search in one client's events), but {@link
 * #withOutcome()} scans every kept event, so callers run it off the event loop.
 */
public final class Timelines {

  /** What a timeline event is; also the order of events of the same instant. */
  public enum Kind {
    APPLICATION,
    DECISION,
    EXPLANATION,
    OVERRIDE,
    OUTCOME
  }

  /**
   * Characters kept of an override's free-text reason (the writer allows 2,000; the trail keeps it
   * whole): what bounds an event's size to about 1.5 KB at worst.
   */
  public static final int REASON_CHARS = 500;

  /** Characters kept of any other string read from a topic (ids, names, versions, rejections). */
  public static final int TEXT_CHARS = 300;

  /** Reasons kept per explanation: the letter's and the file's four. */
  public static final int REASONS = 4;

  /**
   * What the client asked for, in the Kaggle application's own field names.
   *
   * @param contractType {@code NAME_CONTRACT_TYPE}, Kaggle's coded value
   */
  public record TimelineApplication(
      @JsonProperty("NAME_CONTRACT_TYPE") String contractType,
      @JsonProperty("AMT_INCOME_TOTAL") double income,
      @JsonProperty("AMT_CREDIT") double credit,
      @JsonProperty("AMT_ANNUITY") Double annuity,
      @JsonProperty("AMT_GOODS_PRICE") Double goodsPrice) {}

  /**
   * The scorer's decision.
   *
   * @param decision GRANTED, REFUSED or REVIEW
   * @param reviewLow the review band the scorer applied, null when none
   * @param scoringModel "full" or "thin_file" ("" on an older record: full)
   * @param rejection the explainer's stage and reason when it dead-lettered the decision, else null
   */
  public record TimelineDecision(
      @JsonProperty("decision_id") String decisionId,
      String decision,
      double probability,
      double threshold,
      @JsonProperty("review_low") Double reviewLow,
      @JsonProperty("review_high") Double reviewHigh,
      @JsonProperty("model_version") String modelVersion,
      @JsonProperty("scoring_model") String scoringModel,
      String rejection) {

    TimelineDecision rejected(String why) {
      return new TimelineDecision(
          decisionId,
          decision,
          probability,
          threshold,
          reviewLow,
          reviewHigh,
          modelVersion,
          scoringModel,
          why);
    }
  }

  /**
   * One principal reason of an explanation, as the explainer chose it: worded in the request's
   * language when shown.
   *
   * @param code the reason family's code, "" for a reason of one feature
   * @param feature its first driving feature
   * @param contribution its contribution to the log-odds (positive: raised the risk)
   */
  public record ReasonCode(String code, String feature, double contribution) {}

  /** An entry of the oversight trail, as {@code DecisionOverride} has it. */
  public record TimelineOverride(
      long sequence,
      @JsonProperty("override_id") String overrideId,
      String action,
      @JsonProperty("decision_id") String decisionId,
      @JsonProperty("from_decision") String fromDecision,
      @JsonProperty("to_decision") String toDecision,
      String category,
      String reason,
      String actor,
      @JsonProperty("actor_role") String actorRole,
      @JsonProperty("model_version") String modelVersion,
      double probability) {}

  /**
   * One event of a client's timeline; the facts of its kind are set, the others null.
   *
   * @param at when it happened: submitted, decided, explained, recorded, or when the outcome became
   *     known
   * @param order arrival order, breaking ties between events of the same instant and kind
   * @param defaulted an outcome's: true when the client had payment difficulties
   */
  public record Event(
      Kind kind,
      Instant at,
      long order,
      String applicationId,
      TimelineApplication application,
      TimelineDecision decision,
      List<ReasonCode> reasons,
      TimelineOverride override,
      Boolean defaulted) {}

  /**
   * A client's timeline as kept.
   *
   * @param events oldest first
   * @param dropped older events of this client no longer kept (the per-client bound)
   */
  public record Snapshot(long clientId, List<Event> events, long dropped) {}

  private static final Comparator<Event> ORDER =
      Comparator.comparing(Event::at).thenComparing(Event::kind).thenComparingLong(Event::order);

  private static final class Client {
    final List<Event> events = new ArrayList<>();
    long dropped;
  }

  private record Pending(long clientId, Instant at, TimelineApplication facts, String position) {}

  /** Which client's which application a decision read at a position was about. */
  private record Where(long clientId, String applicationId) {}

  private final int clientCapacity;
  private final int perClient;
  private final int eventCapacity;
  private final int pendingCapacity;
  private final LinkedHashMap<Long, Client> clients = new LinkedHashMap<>();
  private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
  private final LinkedHashMap<String, Where> decisionAt = new LinkedHashMap<>();
  private final LinkedHashMap<String, String> earlyRejections = new LinkedHashMap<>();
  private final LinkedHashMap<String, Boolean> rejectedApplications = new LinkedHashMap<>();
  private long events;
  private long order;

  /**
   * @param clientCapacity clients kept
   * @param perClient events kept per client
   * @param eventCapacity events kept over all clients
   * @param pendingCapacity applications kept while they wait for their decision
   */
  public Timelines(int clientCapacity, int perClient, int eventCapacity, int pendingCapacity) {
    if (clientCapacity < 1 || perClient < 1 || eventCapacity < 1 || pendingCapacity < 1) {
      throw new IllegalArgumentException("timeline bounds must be at least 1");
    }
    if (eventCapacity < perClient) {
      throw new IllegalArgumentException(
          "dashboard.timeline.events must be at least dashboard.timeline.events-per-client");
    }
    this.clientCapacity = clientCapacity;
    this.perClient = perClient;
    this.eventCapacity = eventCapacity;
    this.pendingCapacity = pendingCapacity;
  }

  /** The events kept per client at most. */
  public int perClient() {
    return perClient;
  }

  /** The clients kept at most. */
  public int clientCapacity() {
    return clientCapacity;
  }

  /** An application read from {@code loan-applications} at this position (-1: unknown). */
  public synchronized void onApplication(LoanApplication a, int partition, long offset) {
    String position = position(partition, offset);
    if (partition >= 0 && rejectedApplications.remove(position) != null) {
      return;
    }
    String id = cut(a.getApplicationId(), TEXT_CHARS);
    long clientId = a.getSKIDCURR();
    TimelineApplication facts =
        new TimelineApplication(
            cut(a.getNAMECONTRACTTYPE(), TEXT_CHARS),
            a.getAMTINCOMETOTAL(),
            a.getAMTCREDIT(),
            a.getAMTANNUITY(),
            a.getAMTGOODSPRICE());
    Instant at = a.getSubmittedAt();
    Client c = clients.get(clientId);
    if (c != null && find(c, Kind.DECISION, id) != null) {
      // Decided already (the decision was read first): shown now, once.
      if (find(c, Kind.APPLICATION, id) == null) {
        add(clientId, event(Kind.APPLICATION, at, id, facts, null, null, null, null));
      }
      return;
    }
    // The first application read under an id is the one kept, as the scorer decides it once.
    if (!pending.containsKey(id)) {
      pending.put(id, new Pending(clientId, at, facts, position));
      trim(pending, pendingCapacity);
    }
  }

  /** The scorer dead-lettered the application at this position: never shown. */
  public synchronized void onApplicationRejected(int partition, long offset) {
    String at = position(partition, offset);
    Iterator<Pending> it = pending.values().iterator();
    while (it.hasNext()) {
      if (it.next().position().equals(at)) {
        it.remove();
        return;
      }
    }
    rejectedApplications.put(at, Boolean.TRUE);
    trim(rejectedApplications, pendingCapacity);
  }

  /** A decision read from {@code loan-decisions} at this position (-1: unknown). */
  public synchronized void onDecision(Decision d, int partition, long offset) {
    long clientId = d.getSKIDCURR();
    String id = cut(d.getApplicationId(), TEXT_CHARS);
    String position = position(partition, offset);
    String why = partition < 0 ? null : earlyRejections.remove(position);
    TimelineDecision facts = facts(d);
    if (why != null) {
      facts = facts.rejected(why);
    }
    Client c = clients.get(clientId);
    Event known = c == null ? null : find(c, Kind.DECISION, id);
    if (known == null) {
      add(clientId, event(Kind.DECISION, d.getDecidedAt(), id, null, facts, null, null, null));
    } else if (why != null) {
      replace(clientId, known, facts);
    }
    if (partition >= 0) {
      decisionAt.put(position, new Where(clientId, id));
      trim(decisionAt, eventCapacity);
    }
    Pending waiting = pending.get(id);
    if (waiting != null && waiting.clientId() == clientId) {
      pending.remove(id);
      if (find(clients.get(clientId), Kind.APPLICATION, id) == null) {
        add(
            clientId,
            event(Kind.APPLICATION, waiting.at(), id, waiting.facts(), null, null, null, null));
      }
    }
  }

  /** The explainer dead-lettered the decision at this position: marked with {@code why}. */
  public synchronized void onDecisionRejected(int partition, long offset, String why) {
    String position = position(partition, offset);
    Where where = decisionAt.get(position);
    if (where == null) {
      earlyRejections.put(position, cut(why, TEXT_CHARS));
      trim(earlyRejections, pendingCapacity);
      return;
    }
    Client c = clients.get(where.clientId());
    Event target = c == null ? null : find(c, Kind.DECISION, where.applicationId());
    if (target != null && target.decision().rejection() == null) {
      replace(where.clientId(), target, target.decision().rejected(cut(why, TEXT_CHARS)));
    }
  }

  /**
   * An explained decision read from {@code loan-decisions-explained}: its principal reasons; and
   * its decision, when the decision itself has not been read yet.
   */
  public synchronized void onExplained(ExplainedDecision x) {
    Decision d = x.getDecision();
    long clientId = d.getSKIDCURR();
    String id = cut(d.getApplicationId(), TEXT_CHARS);
    Client c = clients.get(clientId);
    if (c != null) {
      Event decided = find(c, Kind.DECISION, id);
      if (decided != null && decided.decision().rejection() != null) {
        // The explainer rejected that decision: an explanation of the same id is not its own.
        return;
      }
      if (find(c, Kind.EXPLANATION, id) != null) {
        return;
      }
    }
    if (c == null || find(c, Kind.DECISION, id) == null) {
      onDecision(d, -1, -1);
    }
    List<ReasonCode> reasons = new ArrayList<>();
    for (Reason r : x.getReasons()) {
      if (reasons.size() == REASONS) {
        break;
      }
      reasons.add(
          new ReasonCode(
              cut(r.getCode(), TEXT_CHARS), cut(r.getFeature(), TEXT_CHARS), r.getContribution()));
    }
    add(
        clientId,
        event(
            Kind.EXPLANATION,
            x.getExplainedAt(),
            id,
            null,
            null,
            List.copyOf(reasons),
            null,
            null));
  }

  /** An entry of the oversight trail read from {@code decision-overrides}. */
  public synchronized void onOverride(DecisionOverride o) {
    long clientId = o.getSKIDCURR();
    String overrideId = cut(o.getOverrideId(), TEXT_CHARS);
    Client c = clients.get(clientId);
    if (c != null) {
      for (Event e : c.events) {
        if (e.kind() == Kind.OVERRIDE && e.override().overrideId().equals(overrideId)) {
          return;
        }
      }
    }
    TimelineOverride facts =
        new TimelineOverride(
            o.getSequence(),
            overrideId,
            o.getAction().name(),
            cut(o.getDecisionId(), TEXT_CHARS),
            o.getFromDecision().name(),
            o.getToDecision().name(),
            o.getCategory().name(),
            cut(o.getReason(), REASON_CHARS),
            cut(o.getActor(), TEXT_CHARS),
            cut(o.getActorRole(), TEXT_CHARS),
            cut(o.getModelVersion(), TEXT_CHARS),
            o.getProbability());
    add(
        clientId,
        event(
            Kind.OVERRIDE,
            o.getAt(),
            cut(o.getApplicationId(), TEXT_CHARS),
            null,
            null,
            null,
            facts,
            null));
  }

  /** A loan outcome read from {@code loan-outcomes}; the same outcome read twice is kept once. */
  public synchronized void onOutcome(LoanOutcome o) {
    long clientId = o.getSKIDCURR();
    String id = o.getApplicationId() == null ? null : cut(o.getApplicationId(), TEXT_CHARS);
    Client c = clients.get(clientId);
    if (c != null) {
      for (Event e : c.events) {
        if (e.kind() == Kind.OUTCOME
            && e.at().equals(o.getKnownAt())
            && e.defaulted() == o.getDefaulted()
            && java.util.Objects.equals(e.applicationId(), id)) {
          return;
        }
      }
    }
    add(
        clientId,
        event(Kind.OUTCOME, o.getKnownAt(), id, null, null, null, null, o.getDefaulted()));
  }

  /** The client's timeline, oldest first; empty for a client not kept. */
  public synchronized Optional<Snapshot> timeline(long clientId) {
    Client c = clients.get(clientId);
    if (c == null) {
      return Optional.empty();
    }
    return Optional.of(new Snapshot(clientId, List.copyOf(c.events), c.dropped));
  }

  /** The latest known outcome of every kept client that has one: true when it defaulted. */
  public synchronized Map<Long, Boolean> withOutcome() {
    Map<Long, Boolean> out = new HashMap<>();
    for (Map.Entry<Long, Client> e : clients.entrySet()) {
      List<Event> events = e.getValue().events;
      for (int i = events.size() - 1; i >= 0; i--) {
        if (events.get(i).kind() == Kind.OUTCOME) {
          out.put(e.getKey(), events.get(i).defaulted());
          break;
        }
      }
    }
    return out;
  }

  /** Events kept in all (for the bound's test and meter). */
  public synchronized long events() {
    return events;
  }

  /** Clients kept. */
  public synchronized Set<Long> clients() {
    return Set.copyOf(clients.keySet());
  }

  private Event event(
      Kind kind,
      Instant at,
      String applicationId,
      TimelineApplication application,
      TimelineDecision decision,
      List<ReasonCode> reasons,
      TimelineOverride override,
      Boolean defaulted) {
    return new Event(
        kind, at, order++, applicationId, application, decision, reasons, override, defaulted);
  }

  private static TimelineDecision facts(Decision d) {
    return new TimelineDecision(
        cut(d.getDecisionId(), TEXT_CHARS),
        d.getDecision().name(),
        d.getProbability(),
        d.getThreshold(),
        d.getReviewLow(),
        d.getReviewHigh(),
        cut(d.getModelVersion(), TEXT_CHARS),
        cut(d.getScoringModel(), TEXT_CHARS),
        null);
  }

  private static Event find(Client c, Kind kind, String applicationId) {
    for (Event e : c.events) {
      if (e.kind() == kind && applicationId.equals(e.applicationId())) {
        return e;
      }
    }
    return null;
  }

  private void replace(long clientId, Event old, TimelineDecision facts) {
    Client c = clients.get(clientId);
    int i = c.events.indexOf(old);
    if (i >= 0) {
      c.events.set(
          i,
          new Event(
              old.kind(),
              old.at(),
              old.order(),
              old.applicationId(),
              old.application(),
              facts,
              old.reasons(),
              old.override(),
              old.defaulted()));
    }
  }

  /** Adds in time order, then holds the three bounds. */
  private void add(long clientId, Event e) {
    Client c = clients.remove(clientId);
    if (c == null) {
      c = new Client();
    }
    // Re-inserted: the most recently updated client is the last dropped.
    clients.put(clientId, c);
    int i = java.util.Collections.binarySearch(c.events, e, ORDER);
    c.events.add(i < 0 ? -i - 1 : i, e);
    events++;
    if (c.events.size() > perClient) {
      c.events.remove(0);
      c.dropped++;
      events--;
    }
    Iterator<Map.Entry<Long, Client>> oldest = clients.entrySet().iterator();
    while ((clients.size() > clientCapacity || events > eventCapacity) && oldest.hasNext()) {
      Map.Entry<Long, Client> victim = oldest.next();
      if (victim.getKey() == clientId) {
        // The client just updated goes last; with one client left the per-client bound holds.
        break;
      }
      events -= victim.getValue().events.size();
      oldest.remove();
    }
  }

  private static String position(int partition, long offset) {
    return partition + ":" + offset;
  }

  private static void trim(LinkedHashMap<?, ?> map, int capacity) {
    Iterator<?> it = map.keySet().iterator();
    while (map.size() > capacity && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /** At most {@code max} characters of {@code s} ("" for null), marked when cut. */
  static String cut(CharSequence s, int max) {
    if (s == null) {
      return "";
    }
    String v = s.toString();
    return v.length() <= max ? v : v.substring(0, max - 1) + "…";
  }
}
