package fr.pretadepenser.scoring.monitoring.live;

import fr.pretadepenser.scoring.events.AlertKind;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.events.LoanOutcome;
import fr.pretadepenser.scoring.events.ModelAlert;
import fr.pretadepenser.scoring.events.MonitoringSnapshot;
import fr.pretadepenser.scoring.model.ModelCard;
import fr.pretadepenser.scoring.model.ReferenceDistributions;
import fr.pretadepenser.scoring.model.fairness.Applicant;
import fr.pretadepenser.scoring.model.fairness.FairnessGroup;
import fr.pretadepenser.scoring.model.fairness.FairnessTable;
import fr.pretadepenser.scoring.model.metrics.Metrics;
import fr.pretadepenser.scoring.monitoring.DatasetDrift;
import fr.pretadepenser.scoring.monitoring.DriftDetector;
import fr.pretadepenser.scoring.monitoring.DriftStatistics;
import fr.pretadepenser.scoring.monitoring.FeatureDrift;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The live monitor's memory and arithmetic, without Kafka: decisions and outcomes go in, a snapshot
 * and the alerts it raises come out. Single-threaded by design (the service's poll loop owns it).
 *
 * <ul>
 *   <li>a sliding window of the latest decisions of the monitored model (vectors, probabilities,
 *       outcomes) for data drift, score drift and the approval rate;
 *   <li>decisions joined with their outcome <b>by application id</b> ({@code
 *       LoanOutcome.application_id}), in whichever order they come, for realised performance: a
 *       client who applied twice has two decisions and each its own outcome. An outcome without
 *       application id (an older sender) falls back on the client's latest decision, and is counted
 *       ({@link #outcomesJoinedByClient()}), which the service logs.
 * </ul>
 *
 * <p>Every collection has a bound, so that a monitor running for months (it reads its topics from
 * the start, two years of decisions) holds a constant amount: the window ({@link
 * MonitorSettings#window}); decisions awaiting their outcome and each client's latest application
 * id ({@link MonitorSettings#maxAwaiting}, the oldest dropped first: a decision whose outcome has
 * not come after that many later decisions is no longer joined, {@link #decisionsUnjoined()});
 * joined outcomes ({@link MonitorSettings#maxOutcomes}: realised performance covers the latest that
 * many, which is also what a monitor should report on a model that changes over time); outcomes
 * that came before their decision ({@link MonitorSettings#maxOutcomes}, the oldest dropped first,
 * {@link #outcomesDropped()}: an outcome for an application this monitor never sees, of another
 * model or past retention, would otherwise wait forever).
 *
 * <p>Fairness by group (gender, age band, family status) over the decisions it keeps (those
 * awaiting their outcome and those joined with one): the groups come from the application on
 * loan-applications ({@link #application}), joined by application id in either order, because the
 * model no longer uses gender or family status and the decision's vector does not hold them.
 * Applications whose decision has not been read wait in a map bounded by {@link
 * MonitorSettings#maxAwaiting} (the oldest dropped first, {@link #applicationsUnmatched()}); a
 * decision without its application is counted nowhere in fairness until the application comes.
 *
 * <p>An alert is raised when its condition starts to hold, not at every snapshot while it holds,
 * and may be raised again after the condition has cleared.
 */
public final class MonitorState {

  /**
   * A decision waiting for its outcome; {@code groups} null until its application is read; {@code
   * refused}: not granted by the model (REFUSED or REVIEW).
   */
  private record Decided(double probability, boolean refused, Applicant groups) {}

  /** A decision with its outcome; {@code groups} null until its application is read. */
  private record Joined(double probability, boolean refused, boolean defaulted, Applicant groups) {}

  /**
   * How much the state holds now, e.g. to show that it stays bounded over a long run.
   *
   * @param window decisions in the drift window
   * @param awaitingOutcome decisions waiting for their outcome
   * @param latestByClient clients whose latest application id is kept
   * @param joined decisions with their outcome (realised performance)
   * @param earlyOutcomes outcomes waiting for their decision
   * @param applications applications waiting for their decision (their protected groups)
   */
  public record Sizes(
      int window,
      int awaitingOutcome,
      int latestByClient,
      int joined,
      int earlyOutcomes,
      int applications) {

    /** The sizes of a state that kept no application (before fairness was monitored). */
    public Sizes(
        int window, int awaitingOutcome, int latestByClient, int joined, int earlyOutcomes) {
      this(window, awaitingOutcome, latestByClient, joined, earlyOutcomes, 0);
    }
  }

  /** The standard normal's 95th percentile: a two-sided 90% interval, a one-sided 95% bound. */
  static final double Z_95 = 1.6448536269514722;

  /**
   * The longest application id kept as a key, the scorer's own bound (it dead-letters longer ones):
   * a record on loan-applications is not validated by anyone before the monitor reads it, and a 64
   * KiB id kept per application would make the awaiting map's bound one of entries only.
   */
  public static final int MAX_APPLICATION_ID = 128;

  private final DriftDetector detector;
  private final double[] scoreEdges;
  private final double[] scoreFractions;
  private final ModelCard card;
  private final double referenceApprovalRate;

  /**
   * Share granted automatically on the out-of-fold predictions with the card's review band (under
   * its lower edge): a decision made with a band is compared with it, since its REVIEW decisions
   * are not automatic grants; the threshold's rate when the card has no band.
   */
  private final double bandApprovalRate;

  private final String modelVersion;
  private final MonitorSettings settings;
  private final int width;
  private final ArrayDeque<float[]> vectors = new ArrayDeque<>();
  // {probability, granted 0/1, the approval rate expected from training for such a decision}
  private final ArrayDeque<double[]> scores = new ArrayDeque<>();
  // Application id -> a decision without outcome yet; insertion order, the oldest evicted.
  private final Map<String, Decided> awaiting;
  // Client -> the application id of its latest decision (outcomes without application id).
  private final Map<Long, String> latestByClient;
  // Application id -> a decision with its outcome; the oldest evicted.
  private final Map<String, Joined> joined;
  // "a:" + application id, or "c:" + client id without one -> defaulted: came before the decision.
  private final Map<String, Boolean> early;
  // Application id -> the groups of an application whose decision has not been read yet.
  private final Map<String, Applicant> applicants;
  private final FairnessTable.Names groupNames = new FairnessTable.Names();
  private final Set<AlertKind> holding = EnumSet.noneOf(AlertKind.class);
  // "attribute=group" of the groups whose fairness alert holds (at most 3 x (MAX_GROUPS + 2)
  // groups).
  private final Set<String> fairnessHolding = new HashSet<>();
  private long applicationsUnmatched;
  private long otherModel;
  private long unjoined;
  private long dropped;
  private long byClient;

  public MonitorState(
      DriftDetector detector,
      ReferenceDistributions reference,
      ModelCard card,
      String modelVersion,
      MonitorSettings settings) {
    this.detector = detector;
    this.scoreEdges = toArray(reference.score().binEdges());
    this.scoreFractions = toArray(reference.score().binFractions());
    this.card = card;
    this.referenceApprovalRate = referenceApprovalRate(card);
    this.bandApprovalRate =
        card.reviewBand() == null || card.reviewBand().grantedShare() == null
            ? referenceApprovalRate
            : card.reviewBand().grantedShare();
    this.modelVersion = modelVersion;
    this.settings = settings;
    this.width = detector.width();
    this.awaiting = bounded(settings.maxAwaiting(), () -> unjoined++);
    this.latestByClient = bounded(settings.maxAwaiting(), () -> {});
    this.joined = bounded(settings.maxOutcomes(), () -> {});
    this.early = bounded(settings.maxOutcomes(), () -> dropped++);
    this.applicants = bounded(settings.maxAwaiting(), () -> applicationsUnmatched++);
  }

  /**
   * A map in insertion order that drops its eldest entry beyond {@code cap}, telling {@code
   * onEvict}.
   */
  private static <K, V> Map<K, V> bounded(int cap, Runnable onEvict) {
    return new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        if (size() > cap) {
          onEvict.run();
          return true;
        }
        return false;
      }
    };
  }

  /** A decision from loan-decisions; one of another model version is only counted. */
  public void decision(Decision d) {
    boundedId(d.getApplicationId());
    if (!modelVersion.equals(d.getModelVersion()) || d.getFeatures().size() != width) {
      otherModel++;
      return;
    }
    float[] v = new float[width];
    for (int i = 0; i < width; i++) {
      v[i] = d.getFeatures().get(i);
    }
    vectors.addLast(v);
    scores.addLast(
        new double[] {
          d.getProbability(),
          d.getDecision() == DecisionOutcome.GRANTED ? 1 : 0,
          d.getReviewLow() != null ? bandApprovalRate : referenceApprovalRate
        });
    if (vectors.size() > settings.window()) {
      vectors.removeFirst();
      scores.removeFirst();
    }
    String id = d.getApplicationId();
    long client = d.getSKIDCURR();
    Applicant groups = applicants.remove(id);
    Decided before = groups == null ? awaiting.get(id) : null;
    if (before != null) {
      groups = before.groups();
    }
    // A REVIEW is not granted automatically: it counts with the refusals here (fairness, realised
    // cost) as it is outside the approval rate above, so that every figure of the monitor reads
    // "granted by the model" against "not granted by the model", whatever an advisor decides later.
    Decided decided =
        new Decided(d.getProbability(), d.getDecision() != DecisionOutcome.GRANTED, groups);
    // Removed first so that the client moves to the newest end and is evicted last.
    latestByClient.remove(client);
    latestByClient.put(client, id);
    Joined known = joined.get(id);
    if (known != null) {
      // The same application decided again (a re-processed record): its latest decision counts.
      joined.put(
          id,
          new Joined(
              decided.probability(),
              decided.refused(),
              known.defaulted(),
              groups != null ? groups : known.groups()));
      return;
    }
    Boolean defaulted = early.remove("a:" + id);
    if (defaulted == null) {
      defaulted = early.remove("c:" + client);
      if (defaulted != null) {
        byClient++;
      }
    }
    if (defaulted != null) {
      joined.put(id, new Joined(decided.probability(), decided.refused(), defaulted, groups));
    } else {
      awaiting.put(id, decided);
    }
  }

  /**
   * An outcome from loan-outcomes, joined with the decision of its application id; without one,
   * with the client's latest decision. One that comes before its decision waits for it; one that
   * comes again for the same application replaces the first (a corrected outcome).
   */
  public void outcome(LoanOutcome o) {
    String id = o.getApplicationId();
    if (id != null && id.length() > MAX_APPLICATION_ID) {
      boundedId(id);
    }
    boolean fallback = id == null;
    if (fallback) {
      id = latestByClient.get(o.getSKIDCURR());
      if (id == null) {
        early.put("c:" + o.getSKIDCURR(), o.getDefaulted());
        return;
      }
    }
    Decided decided = awaiting.remove(id);
    Joined known = decided == null ? joined.get(id) : null;
    if (decided != null || known != null) {
      double p = decided != null ? decided.probability() : known.probability();
      boolean refused = decided != null ? decided.refused() : known.refused();
      Applicant groups = decided != null ? decided.groups() : known.groups();
      joined.put(id, new Joined(p, refused, o.getDefaulted(), groups));
      if (fallback) {
        byClient++;
      }
    } else if (fallback) {
      // The client's latest decision is known but no longer kept (evicted): nothing to join.
      dropped++;
    } else {
      early.put("a:" + id, o.getDefaulted());
    }
  }

  /**
   * An application from loan-applications: only its protected groups are kept, for the decision of
   * its application id, read before or after it. An application sent again gives its groups again
   * (the same, unless the sender corrected them).
   */
  public void application(LoanApplication a) {
    String id = boundedId(a.getApplicationId());
    Applicant groups =
        groupNames.of(
            a.getCODEGENDER(),
            FairnessTable.ageYears((double) a.getDAYSBIRTH()),
            a.getNAMEFAMILYSTATUS());
    Decided decided = awaiting.get(id);
    if (decided != null) {
      // put on a present key keeps its place in the eviction order.
      awaiting.put(id, new Decided(decided.probability(), decided.refused(), groups));
      return;
    }
    Joined known = joined.get(id);
    if (known != null) {
      joined.put(id, new Joined(known.probability(), known.refused(), known.defaulted(), groups));
      return;
    }
    applicants.put(id, groups);
  }

  /**
   * The id, when it can be a key: 1 to {@link #MAX_APPLICATION_ID} characters. The service
   * dead-letters the record otherwise.
   */
  private static String boundedId(String id) {
    if (id.isEmpty() || id.length() > MAX_APPLICATION_ID) {
      throw new IllegalArgumentException(
          "application_id must have 1 to "
              + MAX_APPLICATION_ID
              + " characters, has "
              + id.length());
    }
    return id;
  }

  /** Applications dropped while their decision had not been read (the oldest beyond the bound). */
  public long applicationsUnmatched() {
    return applicationsUnmatched;
  }

  /** Outcomes without application id, joined with their client's latest decision instead. */
  public long outcomesJoinedByClient() {
    return byClient;
  }

  /** Outcomes dropped before a decision to join them with came (the oldest beyond the bound). */
  public long outcomesDropped() {
    return dropped;
  }

  /** Decisions dropped while still waiting for their outcome (the oldest beyond the bound). */
  public long decisionsUnjoined() {
    return unjoined;
  }

  /** How much the state holds now. */
  public Sizes sizes() {
    return new Sizes(
        vectors.size(),
        awaiting.size(),
        latestByClient.size(),
        joined.size(),
        early.size(),
        applicants.size());
  }

  /** Decisions skipped because another model version made them. */
  public long otherModelDecisions() {
    return otherModel;
  }

  /** A snapshot now, and the alerts whose condition started to hold since the last one. */
  public record Result(MonitoringSnapshot snapshot, List<ModelAlert> alerts) {}

  public Result snapshot(Instant now) {
    MonitoringSnapshot.Builder s =
        MonitoringSnapshot.newBuilder()
            .setModelVersion(modelVersion)
            .setComputedAt(now)
            .setWindowDecisions(vectors.size())
            .setDatasetDrift(false)
            .setDriftedShare(0)
            .setFeatures(List.of())
            .setReferenceApprovalRate(referenceApprovalRate);
    List<ModelAlert> alerts = new ArrayList<>();
    if (vectors.size() >= settings.minWindow()) {
      DatasetDrift drift = detector.compare(List.copyOf(vectors));
      s.setDatasetDrift(drift.drift()).setDriftedShare(drift.driftedShare());
      s.setFeatures(drift.features().stream().map(MonitorState::toEvent).toList());
      double psi = scorePsi();
      boolean scoreDrift = psi > settings.scorePsiThreshold();
      double approval = scores.stream().mapToDouble(x -> x[1]).average().orElse(Double.NaN);
      double expected =
          scores.stream().mapToDouble(x -> x[2]).average().orElse(referenceApprovalRate);
      s.setScorePsi(psi)
          .setScoreDrift(scoreDrift)
          .setApprovalRate(approval)
          .setReferenceApprovalRate(expected);
      check(
          alerts,
          now,
          AlertKind.DATASET_DRIFT,
          drift.drift(),
          drift.driftedShare(),
          drift.thresholds().datasetShare(),
          String.format(
              Locale.ROOT,
              "Data drift: %d of %d features (%.0f%%) of the last %d applicants differ from the"
                  + " training population; first: %s",
              drift.drifted(),
              drift.compared(),
              100 * drift.driftedShare(),
              vectors.size(),
              drift.driftedFeatures().stream().limit(5).map(FeatureDrift::feature).toList()));
      check(
          alerts,
          now,
          AlertKind.SCORE_DRIFT,
          scoreDrift,
          psi,
          settings.scorePsiThreshold(),
          String.format(
              Locale.ROOT,
              "Score drift: the probabilities of the last %d applicants have a PSI of %.3f against"
                  + " the training out-of-fold probabilities",
              vectors.size(),
              psi));
      double gap = Math.abs(approval - expected);
      check(
          alerts,
          now,
          AlertKind.APPROVAL_RATE,
          gap > settings.approvalRateTolerance(),
          approval,
          settings.approvalRateTolerance(),
          String.format(
              Locale.ROOT,
              "Approval rate %.1f%% over the last %d decisions, %.1f%% expected from training",
              100 * approval,
              vectors.size(),
              100 * expected));
    }
    realised(s, alerts, now);
    fairness(s, alerts, now);
    return new Result(s.build(), alerts);
  }

  /**
   * Fairness by group over the decisions kept whose application has been read: approval over all of
   * them, the outcome rates over those whose outcome is known ({@link FairnessTable}, the
   * disparate-impact reference among groups of at least {@link
   * MonitorSettings#fairnessMinDecisions} decisions). An alert when a group with at least that many
   * decisions is flagged by the four-fifths rule beyond chance ({@link #clearlyBelow}), once per
   * group while it holds.
   */
  private void fairness(MonitoringSnapshot.Builder s, List<ModelAlert> alerts, Instant now) {
    FairnessTable.Counts counts = FairnessTable.counts();
    for (Decided d : awaiting.values()) {
      if (d.groups() != null) {
        counts.add(d.groups().decided(!d.refused(), null));
      }
    }
    for (Joined j : joined.values()) {
      if (j.groups() != null) {
        counts.add(j.groups().decided(!j.refused(), j.defaulted()));
      }
    }
    int min = settings.fairnessMinDecisions();
    List<FairnessGroup> groups = counts.groups(min);
    s.setFairness(groups.stream().map(MonitorState::toEvent).toList());
    Map<String, FairnessGroup> byKey = new LinkedHashMap<>();
    for (FairnessGroup g : groups) {
      byKey.put(g.attribute() + "=" + g.group(), g);
    }
    Map<String, FairnessGroup> references = new HashMap<>();
    for (String attribute : FairnessTable.ATTRIBUTES) {
      String reference = counts.reference(attribute, min);
      if (reference != null) {
        references.put(attribute, byKey.get(attribute + "=" + reference));
      }
    }
    Set<String> below = new HashSet<>();
    for (FairnessGroup g : groups) {
      FairnessGroup ref = references.get(g.attribute());
      if (g.fourFifthsFlag() && g.decisions() >= min && clearlyBelow(g, ref)) {
        below.add(g.attribute() + "=" + g.group());
      }
    }
    fairnessHolding.retainAll(below);
    for (FairnessGroup g : groups) {
      String key = g.attribute() + "=" + g.group();
      if (!below.contains(key) || !fairnessHolding.add(key)) {
        continue;
      }
      FairnessGroup ref = references.get(g.attribute());
      alerts.add(
          ModelAlert.newBuilder()
              .setModelVersion(modelVersion)
              .setRaisedAt(now)
              .setKind(AlertKind.FAIRNESS)
              .setValue(g.disparateImpact())
              .setThreshold(FairnessTable.FOUR_FIFTHS)
              .setMessage(
                  String.format(
                      Locale.ROOT,
                      "Four-fifths rule: %s %s granted %.1f%% of %d decisions, %.2f times the"
                          + " %.1f%% of %s %s (below 0.8 beyond chance)",
                      g.attribute().replace('_', ' '),
                      g.group(),
                      100 * g.approvalRate(),
                      g.decisions(),
                      g.disparateImpact(),
                      100 * ref.approvalRate(),
                      g.attribute().replace('_', ' '),
                      ref.group()))
              .build());
    }
  }

  /**
   * Whether a flagged group's approval rate is below four fifths of the reference's beyond chance:
   * the one-sided 95% upper bound of {@code p_group - 0.8 p_ref} (normal approximation, the two
   * rates' variances added) is below zero. The monitor alerts on that, not on the flag alone.
   */
  static boolean clearlyBelow(FairnessGroup g, FairnessGroup ref) {
    if (ref == null || g.approvalRate() == null || ref.approvalRate() == null) {
      return false;
    }
    double pg = g.approvalRate();
    double pr = ref.approvalRate();
    double f = FairnessTable.FOUR_FIFTHS;
    double variance = pg * (1 - pg) / g.decisions() + f * f * pr * (1 - pr) / ref.decisions();
    return pg - f * pr + Z_95 * Math.sqrt(variance) < 0;
  }

  private static fr.pretadepenser.scoring.events.FairnessGroup toEvent(FairnessGroup g) {
    return fr.pretadepenser.scoring.events.FairnessGroup.newBuilder()
        .setAttribute(g.attribute())
        .setGroup(g.group())
        .setDecisions(g.decisions())
        .setApprovalRate(g.approvalRate())
        .setOutcomesKnown(g.outcomesKnown())
        .setDefaultRate(g.defaultRate())
        .setTruePositiveRate(g.truePositiveRate())
        .setFalsePositiveRate(g.falsePositiveRate())
        .setDisparateImpact(g.disparateImpact())
        .setFourFifthsFlag(g.fourFifthsFlag())
        .build();
  }

  private void realised(MonitoringSnapshot.Builder s, List<ModelAlert> alerts, Instant now) {
    List<Joined> known = List.copyOf(joined.values());
    s.setOutcomesKnown(known.size());
    if (known.isEmpty()) {
      return;
    }
    double[] p = new double[known.size()];
    int[] y = new int[known.size()];
    double cost = 0;
    int defaulted = 0;
    for (int i = 0; i < p.length; i++) {
      Joined d = known.get(i);
      boolean bad = d.defaulted();
      p[i] = d.probability();
      y[i] = bad ? 1 : 0;
      defaulted += y[i];
      // Training's business cost: a granted defaulter costs cost_fn, a refused good client cost_fp.
      if (bad && !d.refused()) {
        cost += card.costFn();
      } else if (!bad && d.refused()) {
        cost += card.costFp();
      }
    }
    s.setRealisedCost(cost).setRealisedDefaultRate((double) defaulted / p.length);
    // The AUC training reports (Mann-Whitney, ties count half), so offline and live agree.
    Metrics.Auc realised = Metrics.aucWithError(p, y);
    double auc = realised.value();
    if (Double.isNaN(auc)) {
      return;
    }
    s.setRealisedAuc(auc);
    // A realised AUC over a few hundred outcomes wanders a few hundredths from the model's true
    // one: compare the floor with the interval, not the point, or healthy models raise alerts.
    double se = realised.standardError();
    double low = Math.max(0, auc - Z_95 * se);
    double high = Math.min(1, auc + Z_95 * se);
    if (!Double.isNaN(se)) {
      s.setRealisedAucLow(low).setRealisedAucHigh(high);
    }
    double floor = card.cvAucMean() - settings.aucDrop();
    check(
        alerts,
        now,
        AlertKind.PERFORMANCE,
        known.size() >= settings.minOutcomes() && high < floor,
        auc,
        floor,
        String.format(
            Locale.ROOT,
            "Realised AUC %.3f (90%% interval %.3f to %.3f) over %d decisions with known outcomes,"
                + " below %.3f (cross-validated %.3f minus %.2f)",
            auc,
            low,
            high,
            known.size(),
            floor,
            card.cvAucMean(),
            settings.aucDrop()));
  }

  private void check(
      List<ModelAlert> alerts,
      Instant now,
      AlertKind kind,
      boolean holds,
      double value,
      double threshold,
      String message) {
    if (!holds) {
      holding.remove(kind);
      return;
    }
    if (holding.add(kind)) {
      alerts.add(
          ModelAlert.newBuilder()
              .setModelVersion(modelVersion)
              .setRaisedAt(now)
              .setKind(kind)
              .setValue(value)
              .setThreshold(threshold)
              .setMessage(message)
              .build());
    }
  }

  /** Share granted at the bundle's threshold on the out-of-fold predictions. */
  private static double referenceApprovalRate(ModelCard card) {
    ModelCard.Confusion c = card.oofConfusion();
    long total = c.tp() + c.fp() + c.tn() + c.fn();
    return total == 0 ? Double.NaN : (double) (c.tn() + c.fn()) / total;
  }

  /** PSI of the window's probabilities over the reference score's bins. */
  private double scorePsi() {
    double[] current = new double[scoreFractions.length];
    for (double[] x : scores) {
      current[DriftStatistics.bin(scoreEdges, x[0])] += 1.0 / scores.size();
    }
    return DriftStatistics.psi(scoreFractions, current);
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static fr.pretadepenser.scoring.events.FeatureDrift toEvent(FeatureDrift d) {
    return fr.pretadepenser.scoring.events.FeatureDrift.newBuilder()
        .setFeature(d.feature())
        .setMethod(d.method())
        .setStatistic(d.statistic())
        .setThreshold(d.threshold())
        .setDrift(d.drift())
        .setImportance(d.importance())
        .build();
  }
}
