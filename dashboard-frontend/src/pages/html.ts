// HTML fragments that several pages show the same way: a decision's badge, an explanation's
// reasons, an application field's value.
import { DecisionSummary, Explanation } from '../api-types';
import { daysToYears, escapeHtml as h, money, number, percent } from '../format';
import { Key, t, valueLabel } from '../i18n';
import { thinFileBadge } from './history-presence';

/**
 * GRANTED, REVIEW (inside the review band: an advisor decides) or REFUSED as a badge: colour, sign
 * and word (meaning never rests on colour alone).
 */
export const decisionBadge = (d: string) => {
  const [cls, sign] = d === 'GRANTED' ? ['ok', '\u2714'] : d === 'REVIEW' ? ['review', '\u25d1'] : ['ko', '\u2716'];
  return `<span class="badge ${cls}">${sign} ${h(t(d as Key))}</span>`;
};

/**
 * What the explainer made of a decision, when it is not simply explained: REJECTED (dead-lettered,
 * not to be acted upon) or UNVERIFIED (explanation pending); and a decision made on incomplete
 * history. Words and a sign, not colour alone.
 */
export function verificationBadge(d: DecisionSummary): string {
  const parts: string[] = [];
  if (d.verification === 'REJECTED') parts.push(`<span class="badge ko" title="${h(d.rejection ?? '')}">\u26a0 ${h(t('rejectedDecision'))}</span>`);
  else if (d.verification === 'UNVERIFIED') parts.push(`<span class="muted">(${h(t('explanationPending'))})</span>`);
  if (d.historyMissing && d.historyMissing.length) parts.push(`<span class="badge warn">\u26a0 ${h(t('incompleteHistory'))}</span>`);
  if (d.scoring_model === 'thin_file') parts.push(thinFileBadge(d));
  return parts.join(' ');
}

/** The review band the scorer applied (REVIEW inside it: an advisor decides), when it applied one. */
export function reviewBandNote(d: DecisionSummary): string {
  if (d.review_low == null || d.review_high == null) return '';
  return ` <span class="muted">${h(t('reviewBand', { l: percent(d.review_low), h: percent(d.review_high) }))}</span>`;
}

/** An application field's value as the advisor reads it: years for day counts, money for amounts. */
export function fieldValue(field: string, v: unknown): string {
  if (v == null) return '\u2014';
  if (field === 'DAYS_BIRTH' || field === 'DAYS_EMPLOYED') return number(daysToYears(v as number), 0);
  if (field.startsWith('AMT_')) return money(v as number);
  if (typeof v === 'number') return number(v, 3);
  return h(valueLabel(field, String(v)));
}

/** The explanation's reasons in words; the top contributions when the explainer gave none. */
export function reasonsHtml(e: Explanation): string {
  const items = e.reasons.length
    ? e.reasons.map((r) =>
        // A reason family: its label, then the sentence with the client's values. A reason of one
        // feature (code "", an older explanation) is its sentence alone.
        r.code
          ? `<li>${r.contribution > 0 ? '\u25b2' : '\u25bc'} <strong>${h(r.label)}</strong><br>${h(r.text)}</li>`
          : `<li>${r.contribution > 0 ? '\u25b2' : '\u25bc'} ${h(r.text)}</li>`,
      )
    : e.top.slice(0, 5).map((c) => `<li>${c.contribution > 0 ? '\u25b2' : '\u25bc'} ${h(c.label || c.feature)}: ${h(c.valueText ?? number(c.value, 3))} \u2014 ${h(c.contribution > 0 ? t('raises') : t('lowers'))}</li>`);
  return `<ul class="reasons">${items.join('')}</ul>`;
}
