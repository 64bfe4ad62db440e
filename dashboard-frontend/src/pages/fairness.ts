// Fairness by group, as the Model page (the model card's out-of-fold table) and the Monitoring
// page (the live monitor's latest snapshot) show it: one table of the same rows, and on the Model
// page the comparison of the model with and without the columns it may not use.
import type { ExcludedColumns, ExclusionComparison, FairnessRow } from '../api-types';
import { escapeHtml as h, fixed, number, percent } from '../format';
import { dictionaries, fieldLabel, Key, t } from '../i18n';

export type { ExcludedColumns, ExclusionComparison, FairnessRow } from '../api-types';

/** An attribute's name in the page's language (gender, age_band, family_status). */
export function attributeName(attribute: string): string {
  const key = `fairAttr_${attribute}` as Key;
  return key in dictionaries.en ? t(key) : attribute;
}

/** A group's name: the server's words for it; "other" and "unknown" in the page's language. */
export function groupName(r: FairnessRow): string {
  if (r.group === 'other') return t('fairOther');
  if (r.group === 'unknown') return t('fairUnknown');
  return r.group_label || r.group;
}

/** How many groups the four-fifths rule flags, in words. */
export function flaggedSummary(rows: FairnessRow[]): string {
  return t('fairFlaggedSummary', { n: rows.filter((r) => r.four_fifths_flag).length, m: rows.length });
}

/**
 * The table: per attribute a group of rows (its name heading them), each group with its decisions,
 * approval rate, default rate, TPR, FPR, disparate impact and the four-fifths flag. What the ratio
 * means is said above the table rather than in a caption, which would be as wide as the table; on
 * a phone each group is a card, each figure named by its column (table.labelled, data-label).
 */
export function fairnessTable(rows: FairnessRow[], id: string): string {
  const attributes = [...new Set(rows.map((r) => r.attribute))];
  // data-label: each cell's column, which a phone shows in front of it (the rows are cards there).
  const line = (r: FairnessRow) => `<tr${r.four_fifths_flag ? ' class="flagged"' : ''}><th scope="row">${h(groupName(r))}</th>
      <td class="num" data-label="${h(t('fairDecisions'))}">${number(r.decisions, 0)}</td><td class="num" data-label="${h(t('fairApproval'))}">${percent(r.approval_rate)}</td>
      <td class="num" data-label="${h(t('fairDefault'))}" title="${h(t('fairOutcomes', { n: number(r.outcomes_known, 0) }))}">${percent(r.default_rate)}</td>
      <td class="num" data-label="${h(t('fairTprLong'))}">${percent(r.true_positive_rate)}</td><td class="num" data-label="${h(t('fairFprLong'))}">${percent(r.false_positive_rate)}</td>
      <td class="num" data-label="${h(t('fairImpact'))}">${fixed(r.disparate_impact, 2)}</td>
      <td data-label="${h(t('fairFlag'))}">${r.four_fifths_flag ? `<span class="badge ko">\u26a0 ${h(t('fairFlagged'))}</span>` : r.disparate_impact == null ? '\u2014' : `<span class="badge ok">\u2714 ${h(t('fairOk'))}</span>`}</td></tr>`;
  const body = attributes
    .map(
      (a) => `<tbody><tr class="attribute"><th scope="rowgroup" colspan="8">${h(attributeName(a))}</th></tr>${rows
        .filter((r) => r.attribute === a)
        .map(line)
        .join('')}</tbody>`,
    )
    .join('');
  return `<p class="muted small" id="${h(id)}-about">${h(t('fairCaption'))}</p>
  <table class="data fairness labelled" id="${h(id)}" aria-describedby="${h(id)}-about">
  <thead><tr><th scope="col">${h(t('fairGroup'))}</th><th scope="col" class="num">${h(t('fairDecisions'))}</th>
  <th scope="col" class="num">${h(t('fairApproval'))}</th><th scope="col" class="num">${h(t('fairDefault'))}</th>
  <th scope="col" class="num"><abbr title="${h(t('fairTprLong'))}">${h(t('fairTpr'))}</abbr></th><th scope="col" class="num"><abbr title="${h(t('fairFprLong'))}">${h(t('fairFpr'))}</abbr></th>
  <th scope="col" class="num">${h(t('fairImpact'))}</th><th scope="col">${h(t('fairFlag'))}</th></tr></thead>${body}</table>`;
}

/** A source column in words, with its name. */
function column(c: string): string {
  const label = fieldLabel(c);
  return label === c ? `<code>${h(c)}</code>` : `${h(label)} (<code>${h(c)}</code>)`;
}

/**
 * The columns the model may not use, and its AUC and cost with and without them on the same
 * folds. Null inputs (a bundle written before the card carried them) give a sentence saying so.
 */
export function exclusionHtml(c: ExclusionComparison | null, e: ExcludedColumns | null): string {
  if (!c && !e) return `<p id="excl-missing">${h(t('exclMissing'))}</p>`;
  const list = (cols: string[] | null | undefined) => (cols && cols.length ? cols.map(column).join(', ') : '\u2014');
  const excluded = e
    ? `<dl class="excluded"><dt>${h(t('exclProtected'))}</dt><dd>${list(e.protected)}</dd><dt>${h(t('exclNonActionable'))}</dt><dd>${list(e.non_actionable)}</dd></dl>`
    : '';
  if (!c) return excluded;
  const row = (name: string, s: ExclusionComparison['with_excluded']) =>
    `<tr><th scope="row">${h(name)}</th><td class="num">${s ? `${fixed(s.auc, 3)} \u00b1 ${fixed(s.auc_std, 3)}` : '\u2014'}</td><td class="num">${number(s?.cost, 0)}</td></tr>`;
  return `${excluded}<table class="data" id="excl-comparison"><caption>${h(t('exclCaption', { folds: c.folds ?? '\u2014', seed: c.seed ?? '\u2014' }))}</caption>
  <thead><tr><th scope="col">${h(t('exclModel'))}</th><th scope="col" class="num">${h(t('exclAuc'))}</th><th scope="col" class="num">${h(t('exclCost'))}</th></tr></thead>
  <tbody>${row(t('exclWith'), c.with_excluded)}${row(t('exclWithout'), c.without_excluded)}</tbody></table>`;
}
