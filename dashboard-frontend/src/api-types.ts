// The API's JSON bodies as the pages read them, taken from the OpenAPI description the backend
// serves. openapi.json (next to package.json) is its snapshot, which the backend's
// OpenApiSnapshotTest keeps equal to what is served; `npm run types` generates
// src/generated/openapi.ts from it before every build, test run and dev server.
//
// The description gives every field's name and type, but not which fields may be null (a Java
// record's object fields may be, and are then sent as null) nor which words a string takes. So
// each type here is the generated one, refined where the pages need to know: `Refine` lets a field
// be null, optional or a narrower type, and the compiler checks that every refined field exists
// in the description with the same type, null aside. A field renamed or retyped in Java thus
// breaks the front end's build once the snapshot is refreshed, instead of a page at run time.
import type { paths } from './generated/openapi';

/** The JSON body of a 200 response to `M path`. */
type Body<P extends keyof paths, M extends 'get' | 'post' = 'get'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

/** A type without null or undefined anywhere: what a refinement is compared with. */
type NotNull<T> = T extends null | undefined
  ? never
  : T extends readonly (infer E)[]
    ? NotNull<E>[]
    : T extends object
      ? { [K in keyof T]-?: NotNull<T[K]> }
      : T;

/** Each field of U must be a field of T whose type, null aside, U's narrows or equals. */
type Refinement<T, U> = { [K in keyof U]: K extends keyof T ? (NotNull<U[K]> extends NotNull<T[K]> ? U[K] : never) : never };

/** T with the fields of U in place of its own (see the top of the file). */
export type Refine<T, U extends Refinement<T, U>> = Omit<T, keyof U> & U;

/** How the scorer decided: GRANTED, REVIEW (inside the review band: an advisor decides) or REFUSED. */
export type DecisionWord = 'GRANTED' | 'REVIEW' | 'REFUSED';

// --- live -----------------------------------------------------------------------------------

/** GET api/stats: the counters and the volume per minute. */
export type Stats = Refine<Body<'/api/stats'>, { approvalRate: number | null }>;

/** A decision in the live list (GET api/decisions, and each event of api/stream). */
export type DecisionSummary = Refine<
  Body<'/api/decisions'>[number],
  { decision: DecisionWord; verification: 'EXPLAINED' | 'UNVERIFIED' | 'REJECTED'; rejection: string | null; review_low: number | null; review_high: number | null }
>;

/** GET api/decisions/page: a page of the kept decisions, filtered, with their count. */
export type DecisionPage = Refine<Body<'/api/decisions/page'>, { items: DecisionSummary[] }>;

// --- client file ----------------------------------------------------------------------------

/** GET api/clients?prefix=: clients whose id starts so. */
export type ClientHit = Refine<Body<'/api/clients'>[number], { decision: string | null; probability: number | null }>;

type RawClientFile = Body<'/api/clients/{id}'>;
type RawExplanation = RawClientFile['explanation'];
type RawHistoryGroup = RawClientFile['history'][number];

/** A feature's SHAP contribution; the words (label, value texts) come where the server has them. */
export type Contribution = Refine<
  RawExplanation['top'][number],
  { value: number | null; typicalValue: number | null; label?: string | null; valueText?: string | null; typicalText?: string | null }
>;

/** A feature that drives a reason, with the client's value in units. */
export type ReasonFeature = Refine<RawExplanation['reasons'][number]['features'][number], { value: number | null; typicalValue: number | null; typicalText: string | null }>;

/**
 * A reason in words: a reason family (code, label, the sentence with the client's values) and its
 * driving features. Code "" (and no features, from an older dashboard) is a reason of one feature.
 */
export type Reason = Refine<
  RawExplanation['reasons'][number],
  { value: number | null; typicalValue: number | null; label?: string | null; code?: string | null; features?: ReasonFeature[] | null }
>;

/** A reason family's bar on the waterfall, with its features for when it is expanded. */
export type FamilyContribution = Refine<RawExplanation['families'][number], { features: Contribution[] }>;

/** An explanation; its texts are in the language of the request (Accept-Language). */
export type Explanation = Refine<
  RawExplanation,
  { top: Contribution[]; reasons: Reason[]; language?: string | null; families?: FamilyContribution[] | null; familyOthers?: number | null; familyOthersCount?: number | null }
>;

/** One field of the client's application, its value as the application has it. */
export type ApplicationField = RawClientFile['application'][number];

export type HistoryItem = Refine<RawHistoryGroup['items'][number], { value: number | null; label?: string | null; valueText?: string | null }>;
export type HistoryGroup = Refine<RawHistoryGroup, { items: HistoryItem[] }>;

/** GET api/clients/{id}: the client's file. */
export type ClientFile = Refine<
  RawClientFile,
  {
    application: ApplicationField[] | null;
    history: HistoryGroup[];
    decision: DecisionSummary | null;
    explanation: Explanation | null;
    modelVersion: string | null;
    final_decision: string | null;
    submittedAt: string | null;
    explanationNote: string | null;
    historyNote: string | null;
    counterfactual: PathToApproval | null;
  }
>;

/** A refusal's path to approval (GET api/clients/{id}): changes as POST api/what-if takes them. */
export type PathToApproval = NonNullable<RawClientFile['counterfactual']>;

type RawDistribution = Body<'/api/clients/{id}/distribution'>;

/** One outcome group of the training population over a distribution's bins. */
export type OutcomeGroup = NonNullable<RawDistribution['defaulters']>;

/** GET api/clients/{id}/distribution, the part the page reads (charts and the summary sentence). */
export type DistributionData = Refine<
  Pick<RawDistribution, 'feature' | 'label' | 'description' | 'clientValue' | 'clientValueText' | 'clientBin' | 'binEdges' | 'binLabels' | 'reference' | 'granted' | 'refused' | 'defaulters' | 'others'>,
  {
    label?: string | null;
    clientValue: number | null;
    clientValueText?: string | null;
    clientBin: number | null;
    binLabels?: string[] | null;
    defaulters?: OutcomeGroup | null;
    others?: OutcomeGroup | null;
  }
>;

type RawBivariate = Body<'/api/clients/{id}/bivariate'>;

/** A client in the scatter plot: a feature may have no value. */
export type ScatterPoint = Refine<RawBivariate['points'][number], { x: number | null; y: number | null }>;

/** GET api/clients/{id}/bivariate. */
export type Bivariate = Refine<RawBivariate, { client: ScatterPoint | null; points: ScatterPoint[]; xLabel?: string | null; yLabel?: string | null }>;

/** GET api/clients/{id}/similar: clients whose outcome is known, key features side by side. */
export type Similar = Refine<Body<'/api/clients/{id}/similar'>[number], { outcome: 'DEFAULTED' | 'REPAID' }>;

type RawTimeline = Body<'/api/clients/{id}/timeline'>;
type RawTimelineEntry = RawTimeline['events'][number];

/** A decision on the timeline: the review band and the explainer's rejection may be absent. */
export type TimelineDecision = Refine<RawTimelineEntry['decision'], { review_low: number | null; review_high: number | null; rejection: string | null }>;

/** One event of a client's timeline: only the facts of its kind are set, the others null. */
export type TimelineEntry = Refine<
  RawTimelineEntry,
  {
    kind: 'APPLICATION' | 'DECISION' | 'EXPLANATION' | 'OVERRIDE' | 'OUTCOME';
    application_id: string | null;
    application: Refine<RawTimelineEntry['application'], { AMT_ANNUITY: number | null; AMT_GOODS_PRICE: number | null }> | null;
    decision: TimelineDecision | null;
    reasons: RawTimelineEntry['reasons'] | null;
    override: RawTimelineEntry['override'] | null;
    defaulted: boolean | null;
  }
>;

/** GET api/clients/{id}/timeline: the client's events oldest first and the score's trend. */
export type Timeline = Refine<
  RawTimeline,
  { events: TimelineEntry[]; trend: Refine<RawTimeline['trend'][number], { review_low: number | null; review_high: number | null }>[] }
>;

/** GET api/features: the model's features with their words in the request's language. */
export type FeatureInfo = Body<'/api/features'>[number];

// --- what-if and new application ----------------------------------------------------------------

type RawWhatIf = Body<'/api/what-if', 'post'>;

/** One side of a what-if: the decision and its explanation. */
export type Outcome = Refine<RawWhatIf['original'], { explanation: Explanation }>;

/** POST api/what-if. */
export type WhatIf = Refine<RawWhatIf, { original: Outcome; whatIf: Outcome }>;

/**
 * POST api/applications (202): the application's id and client. The description says only
 * "object" (the intake answers 202, 400 or 503 with different bodies), so this one is written here.
 */
export interface Accepted {
  application_id: string;
  /** The client id as text, as every id the API writes (a number would round ids above 2^53). */
  SK_ID_CURR: string;
  /** True when this application id had already been received: it was not sent again. */
  already_received?: boolean;
  /** The decision's id, for an application already received and decided. */
  decision_id?: string;
}

// --- model ------------------------------------------------------------------------------------

type RawModelView = Body<'/api/model'>;

/** A feature's share of the model's importance. */
export type Importance = Refine<RawModelView['importance'][number], { label?: string | null }>;

/**
 * One group of a protected attribute (gender, age band, family status), on the Model page (the
 * card's out-of-fold table) and the Monitoring page (the live monitor's): the contract's
 * snake_case keys; a rate whose denominator is zero is null.
 */
export type FairnessRow = Refine<
  RawModelView['fairness'][number],
  {
    group_label: string | null;
    approval_rate: number | null;
    default_rate: number | null;
    true_positive_rate: number | null;
    false_positive_rate: number | null;
    disparate_impact: number | null;
  }
>;

type RawComparison = NonNullable<RawModelView['exclusion_comparison']>;
type RawScores = NonNullable<RawComparison['with_excluded']>;

/** Out-of-fold AUC (its standard deviation over the folds) and business cost of one variant. */
export type ExclusionScores = Refine<RawScores, { auc: number | null; auc_std: number | null; cost: number | null }>;

/** The model with and without the excluded columns, on the same folds. */
export type ExclusionComparison = Refine<
  RawComparison,
  { folds: number | null; seed: number | null; with_excluded: ExclusionScores | null; without_excluded: ExclusionScores | null }
>;

/** The source columns the model may not use. */
export type ExcludedColumns = NonNullable<RawModelView['excluded_columns']>;

/**
 * GET api/model. The card is the bundle's model-card.json as it is; the description documents it
 * as Jackson's JsonNode class (its bean properties, not the card's fields), so it is replaced here.
 * fairness is empty, exclusion_comparison and excluded_columns null, for a bundle whose card does
 * not carry them.
 */
export type ModelView = Omit<
  Refine<
    RawModelView,
    {
      importanceMeasure: string | null;
      importance: Importance[];
      fairness: FairnessRow[];
      exclusion_comparison: ExclusionComparison | null;
      excluded_columns: ExcludedColumns | null;
    }
  >,
  'card'
> & {
  card: Record<string, unknown>;
};

// --- monitoring -------------------------------------------------------------------------------

type RawMonitoring = Body<'/api/monitoring'>;
type RawLatest = NonNullable<RawMonitoring['latest']>;

/** A monitored feature's drift statistic in the latest snapshot. */
export type MonitoredFeature = Refine<RawLatest['features'][number], { statistic: number | null; threshold: number | null; importance: number | null }>;

/** The latest monitoring snapshot: figures unknown yet are null. */
export type Latest = Refine<
  RawLatest,
  {
    features: MonitoredFeature[];
    scorePsi: number | null;
    approvalRate: number | null;
    referenceApprovalRate: number | null;
    realisedAuc: number | null;
    realisedCost: number | null;
    realisedDefaultRate: number | null;
    realisedAucLow: number | null;
    realisedAucHigh: number | null;
    fairness: FairnessRow[];
  }
>;

/** A snapshot in the history the charts draw. */
export type SeriesPoint = Refine<
  RawMonitoring['series'][number],
  { scorePsi: number | null; approvalRate: number | null; referenceApprovalRate: number | null; realisedAuc: number | null }
>;

/** A model alert as the monitor raised it (its message in English). */
export type Alert = Refine<
  RawMonitoring['alerts'][number],
  { kind: 'DATASET_DRIFT' | 'SCORE_DRIFT' | 'APPROVAL_RATE' | 'PERFORMANCE' | 'FAIRNESS'; value: number | null; threshold: number | null }
>;

/** GET api/monitoring. */
export type MonitoringData = Refine<RawMonitoring, { latest: Latest | null; series: SeriesPoint[]; alerts: Alert[] }>;

// --- oversight: the review queue and the trail -------------------------------------------------

/** An entry of the oversight trail (POST api/decisions/{id}/override's 201, the client file's trail). */
export type TrailEntry = RawClientFile['trail'][number];

/** A case of GET api/review-queue. */
export type QueueItem = Refine<Body<'/api/review-queue'>['items'][number], { taken_by: string | null; taken_at: string | null }>;

/** GET api/review-queue. */
export type QueuePage = Refine<Body<'/api/review-queue'>, { items: QueueItem[] }>;
