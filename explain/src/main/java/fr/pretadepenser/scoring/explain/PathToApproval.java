package fr.pretadepenser.scoring.explain;

import fr.pretadepenser.scoring.events.Counterfactual;
import fr.pretadepenser.scoring.events.Decision;
import fr.pretadepenser.scoring.events.DecisionOutcome;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.model.ApplicationScorer;
import fr.pretadepenser.scoring.model.DecisionRule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A path to approval for a refused application, or one sent to review: the smallest change of the
 * loan the client can choose, its amount (AMT_CREDIT, the goods price following it), its term (the
 * annuity AMT_ANNUITY for the same amount) or both, that brings the model's probability of default
 * under a target. Nothing else of the application changes (never age, gender, family, income or
 * history): the vector is the decision's, with its application part computed again by the feature
 * definition from the changed application ({@link ApplicationScorer#withApplication}), then scored
 * by the ONNX model, exactly as {@code POST /api/what-if} scores the same changes.
 *
 * <p><b>Smallest.</b> A change is measured by how much it lowers the payment the client asked for:
 * {@code r = annuity asked / annuity proposed}. Lending a share {@code a} of the amount over a term
 * {@code t} times as long gives {@code r = t / a}, so a tenth less at the same term costs what a
 * term a ninth longer at the same amount costs. At one cost, the change that keeps the amount is
 * preferred (the client gets what they need, over longer), then the one that shares the effort
 * between amount and term (each {@code √r}), then the amount alone. The search scans {@value
 * #LEVELS} costs, geometrically spaced from the smallest to the largest allowed, tries the three
 * shapes at each, and at the first cost with an approval bisects {@value #REFINE_STEPS} times
 * between it and the cost below. Tree models are not monotone, so the result is the smallest on
 * this grid, not a proven minimum; it is always a real approval, since every candidate is scored.
 *
 * <p><b>Plausible loans only.</b> The amount stays at least {@link Limits#minAmountShare()} of the
 * asked amount, the term at most {@link Limits#maxTermFactor()} times the asked one and at most
 * {@link Limits#maxPayments()} payments (the term in payments is credit / annuity, interest
 * ignored); the annuity never exceeds the credit; the goods price keeps its ratio to the credit (a
 * cheaper purchase); a lowered credit is rounded down to a multiple of {@value #CREDIT_STEP}, the
 * annuity and the goods price to whole units, and the rounded values are the ones scored.
 *
 * <p><b>Bounded work.</b> At most {@value #MAX_EVALUATIONS} candidates are scored per refusal (one
 * feature computation of the application and one ONNX inference each), whatever the model.
 *
 * <p>Thread-safe when its scorer is (the production one is).
 */
public final class PathToApproval {

  /** Costs scanned before refining. */
  public static final int LEVELS = 12;

  /** Bisection steps between the first cost with an approval and the one below. */
  public static final int REFINE_STEPS = 5;

  /** The bound on candidates scored per refusal: three shapes per level, then the bisection. */
  public static final int MAX_EVALUATIONS = 3 * LEVELS + REFINE_STEPS;

  /** A lowered credit is a multiple of this (whole thousands: an amount a client is offered). */
  public static final double CREDIT_STEP = 1_000;

  public static final String CREDIT = "AMT_CREDIT";
  public static final String ANNUITY = "AMT_ANNUITY";
  public static final String GOODS_PRICE = "AMT_GOODS_PRICE";

  /**
   * How far a loan may be changed and still be the client's loan.
   *
   * @param minAmountShare the smallest share of the asked amount proposed, in (0, 1]
   * @param maxTermFactor how many times the asked term the proposed one may be, at least 1
   * @param maxPayments the longest term proposed, in payments (credit / annuity)
   */
  public record Limits(double minAmountShare, double maxTermFactor, double maxPayments) {

    /**
     * A quarter of the amount at least; at most twice the term asked, and 60 annuities (on the
     * sample, credit / annuity has median 20 and maximum 38: the doubling binds first for 79% of
     * the loans, the 60 for the longest).
     */
    public static final Limits DEFAULT = new Limits(0.25, 2.0, 60);

    public Limits {
      if (!(minAmountShare > 0 && minAmountShare <= 1)) {
        throw new IllegalArgumentException("minAmountShare must be in (0, 1]: " + minAmountShare);
      }
      if (!(maxTermFactor >= 1)) {
        throw new IllegalArgumentException("maxTermFactor must be at least 1: " + maxTermFactor);
      }
      if (!(maxPayments >= 1)) {
        throw new IllegalArgumentException("maxPayments must be at least 1: " + maxPayments);
      }
    }
  }

  /**
   * The answer for one application.
   *
   * @param found whether a change brings the probability under the target
   * @param changes the changed fields (Kaggle names) and their new values, empty when not found
   * @param probability the probability with the changes, or the lowest reached when not found
   * @param target the probability aimed under
   * @param evaluations candidates scored, at most {@link #MAX_EVALUATIONS}
   * @param paymentFactor how many times lower the proposed annuity is than the asked one (1 when
   *     not found)
   */
  public record Result(
      boolean found,
      Map<String, Double> changes,
      double probability,
      double target,
      int evaluations,
      double paymentFactor) {

    public Result {
      changes = Map.copyOf(changes);
    }
  }

  /** The three shapes of a change, in the order preferred at one cost. */
  private enum Shape {
    TERM,
    BOTH,
    AMOUNT
  }

  private final ApplicationScorer scorer;
  private final Limits limits;

  public PathToApproval(ApplicationScorer scorer) {
    this(scorer, Limits.DEFAULT);
  }

  public PathToApproval(ApplicationScorer scorer, Limits limits) {
    this.scorer = Objects.requireNonNull(scorer, "scorer");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * The path to approval of a refused or reviewed decision, aimed under {@link #target}: the lower
   * edge of the review band the scorer applied, else the model's threshold, so that the changed
   * loan is granted automatically (under the threshold alone it could still land in review). Null
   * for a grant, and for a decision that does not carry its application (written by a scorer before
   * it did).
   *
   * @throws IllegalArgumentException for a decision of another model than this scorer's
   */
  public Counterfactual of(Decision decision) {
    return of(decision, target(decision));
  }

  /**
   * What a path to approval aims under: the review band's lower edge when the decision carries a
   * band ({@code review_low}), else the threshold of the model that decided (the thin-file model's
   * for a thin-file decision).
   */
  public double target(Decision decision) {
    return decision.getReviewLow() != null
        ? decision.getReviewLow()
        : scorer.forModel(decision.getScoringModel()).threshold();
  }

  /**
   * The same, aimed under {@code target} (the threshold, or the lower edge of a review band).
   *
   * @throws IllegalArgumentException for a decision of another model than this scorer's
   */
  public Counterfactual of(Decision decision, double target) {
    if (decision.getDecision() == DecisionOutcome.GRANTED || decision.getApplication() == null) {
      return null;
    }
    String version = scorer.metadata().modelVersion();
    if (!version.equals(decision.getModelVersion())) {
      throw new IllegalArgumentException(
          "decided by model version "
              + decision.getModelVersion()
              + ", the path to approval is searched on version "
              + version);
    }
    // The model that decided searches its own path: a thin-file decision's loan is changed on the
    // thin-file model, its history features staying missing.
    Result r =
        new Search(
                scorer.forModel(decision.getScoringModel()),
                DecisionExplainer.floats(decision.getFeatures()),
                decision.getApplication(),
                target)
            .run();
    return Counterfactual.newBuilder()
        .setFound(r.found())
        .setChanges(new LinkedHashMap<>(r.changes()))
        .setProbability(r.probability())
        .setTarget(r.target())
        .setModelVersion(version)
        .build();
  }

  /**
   * Searches the smallest change of {@code application}'s loan that brings the probability of
   * {@code decided} (the vector it was decided on) under {@code target}.
   */
  public Result search(float[] decided, LoanApplication application, double target) {
    Search s = new Search(scorer, decided, application, target);
    return s.run();
  }

  /** One search: the asked loan, the bounds, the best candidate and the count of evaluations. */
  private final class Search {

    /** The model that decided (the full one, or the thin-file one). */
    private final ApplicationScorer model;

    private final float[] decided;
    private final LoanApplication work;
    private final double target;
    private final double credit;
    private final Double annuity;
    private final Double goods;
    private final double maxTerm;
    private final double maxFactor;
    private int evaluations;
    private double lowest = Double.POSITIVE_INFINITY;

    Search(ApplicationScorer model, float[] decided, LoanApplication application, double target) {
      this.model = model;
      this.decided = decided;
      // One copy, changed in place per candidate: the feature definition only reads it.
      this.work = LoanApplication.newBuilder(application).build();
      this.target = target;
      this.credit = application.getAMTCREDIT();
      this.annuity = application.getAMTANNUITY();
      this.goods = application.getAMTGOODSPRICE();
      boolean hasTerm = annuity != null && annuity > 0 && credit > 0;
      double payments = hasTerm ? credit / annuity : Double.NaN;
      // A term already at or beyond the longest one is not lengthened.
      this.maxTerm =
          hasTerm
              ? Math.max(1, Math.min(limits.maxTermFactor(), limits.maxPayments() / payments))
              : 1;
      this.maxFactor = maxTerm / limits.minAmountShare();
    }

    Result run() {
      if (!(credit > 0) || !(maxFactor > 1)) {
        return notFound();
      }
      double below = 1;
      for (int level = 1; level <= LEVELS; level++) {
        double r = Math.pow(maxFactor, (double) level / LEVELS);
        for (Shape shape : Shape.values()) {
          Candidate c = candidate(shape, r);
          if (c == null || c.duplicateOf(shape, r, this)) {
            continue;
          }
          double p = score(c);
          if (!DecisionRule.refuses(p, target)) {
            return refine(shape, below, r, c, p);
          }
        }
        below = r;
      }
      return notFound();
    }

    /** Bisects the cost between {@code low} (no approval) and {@code high} (an approval). */
    private Result refine(Shape shape, double low, double high, Candidate best, double bestP) {
      for (int step = 0; step < REFINE_STEPS; step++) {
        double mid = Math.sqrt(low * high);
        Candidate c = candidate(shape, mid);
        if (c == null) {
          low = mid;
          continue;
        }
        double p = score(c);
        if (!DecisionRule.refuses(p, target)) {
          high = mid;
          best = c;
          bestP = p;
        } else {
          low = mid;
        }
      }
      return new Result(
          true, best.changes(credit, annuity, goods), bestP, target, evaluations, best.factor);
    }

    private Result notFound() {
      if (evaluations == 0) {
        // No loan to try (no amount, or no room in the limits): the probability as decided.
        score(null);
      }
      return new Result(false, Map.of(), lowest, target, evaluations, 1);
    }

    /**
     * The loan of one shape at payment factor {@code r}, rounded; null when outside the limits or
     * not a change at all.
     */
    Candidate candidate(Shape shape, double r) {
      double term;
      double share;
      switch (shape) {
        case TERM -> {
          term = r;
          share = 1;
        }
        case BOTH -> {
          term = Math.min(maxTerm, Math.sqrt(r));
          share = term / r;
        }
        default -> {
          term = 1;
          share = 1 / r;
        }
      }
      if (term > maxTerm * (1 + 1e-12) || share < limits.minAmountShare() * (1 - 1e-12)) {
        return null;
      }
      double newCredit = credit;
      if (share < 1) {
        newCredit = Math.floor(credit * share / CREDIT_STEP) * CREDIT_STEP;
        if (newCredit <= 0 || newCredit < credit * limits.minAmountShare()) {
          return null;
        }
      }
      Double newAnnuity = annuity;
      if (annuity != null && (term > 1 || newCredit != credit)) {
        // The same payments count (times the term factor) for the amount lent.
        newAnnuity = (double) Math.round(annuity * (newCredit / credit) / term);
        if (newAnnuity <= 0 || newAnnuity > newCredit) {
          return null;
        }
      }
      Double newGoods = goods;
      if (goods != null && newCredit != credit) {
        newGoods = (double) Math.max(1, Math.round(goods * (newCredit / credit)));
      }
      if (newCredit == credit && Objects.equals(newAnnuity, annuity)) {
        return null;
      }
      double factor =
          annuity != null && newAnnuity != null ? annuity / newAnnuity : credit / newCredit;
      return new Candidate(newCredit, newAnnuity, newGoods, factor);
    }

    /** The probability of candidate {@code c}; null: the decided vector as it is. */
    private double score(Candidate c) {
      evaluations++;
      double p;
      if (c == null) {
        p = model.probability(decided);
      } else {
        work.setAMTCREDIT(c.credit);
        work.setAMTANNUITY(c.annuity);
        work.setAMTGOODSPRICE(c.goods);
        p = model.probability(model.withApplication(decided, work));
      }
      lowest = Math.min(lowest, p);
      return p;
    }
  }

  /** One proposed loan, already rounded, and its payment factor. */
  private record Candidate(double credit, Double annuity, Double goods, double factor) {

    /**
     * Whether the same loan was just tried at this cost by a preferred shape: with the term at its
     * bound, BOTH is AMOUNT, and with no term to lengthen, BOTH and TERM are AMOUNT or nothing.
     */
    boolean duplicateOf(Shape shape, double r, Search s) {
      if (shape == Shape.TERM) {
        return false;
      }
      Shape previous = shape == Shape.BOTH ? Shape.TERM : Shape.BOTH;
      Candidate before = s.candidate(previous, r);
      return equals(before);
    }

    Map<String, Double> changes(double credit, Double annuity, Double goods) {
      Map<String, Double> out = new LinkedHashMap<>();
      if (this.credit != credit) {
        out.put(CREDIT, this.credit);
      }
      if (!Objects.equals(this.annuity, annuity)) {
        out.put(ANNUITY, this.annuity);
      }
      if (!Objects.equals(this.goods, goods)) {
        out.put(GOODS_PRICE, this.goods);
      }
      return out;
    }
  }
}
