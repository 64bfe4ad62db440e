// What each history source had said when the scorer decided, and which model decided and why
// (issue 21): "reported none" (the client has no history there) is shown apart from "not received"
// (announced, not arrived), which a missing value on the history table cannot tell apart.
import { DecisionSummary } from '../api-types';
import { escapeHtml as h } from '../format';
import { Key, t } from '../i18n';

type Presence = DecisionSummary['history_presence'][number];

/** A source's status in words, with held against announced when some were announced. */
function statusText(p: Presence): string {
  const words = t(`presence_${p.status}` as Key);
  return p.status === 'PARTIAL' && p.announced != null ? `${words} (${t('presenceOf', { held: p.records, announced: p.announced })})` : words;
}

/** The mark before a status: a sign as well as words, never colour alone. */
function mark(status: string): string {
  if (status === 'REPORTED') return '\u2714';
  if (status === 'REPORTED_NONE') return '\u2205';
  if (status === 'NOT_RECEIVED' || status === 'PARTIAL') return '\u26a0';
  return '?';
}

/** The model line and the per-source table; empty for a decision written before they existed. */
export function historyPresenceHtml(d: DecisionSummary): string {
  const model = d.scoring_model;
  const reason = d.scoring_model_reason;
  const modelLine = model
    ? `<p id="scoring-model" class="${model === 'thin_file' ? 'note' : 'muted'}" role="note">${h(t(`model_${model}` as Key))}${reason ? `: ${h(t(`reason_${reason}` as Key))}` : ''}.</p>`
    : '';
  const rows = (d.history_presence ?? [])
    .map(
      (p) =>
        `<tr data-status="${h(p.status)}"><th scope="row">${h(t(`src_${p.source}` as Key))}</th><td>${mark(p.status)} ${h(statusText(p))}</td><td class="num">${p.records}</td></tr>`,
    )
    .join('');
  if (!modelLine && !rows) return '';
  return `<section id="history-presence" aria-labelledby="presence-title"><h4 id="presence-title">${h(t('presenceTitle'))}</h4>${modelLine}
  ${rows ? `<table class="data"><thead><tr><th scope="col">${h(t('presenceSource'))}</th><th scope="col">${h(t('presenceStatus'))}</th><th scope="col">${h(t('presenceRecords'))}</th></tr></thead><tbody>${rows}</tbody></table>` : ''}</section>`;
}

/** A badge for the live list: a decision made by the thin-file model. */
export function thinFileBadge(d: DecisionSummary): string {
  return d.scoring_model === 'thin_file' ? `<span class="badge warn">\u2205 ${h(t('thinFileBadge'))}</span>` : '';
}
