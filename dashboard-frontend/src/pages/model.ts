// The model: its metrics from the model card, the threshold, the version, the link to the
// training report and the global importance of the features.
import { get } from '../api';
import { ModelView } from '../api-types';
import { importanceChart } from '../charts';
import { escapeHtml as h, fixed, number, percent } from '../format';
import { t } from '../i18n';
import { exclusionHtml, fairnessTable, flaggedSummary } from './fairness';
import { thinFileHtml } from './thin-file';
import { Cleanup } from './page';

export function modelPage(root: HTMLElement): Cleanup {
  root.innerHTML = `<h1>${h(t('titleModel'))}</h1><div id="m">${h(t('loading'))}</div>`;
  // Taken before the request: an answer that comes after the advisor left the page then fills a
  // detached element instead of looking for one in the next page (CI's browser test saw the look-up
  // come back null).
  const el = root.querySelector('#m') as HTMLElement;
  let left = false;
  void get<ModelView>('api/model').then((m) => {
    if (left) return;
    const c = m.card as Record<string, number & string & number[]> & { oof_confusion?: { tp: number; fp: number; tn: number; fn: number } };
    el.innerHTML = `<div class="grid2"><section><h2>${h(t('metrics'))}</h2><table class="data"><tbody>
    <tr><th scope="row">${h(t('auc'))}</th><td class="num">${fixed(c.cv_auc_mean, 3)} \u00b1 ${fixed(c.cv_auc_std, 3)}</td></tr>
    <tr><th scope="row">${h(t('auc'))} \u2014 ${h(t('baseline'))}</th><td class="num">${fixed(c.baseline_cv_auc_mean, 3)}</td></tr>
    <tr><th scope="row">${h(t('threshold'))}</th><td class="num">${percent(m.threshold)}</td></tr>
    <tr><th scope="row">${h(t('brier'))}</th><td class="num">${fixed(c.brier, 4)}</td></tr>
    <tr><th scope="row">${h(t('version'))}</th><td><code>${h(m.modelVersion)}</code></td></tr>
    </tbody></table><p>${h(t('costs', { fn: number(c.cost_fn, 0), fp: number(c.cost_fp, 0) }))}</p>
    <p><a href="${h(m.report.replace(/^\//, ''))}" target="_blank" rel="noopener">${h(t('report'))}</a></p></section>
    <section><h2>${h(t('importance'))}</h2>${
      m.importance.length ? `<p class="muted">${h(t('importanceHow'))}</p><div id="imp" class="chart tall"></div>` : `<p>${h(t('importanceMissing'))}</p>`
    }</section></div>
    <section aria-labelledby="m-excl-h" id="m-excl"><h2 id="m-excl-h">${h(t('exclTitle'))}</h2>${exclusionHtml(m.exclusion_comparison, m.excluded_columns)}</section>
    <section aria-labelledby="m-thin-h" id="m-thin"><h2 id="m-thin-h">${h(t('thinTitle'))}</h2>${thinFileHtml(m.card)}</section>
    <section aria-labelledby="m-fair-h" id="m-fair"><h2 id="m-fair-h">${h(t('fairTitle'))}</h2>${
      m.fairness.length
        ? `<p class="muted">${h(t('fairIntroModel'))}</p><p id="m-fair-summary">${h(flaggedSummary(m.fairness))}</p>${fairnessTable(m.fairness, 'm-fairness')}`
        : `<p id="m-fair-missing">${h(t('fairMissing'))}</p>`
    }</section>`;
    if (m.importance.length) importanceChart(el.querySelector('#imp') as HTMLElement, m.importance.slice(0, 15));
  });
  return () => {
    left = true;
  };
}
