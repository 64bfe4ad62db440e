import type { Contribution, DistributionData, FamilyContribution } from './api-types';
import { lang, t } from './i18n';

export type { Contribution, DistributionData, FamilyContribution, OutcomeGroup } from './api-types';

const locale = (): string => (lang() === 'fr' ? 'fr-FR' : 'en-GB');

export function percent(p: number | null | undefined, digits = 1): string {
  if (p == null || Number.isNaN(p)) return '\u2014';
  return new Intl.NumberFormat(locale(), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(p);
}

export function number(v: number | null | undefined, digits = 2): string {
  if (v == null || Number.isNaN(v)) return '\u2014';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(v);
}

/**
 * The currency of the amounts: none named, shown as the generic currency sign \u00a4 (ISO 4217 "XXX",
 * "no currency"). The Kaggle Home Credit data does not say which currency its amounts are in (and
 * they are not euros), so the page marks them as money without naming a currency it does not know;
 * a lender with its own data sets its ISO code here (e.g. 'EUR').
 */
export const CURRENCY: string = 'XXX';

/** An amount of money, whole units, with the currency sign placed as the page's language does. */
export function money(v: number | null | undefined): string {
  if (v == null || Number.isNaN(v)) return '\u2014';
  const unnamed = CURRENCY === 'XXX';
  // Browsers word "XXX" differently (Chromium writes the letters): a named currency's layout, the
  // generic sign in its place.
  const parts = new Intl.NumberFormat(locale(), { style: 'currency', currency: unnamed ? 'EUR' : CURRENCY, maximumFractionDigits: 0, minimumFractionDigits: 0 }).formatToParts(v);
  return parts.map((p) => (unnamed && p.type === 'currency' ? '\u00a4' : p.value)).join('');
}

/** A number with exactly {@code digits} decimals (metrics: 0.700, not 0.7). */
export function fixed(v: number | null | undefined, digits: number): string {
  if (v == null || Number.isNaN(v)) return '\u2014';
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
}

/**
 * The date and the time of day: always the date (a time alone is ambiguous once the page stays open
 * overnight or is printed), its year when it is not the year of {@code now}.
 */
export function time(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const clock = new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(at);
  return `${new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: at.getFullYear() === now.getFullYear() ? undefined : 'numeric' }).format(at)} ${clock}`;
}

/** A date with hours and minutes, the year always (a client's timeline spans years). */
export function dateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** A day's date alone, the year always (a chart's time axis over months). */
export function date(ms: number): string {
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(ms));
}

/**
 * The gauge's scale: always 0 to 100 % (a scale that moved with each client made two clients'
 * gauges incomparable at a glance), with the threshold and, when the decision carries one, the
 * review band as fractions of that scale.
 */
export function gaugeScale(threshold: number, band?: { low: number; high: number } | null): { max: number; stops: { to: number; kind: 'granted' | 'review' | 'refused' }[]; tick: number } {
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  const stops: { to: number; kind: 'granted' | 'review' | 'refused' }[] =
    band && band.high > band.low
      ? [
          { to: clamp(band.low), kind: 'granted' },
          { to: clamp(band.high), kind: 'review' },
          { to: 1, kind: 'refused' },
        ]
      : [
          { to: clamp(threshold), kind: 'granted' },
          { to: 1, kind: 'refused' },
        ];
  return { max: 100, stops, tick: clamp(threshold) * 100 };
}

/** Hours and minutes of {@code ms} (epoch milliseconds), as a chart's time axis shows them. */
export function hourMinute(ms: number): string {
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit' }).format(new Date(ms));
}

/** Kaggle's DAYS_* (negative days before the application) as whole years; 365243 = not employed. */
export function daysToYears(days: number | null | undefined): number | null {
  if (days == null || days === 365243) return null;
  return Math.floor(-days / 365.25);
}

export function yearsToDays(years: number): number {
  return -Math.round(years * 365.25);
}

/** Distance of the probability to the threshold in percentage points, and which side. */
export function distanceToThreshold(p: number, threshold: number): { points: number; refused: boolean } {
  return { points: Math.round(Math.abs(p - threshold) * 1000) / 10, refused: p >= threshold };
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
export const logit = (p: number): number => Math.log(p) - Math.log1p(-p);

export interface WaterfallBar {
  label: string;
  start: number;
  end: number;
  delta: number;
}

/**
 * Bars of a waterfall in log-odds: from the base value, each contribution moves the running total;
 * the remaining features are one bar; the last bar ends at the model's log-odds.
 */
export function waterfall(base: number, top: Contribution[], others: number, othersLabel: string): WaterfallBar[] {
  const bars: WaterfallBar[] = [];
  let total = base;
  for (const c of top) {
    bars.push({ label: c.label || c.feature, start: total, end: total + c.contribution, delta: c.contribution });
    total += c.contribution;
  }
  if (others !== 0) {
    bars.push({ label: othersLabel, start: total, end: total + others, delta: others });
  }
  return bars;
}

/** One bar of the waterfall by reason family, in probability (where the axis reads). */
export interface FamilyBar {
  /** The family's code (its toggle); `code/feature` for a feature row; '' for the remainder. */
  key: string;
  kind: 'family' | 'feature' | 'rest';
  label: string;
  /** The client's value: a family's largest feature with its value, a feature's value. */
  valueText: string | null;
  /** Whether a family bar is expanded (its features follow it); false for other rows. */
  expanded: boolean;
  /** Probability of default where the bar starts and ends. */
  start: number;
  end: number;
  /** The change in percentage points of probability (end - start, times 100). */
  points: number;
  /** The contribution in log-odds (SHAP's own unit, where bars add up). */
  logOdds: number;
}

/**
 * The waterfall by reason family, in probability of default: from the average applicant (the base
 * value), each family moves the risk (its summed contribution, added on the log-odds scale where
 * SHAP adds up, shown as the change of probability it makes at that point, in percentage points),
 * then the families not shown in one bar, ending at the client's probability. An expanded family
 * is followed by its features (and the rest of the family), which run over the same span.
 */
export function familyWaterfall(
  base: number,
  families: FamilyContribution[],
  familyOthers: number,
  othersLabel: string,
  otherFeaturesLabel: string,
  expanded: ReadonlySet<string>,
): FamilyBar[] {
  const bars: FamilyBar[] = [];
  const bar = (key: string, kind: FamilyBar['kind'], label: string, valueText: string | null, from: number, delta: number, open = false): FamilyBar => ({
    key,
    kind,
    label,
    valueText,
    expanded: open,
    start: sigmoid(from),
    end: sigmoid(from + delta),
    points: (sigmoid(from + delta) - sigmoid(from)) * 100,
    logOdds: delta,
  });
  let total = base;
  for (const f of families) {
    const open = expanded.has(f.code || f.label);
    bars.push(bar(f.code || f.label, 'family', f.label, f.valueText, total, f.contribution, open));
    if (open) {
      let inner = total;
      for (const c of f.features) {
        bars.push(bar(`${f.code}/${c.feature}`, 'feature', c.label || c.feature, c.valueText ?? null, inner, c.contribution));
        inner += c.contribution;
      }
      if (f.otherFeatures !== 0) bars.push(bar(`${f.code}/`, 'feature', otherFeaturesLabel, null, inner, f.otherFeatures));
    }
    total += f.contribution;
  }
  if (familyOthers !== 0) bars.push(bar('', 'rest', othersLabel, null, total, familyOthers));
  return bars;
}

/** Whether the bundle's reference data splits this distribution by outcome. */
export function hasOutcomes(d: DistributionData): boolean {
  return d.defaulters != null && d.others != null && d.defaulters.shares.length === d.reference.length && d.others.shares.length === d.reference.length;
}

/**
 * The distribution in one sentence: where the client falls, and which share of the defaulters and
 * of the others fall there too (or, without the split, how many granted and refused clients).
 */
export function distributionSummary(d: DistributionData): string {
  const label = d.label || d.feature;
  if (d.clientBin == null) return t('distNoValue', { f: label });
  const range = d.binLabels?.[d.clientBin] ?? '';
  const value = d.clientValueText ?? number(d.clientValue, 3);
  if (hasOutcomes(d)) {
    const dShare = d.defaulters!.shares[d.clientBin];
    const oShare = d.others!.shares[d.clientBin];
    const key = dShare > oShare * 1.25 ? 'distMoreDefaulters' : oShare > dShare * 1.25 ? 'distFewerDefaulters' : 'distAsMany';
    return `${t('distClient', { f: label, v: value, range })} ${t('distShares', { d: percent(dShare, 0), o: percent(oShare, 0) })} ${t(key)}`;
  }
  return `${t('distClient', { f: label, v: value, range })} ${t('distCounts', { g: d.granted[d.clientBin] ?? 0, r: d.refused[d.clientBin] ?? 0 })}`;
}

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
