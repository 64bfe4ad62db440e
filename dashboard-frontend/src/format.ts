import { lang } from './i18n';

const locale = (): string => (lang() === 'fr' ? 'fr-FR' : 'en-GB');

export function percent(p: number | null | undefined, digits = 1): string {
  if (p == null || Number.isNaN(p)) return '\u2014';
  return new Intl.NumberFormat(locale(), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(p);
}

export function number(v: number | null | undefined, digits = 2): string {
  if (v == null || Number.isNaN(v)) return '\u2014';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(v);
}

export function money(v: number | null | undefined): string {
  if (v == null) return '\u2014';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(v);
}

export function time(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(iso));
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

export interface Contribution {
  feature: string;
  description: string;
  value: number | null;
  typicalValue: number | null;
  contribution: number;
}

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
    bars.push({ label: c.feature, start: total, end: total + c.contribution, delta: c.contribution });
    total += c.contribution;
  }
  if (others !== 0) {
    bars.push({ label: othersLabel, start: total, end: total + others, delta: others });
  }
  return bars;
}

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
