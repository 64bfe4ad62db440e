// The Monitoring page: the live monitor's latest verdict in words, its history in charts, the
// features that drift and the alerts. Data from GET api/monitoring (the snapshots and alerts the
// monitor publishes on Kafka), refreshed every 30 seconds.
import { get } from '../api';
import type { Alert, Latest, ModelView, MonitoringData, SeriesPoint } from '../api-types';
import { timeChart } from '../charts';
import { escapeHtml as h, fixed, hourMinute, number, percent, time } from '../format';
import { dictionaries, Key, lang, t } from '../i18n';
import { fairnessTable, flaggedSummary } from './fairness';
import { Cleanup } from './page';

export type { Alert, Latest, MonitoredFeature, MonitoringData, SeriesPoint } from '../api-types';

/** One line of the verdict: what, whether it is a concern, the sentence. */
export interface VerdictItem {
  id: string;
  title: string;
  /** true: a concern (drift, gap), false: fine, null: not known yet. */
  concern: boolean | null;
  value: string;
  text: string;
}

/**
 * The verdict of a snapshot in words: data drift, score drift, approval rate, realised performance.
 * The approval rate and the realised AUC are a concern past the monitor's default alert levels
 * (10 points from training's rate; 0.05 below the cross-validated AUC).
 */
export function verdict(l: Latest, cvAuc: number | null = null, approvalTolerance = 0.1, aucDrop = 0.05): VerdictItem[] {
  const comparable = l.featuresCompared > 0 && l.approvalRate != null;
  const yesNo = (b: boolean) => t(b ? 'monYes' : 'monNo');
  const items: VerdictItem[] = [];
  items.push({
    id: 'v-data',
    title: t('monDataDrift'),
    concern: comparable ? l.datasetDrift : null,
    value: comparable ? yesNo(l.datasetDrift) : '\u2014',
    text: comparable
      ? t(l.datasetDrift ? 'monDataDriftYes' : 'monDataDriftNo', { k: l.featuresDrifted, n: l.featuresCompared, share: percent(l.driftedShare) })
      : t('monTooFew', { n: number(l.windowDecisions, 0) }),
  });
  items.push({
    id: 'v-score',
    title: t('monScoreDrift'),
    concern: l.scorePsi == null ? null : l.scoreDrift,
    value: l.scorePsi == null ? '\u2014' : yesNo(l.scoreDrift),
    text: l.scorePsi == null ? t('monTooFew', { n: number(l.windowDecisions, 0) }) : t(l.scoreDrift ? 'monScoreDriftYes' : 'monScoreDriftNo', { psi: fixed(l.scorePsi, 3) }),
  });
  const a = l.approvalRate;
  const r = l.referenceApprovalRate;
  const gap = a != null && r != null ? a - r : null;
  items.push({
    id: 'v-approval',
    title: t('monApproval'),
    concern: gap == null ? null : Math.abs(gap) > approvalTolerance,
    value: percent(a),
    text:
      a == null
        ? t('monTooFew', { n: number(l.windowDecisions, 0) })
        : r == null
          ? t('monApprovalOnly', { a: percent(a) })
          : t('monApprovalVs', { a: percent(a), r: percent(r), d: `${gap! >= 0 ? '+' : '\u2212'}${number(Math.abs(gap!) * 100, 1)}` }),
  });
  items.push({
    id: 'v-realised',
    title: t('monRealised'),
    // As the monitor alerts: the whole 90% interval of the realised AUC more than aucDrop below
    // the cross-validated one (a point below it can be chance over a few hundred outcomes).
    concern: l.realisedAucHigh == null || cvAuc == null ? null : l.realisedAucHigh < cvAuc - aucDrop,
    value: l.realisedAuc == null ? '\u2014' : `AUC ${fixed(l.realisedAuc, 3)}`,
    text:
      l.outcomesKnown === 0
        ? t('monRealisedNone')
        : l.realisedAuc == null
          ? t('monRealisedNoAuc', { n: number(l.outcomesKnown, 0) })
          : t('monRealisedAuc', {
              auc: fixed(l.realisedAuc, 3),
              n: number(l.outcomesKnown, 0),
              cost: number(l.realisedCost, 0),
              per: number(l.realisedCost == null ? null : l.realisedCost / l.outcomesKnown, 2),
              dr: percent(l.realisedDefaultRate),
            }) +
            (l.realisedAucLow == null || l.realisedAucHigh == null
              ? ''
              : ` ${t('monAucInterval', { low: fixed(l.realisedAucLow, 3), high: fixed(l.realisedAucHigh, 3) })}`) +
            (cvAuc == null ? '' : ` ${t('monCvAuc', { cv: fixed(cvAuc, 3) })}`),
  });
  return items;
}

/** The method of a feature's statistic in words. */
export function methodName(method: string): string {
  const key = `method_${method}` as Key;
  return key in dictionaries.en ? t(key) : method;
}

/** An alert in the page's language, from its kind, value and threshold. */
export function alertText(a: Alert): string {
  const v = a.value;
  const th = a.threshold;
  switch (a.kind) {
    case 'DATASET_DRIFT':
      return t('alertText_DATASET_DRIFT', { v: percent(v), t: percent(th, 0) });
    case 'SCORE_DRIFT':
      return t('alertText_SCORE_DRIFT', { v: fixed(v, 3), t: fixed(th, 2) });
    case 'APPROVAL_RATE':
      return t('alertText_APPROVAL_RATE', { v: percent(v), t: number(th == null ? null : th * 100, 1) });
    case 'PERFORMANCE':
      return t('alertText_PERFORMANCE', { v: fixed(v, 3), t: fixed(th, 3) });
    case 'FAIRNESS':
      return t('alertText_FAIRNESS', { v: fixed(v, 2), t: fixed(th, 1) });
    default:
      return a.message;
  }
}

const minMax = (xs: (number | null)[]): [number, number] | null => {
  const ok = xs.filter((x): x is number => x != null);
  return ok.length ? [Math.min(...ok), Math.max(...ok)] : null;
};

/** Text alternatives of the three charts over time. */
export function seriesAlts(series: SeriesPoint[], cvAuc: number | null): { drift: string; approval: string; auc: string } {
  const n = series.length;
  const from = n ? time(series[0].computedAt) : '';
  const to = n ? time(series[n - 1].computedAt) : '';
  const last = series[n - 1];
  const share = minMax(series.map((p) => p.driftedShare));
  const approval = minMax(series.map((p) => p.approvalRate));
  const lastAuc = [...series].reverse().find((p) => p.realisedAuc != null);
  return {
    drift: t('monDriftAlt', { n, from, to, last: percent(last?.driftedShare), max: percent(share?.[1]) }),
    approval: t('monApprovalAlt', { n, from, to, last: percent(last?.approvalRate), min: percent(approval?.[0]), max: percent(approval?.[1]), ref: percent(last?.referenceApprovalRate) }),
    auc: lastAuc
      ? t('monAucAlt', { n, from, to, last: fixed(lastAuc.realisedAuc, 3), k: number(lastAuc.outcomesKnown, 0), cv: fixed(cvAuc, 3) })
      : t('monAucNone'),
  };
}

const mark = (concern: boolean | null) => (concern == null ? '' : concern ? '\u26a0 ' : '\u2714 ');

function verdictHtml(items: VerdictItem[]): string {
  return items
    .map(
      (i) => `<div class="counter verdict ${i.concern == null ? '' : i.concern ? 'concern' : 'fine'}" id="${i.id}">
      <h3 class="label">${h(i.title)}</h3><p class="value">${mark(i.concern)}${h(i.value)}</p><p class="says">${h(i.text)}</p></div>`,
    )
    .join('');
}

function featuresHtml(l: Latest): string {
  if (!l.features.length) return `<p>${h(t('monNoFeatures'))}</p>`;
  const rows = l.features
    .map(
      (f) => `<tr${f.drift ? ' class="drifts"' : ''}><th scope="row"><span class="name">${h(f.label || f.feature)}</span>${f.description && f.description !== f.label ? `<span class="muted small about">${h(f.description)}</span>` : ''}</th>
      <td data-label="${h(t('monMethod'))}">${h(methodName(f.method))}</td><td class="num" data-label="${h(t('monStatistic'))}">${fixed(f.statistic, 3)}</td><td class="num" data-label="${h(t('monThreshold'))}">${fixed(f.threshold, 3)}</td>
      <td data-label="${h(t('monDrifts'))}">${f.drift ? `<span class="badge ko">\u26a0 ${h(t('monYes'))}</span>` : `<span class="badge ok">\u2714 ${h(t('monNo'))}</span>`}</td>
      <td class="num" data-label="${h(t('monImportance'))}">${percent(f.importance)}</td></tr>`,
    )
    .join('');
  return `<table class="data labelled" id="mon-features"><caption>${h(t('monFeaturesCaption', { shown: l.features.length, n: l.featuresCompared }))}</caption>
  <thead><tr><th scope="col">${h(t('monFeature'))}</th><th scope="col">${h(t('monMethod'))}</th><th scope="col" class="num">${h(t('monStatistic'))}</th>
  <th scope="col" class="num">${h(t('monThreshold'))}</th><th scope="col">${h(t('monDrifts'))}</th><th scope="col" class="num">${h(t('monImportance'))}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The latest snapshot's fairness by group, or a sentence while there is none. */
export function fairnessHtml(l: Latest): string {
  const rows = l.fairness ?? [];
  if (!rows.length) return `<p id="mon-no-fairness">${h(t('fairNone'))}</p>`;
  return `<p id="mon-fairness-summary">${h(flaggedSummary(rows))}</p>${fairnessTable(rows, 'mon-fairness')}`;
}

function alertsHtml(alerts: Alert[]): string {
  if (!alerts.length) return `<p id="mon-no-alerts">${h(t('monNoAlerts'))}</p>`;
  const other = lang() === 'en' ? '' : ' lang="en"';
  return `<ol class="alerts" id="mon-alerts">${alerts
    .map(
      (a) => `<li><span class="badge ko">\u26a0 ${h(t(`alert_${a.kind}` as Key))}</span> <time datetime="${h(a.raisedAt)}">${h(time(a.raisedAt))}</time>
      <p>${h(alertText(a))}</p><p class="muted small">${h(t('monMessage'))} <span${other}>${h(a.message)}</span></p></li>`,
    )
    .join('')}</ol>`;
}

export function monitoringPage(root: HTMLElement): Cleanup {
  root.innerHTML = `<h1>${h(t('titleMonitoring'))}</h1><p class="summary">${h(t('monIntro'))}</p>
  <p id="mon-asof" class="muted" aria-live="polite">${h(t('loading'))}</p>
  <section aria-labelledby="mon-verdict-h" id="mon-verdict-s" hidden><h2 id="mon-verdict-h">${h(t('monVerdict'))}</h2><div class="counters" id="mon-verdict"></div></section>
  <section aria-labelledby="mon-time-h" id="mon-time-s" hidden><h2 id="mon-time-h">${h(t('monOverTime'))}</h2>
  <h3>${h(t('monDriftChart'))}</h3><div id="ch-drift" class="chart"></div>
  <h3>${h(t('monApprovalChart'))}</h3><div id="ch-approval" class="chart"></div>
  <h3>${h(t('monAucChart'))}</h3><div id="ch-auc" class="chart"></div></section>
  <section aria-labelledby="mon-features-h" id="mon-features-s" hidden><h2 id="mon-features-h">${h(t('monFeatures'))}</h2><div id="mon-features-box"></div></section>
  <section aria-labelledby="mon-fairness-h" id="mon-fairness-s" hidden><h2 id="mon-fairness-h">${h(t('fairTitle'))}</h2>
  <p class="muted">${h(t('fairIntroMonitor'))}</p><div id="mon-fairness-box"></div></section>
  <section aria-labelledby="mon-alerts-h"><h2 id="mon-alerts-h">${h(t('monAlerts'))}</h2><div id="mon-alerts-box"></div></section>`;
  const $ = (id: string) => root.querySelector(`#${id}`) as HTMLElement;
  let cvAuc: number | null = null;
  const cv = get<ModelView>('api/model')
    .then((m) => {
      const v = m.card?.cv_auc_mean;
      cvAuc = typeof v === 'number' ? v : null;
    })
    .catch(() => {});
  // Set when the advisor leaves the page: a refresh answered afterwards draws nothing (its elements
  // are gone; CI's browser test saw one look them up in the next page and fail on null).
  let left = false;
  const refresh = async () => {
    const [d] = await Promise.all([get<MonitoringData>('api/monitoring'), cv]);
    if (left) return;
    $('mon-alerts-box').innerHTML = alertsHtml(d.alerts);
    const l = d.latest;
    if (!l) {
      $('mon-asof').textContent = t('monNone');
      return;
    }
    $('mon-asof').textContent = t('monAsOf', { time: time(l.computedAt), n: number(l.windowDecisions, 0), v: l.modelVersion.slice(0, 12) });
    $('mon-verdict-s').hidden = false;
    $('mon-verdict').innerHTML = verdictHtml(verdict(l, cvAuc));
    $('mon-features-s').hidden = false;
    $('mon-features-box').innerHTML = featuresHtml(l);
    $('mon-fairness-s').hidden = false;
    $('mon-fairness-box').innerHTML = fairnessHtml(l);
    $('mon-time-s').hidden = false;
    // The history of the model monitored now (a new model starts a new history).
    const s = d.series.filter((p) => p.modelVersion === l.modelVersion);
    const alts = seriesAlts(s, cvAuc);
    const at = (p: SeriesPoint) => p.computedAt;
    timeChart($('ch-drift'), alts.drift, [{ name: t('monDriftSeries'), data: s.map((p) => [at(p), p.driftedShare]) }], {
      percent: true,
      min: 0,
      max: 1,
      mark: { value: 0.5, label: t('monDriftMark') },
      timeLabel: hourMinute,
    });
    timeChart(
      $('ch-approval'),
      alts.approval,
      [
        { name: t('monApprovalSeries'), data: s.map((p) => [at(p), p.approvalRate]) },
        { name: t('monReferenceSeries'), data: s.map((p) => [at(p), p.referenceApprovalRate]), reference: true },
      ],
      { percent: true, min: 0, max: 1, timeLabel: hourMinute },
    );
    timeChart(
      $('ch-auc'),
      alts.auc,
      [
        { name: t('monAucSeries'), data: s.map((p) => [at(p), p.realisedAuc]) },
        ...(cvAuc == null ? [] : [{ name: t('monCvSeries'), data: s.map((p): [string, number | null] => [at(p), cvAuc]), reference: true }]),
      ],
      { timeLabel: hourMinute },
    );
  };
  const safely = () =>
    refresh().catch((e) => {
      if (left) return;
      $('mon-asof').innerHTML = `<span class="error" role="alert">${h(t('error', { e: String(e) }))}</span>`;
    });
  void safely();
  const timer = setInterval(() => void safely(), 30000);
  return () => {
    left = true;
    clearInterval(timer);
  };
}
