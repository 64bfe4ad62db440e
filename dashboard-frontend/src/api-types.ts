// The API's JSON bodies as the pages read them.
import { Point } from './charts';
import { Contribution, DistributionData } from './format';
import { DecisionSummary } from './live';

export type { DistributionData };

export interface Stats { decisions: number; explained: number; deadLetters: number; approvalRate: number | null; volume: number[] }

/** Texts of an explanation are in the language of the request (Accept-Language). */
export interface Explanation {
  source: string; baseValue: number; margin: number; top: Contribution[]; others: number; language?: string;
  reasons: { feature: string; label?: string; description: string; value: number | null; contribution: number; text: string }[];
}
export interface ClientFile {
  clientId: number; displayName: string; application: { field: string; description: string; value: unknown }[] | null;
  history: { family: string; records: boolean; items: { feature: string; label?: string; description: string; value: number | null; valueText?: string }[] }[];
  decision: DecisionSummary | null; explanation: Explanation | null; modelVersion: string | null;
}
export interface ClientHit { clientId: number; displayName: string; decision: string | null }
export interface FeatureInfo { name: string; label: string }
export interface Bivariate { x: string; y: string; xLabel?: string; yLabel?: string; points: Point[]; client: Point | null }
export interface Similar { clientId: number; displayName: string; distance: number; probability: number; decision: string }

export interface Outcome { probability: number; decision: string; threshold: number; explanation: Explanation }
export interface WhatIf { clientId: number; displayName: string; changes: { field: string; from: unknown; to: unknown }[]; original: Outcome; whatIf: Outcome }

export interface Accepted { application_id: string; SK_ID_CURR: number }

export interface ModelView {
  modelVersion: string; threshold: number; features: number; card: Record<string, unknown>; report: string; importanceMeasure: string | null;
  importance: { feature: string; label?: string; description: string; importance: number }[];
}
