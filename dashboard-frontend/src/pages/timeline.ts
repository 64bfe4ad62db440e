// The client's timeline on the client file: every application, decision, explanation, human
// oversight entry and loan outcome, oldest first (GET /api/clients/{id}/timeline), each with its
// date and time, and the score's trend over the client's decisions as a small chart.
import { ApiError, get } from '../api';
import type { Timeline as TimelineData, TimelineEntry } from '../api-types';
import { timeChart } from '../charts';
import { date, dateTime, escapeHtml as h, money, percent } from '../format';
import { Key, t, valueLabel } from '../i18n';
import { decisionBadge } from './html';

/** GRANTED, REFUSED or REVIEW as a badge, with a sign and a word. */
export function outcomeBadge(d: string): string {
  if (d === 'REVIEW') return `<span class="badge warn">\u2691 ${h(t('tlREVIEW'))}</span>`;
  return decisionBadge(d);
}

/** A key of the dictionaries built from a code, or the code itself when there is none. */
function word(prefix: string, code: string): string {
  const key = `${prefix}${code}` as Key;
  const text = t(key);
  return text === key ? code : text;
}

/** One event in words: what happened, then its details. */
export function entryHtml(e: TimelineEntry): string {
  const when = `<time datetime="${h(e.at)}">${h(dateTime(e.at))}</time>`;
  let body = '';
  if (e.kind === 'APPLICATION' && e.application) {
    const a = e.application;
    body = `<p>${h(t('tlApplied', { type: valueLabel('NAME_CONTRACT_TYPE', a.NAME_CONTRACT_TYPE), credit: money(a.AMT_CREDIT), annuity: money(a.AMT_ANNUITY), income: money(a.AMT_INCOME_TOTAL) }))}</p>`;
  } else if (e.kind === 'DECISION' && e.decision) {
    const d = e.decision;
    const band = d.review_low != null && d.review_high != null ? `; ${t('tlBand', { low: percent(d.review_low), high: percent(d.review_high) })}` : '';
    body = `<p>${outcomeBadge(d.decision)} ${h(t('tlRisk', { p: percent(d.probability), t: percent(d.threshold) }) + band)}</p>${d.rejection ? `<p class="note" role="note">\u26a0 ${h(t('tlRejected'))}</p>` : ''}`;
  } else if (e.kind === 'EXPLANATION' && e.reasons) {
    body = `<p class="muted">${h(t('tlReasons'))}</p><ul class="tl-reasons">${e.reasons
      .map((r) => `<li>${r.contribution > 0 ? '\u25b2' : '\u25bc'} ${h(r.label)} <span class="muted">(${h(r.contribution > 0 ? t('raises') : t('lowers'))})</span></li>`)
      .join('')}</ul>`;
  } else if (e.kind === 'OVERRIDE' && e.override) {
    const o = e.override;
    const change = o.from_decision !== o.to_decision ? `<p>${outcomeBadge(o.from_decision)} \u2192 ${outcomeBadge(o.to_decision)}</p>` : '';
    body = `<p><strong>${h(word('tlAction_', o.action))}</strong> ${h(t('tlBy', { actor: o.actor, role: o.actor_role }))}</p>${change}
    <p>${h(word('tlCategory_', o.category))}. ${h(t('tlWhy', { reason: o.reason }))}</p>`;
  } else if (e.kind === 'OUTCOME') {
    body = `<p>${e.defaulted ? `<span class="badge ko">\u2716 ${h(t('tlDefaulted'))}</span>` : `<span class="badge ok">\u2714 ${h(t('tlRepaid'))}</span>`}</p>`;
  }
  const app = e.application_id ? ` \u00b7 <span class="small">${h(e.application_id)}</span>` : '';
  return `<li class="tl-${e.kind.toLowerCase()}"><h4>${h(word('tlKind_', e.kind))}</h4><p class="muted">${when}${app}</p>${body}</li>`;
}

/** The trend's text alternative: each decision's date and risk. */
export function trendText(d: TimelineData): string {
  const last = d.trend[d.trend.length - 1];
  return t('tlTrendAlt', {
    items: d.trend.map((p) => `${date(Date.parse(p.at))} ${percent(p.probability)}`).join('; '),
    t: last ? percent(last.threshold) : '\u2014',
  });
}

/** Loads and draws the timeline section of client {@code id} into {@code el}. */
export async function timelineSection(el: HTMLElement, id: string): Promise<void> {
  el.innerHTML = `<h2 id="timeline-title">${h(t('timelineTitle'))}</h2><p class="muted">${h(t('tlHelp'))}</p><div id="tl-body"><p>${h(t('loading'))}</p></div>`;
  const body = el.querySelector('#tl-body') as HTMLElement;
  let d: TimelineData;
  try {
    d = await get<TimelineData>(`api/clients/${encodeURIComponent(id)}/timeline`);
  } catch (e) {
    body.innerHTML = `<p class="${e instanceof ApiError && e.status === 404 ? 'muted' : 'error'}">${h(e instanceof ApiError && e.status === 404 ? t('tlNone') : t('tlError', { e: String(e) }))}</p>`;
    return;
  }
  body.innerHTML = `${d.trend.length ? `<h3>${h(t('tlTrend'))}</h3><div id="tl-trend" class="chart short"></div>` : ''}
  ${d.dropped ? `<p class="note" role="note">${h(t('tlDropped', { n: d.dropped, k: d.events_kept }))}</p>` : ''}
  ${d.events.length ? `<ol id="timeline" class="timeline">${d.events.map(entryHtml).join('')}</ol>` : `<p class="muted">${h(t('tlNone'))}</p>`}`;
  if (d.trend.length) {
    const last = d.trend[d.trend.length - 1];
    timeChart(el.querySelector('#tl-trend') as HTMLElement, trendText(d), [{ name: t('probability'), data: d.trend.map((p) => [p.at, p.probability] as [string, number]) }], {
      percent: true,
      min: 0,
      mark: { value: last.threshold, label: `${t('threshold')} ${percent(last.threshold)}` },
      timeLabel: date,
    });
  }
}
