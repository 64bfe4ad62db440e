// A client's file: search by id, the gauge, the reasons and the waterfall of the latest decision,
// the application and the history in words, and comparisons with the training population and
// with similar clients.
import { ApiError, get } from '../api';
import { Bivariate, ClientFile, ClientHit, DistributionData, Explanation, FeatureInfo } from '../api-types';
import { featurePicker, PickerFeature } from '../feature-picker';
import { distributionChart, familyWaterfallChart, gauge, scatterChart, waterfallChart } from '../charts';
import { distanceToThreshold, distributionSummary, escapeHtml as h, familyWaterfall, FamilyBar, number } from '../format';
import { fieldLabel, lang, t } from '../i18n';
import { verificationBadge, decisionBadge, fieldValue, reasonsHtml, reviewBandNote } from './html';
import { historyPresenceHtml } from './history-presence';
import { letterLinks } from './letter';
import { bindOversight, oversightHtml } from './oversight';
import { Cleanup } from './page';
import { similarSection } from './similar';
import { timelineSection } from './timeline';

/** Every feature of the model with its label in the page's language, in vector order. */
const listCache = new Map<string, Promise<PickerFeature[]>>();
function featureList(): Promise<PickerFeature[]> {
  const key = lang();
  let p = listCache.get(key);
  if (!p) {
    p = get<FeatureInfo[]>('api/features').then((fs) => fs.map((f) => ({ name: f.name, label: f.label })));
    p.catch(() => listCache.delete(key));
    listCache.set(key, p);
  }
  return p;
}

/** The review band the decision carries (review_low, review_high), null without one. */
function reviewBand(d: object): { low: number; high: number } | null {
  const b = d as { review_low?: number | null; review_high?: number | null };
  return b.review_low != null && b.review_high != null ? { low: b.review_low, high: b.review_high } : null;
}

export function clientPage(root: HTMLElement, id: string | undefined): Cleanup {
  root.innerHTML = `<h1>${h(t('titleClient'))}</h1>
  <form id="search" class="inline" role="search"><label for="q">${h(t('searchLabel'))}</label>
  <input id="q" name="q" inputmode="numeric" value="${h(id ?? '')}"><button type="submit">${h(t('search'))}</button></form>
  <div id="hits" aria-live="polite"></div><div id="file"></div>`;
  const form = root.querySelector('#search') as HTMLFormElement;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const q = (root.querySelector('#q') as HTMLInputElement).value.trim();
    const hits = root.querySelector('#hits') as HTMLElement;
    try {
      const found = await get<ClientHit[]>(`api/clients?prefix=${encodeURIComponent(q)}`);
      // Ids compared as the texts they are (a number would round ids above 2^53).
      if (found.length === 1 || found.some((f) => f.clientId === q)) {
        location.hash = `#/client/${encodeURIComponent(found.find((f) => f.clientId === q)?.clientId ?? found[0].clientId)}`;
        return;
      }
      hits.innerHTML = found.length
        ? `<ul>${found.map((f) => `<li><a href="#/client/${encodeURIComponent(f.clientId)}">${h(f.displayName)} #${h(f.clientId)}</a> ${f.decision ? decisionBadge(f.decision) : ''}</li>`).join('')}</ul>`
        : `<p>${h(t('noneFound'))}</p>`;
    } catch (e) {
      hits.innerHTML = `<p class="error" role="alert">${h(e instanceof ApiError ? JSON.stringify(e.fieldErrors()) : String(e))}</p>`;
    }
  });
  if (id) void loadFile(root.querySelector('#file') as HTMLElement, id);
  return () => {};
}

/**
 * A refusal's path to approval, as the explainer found it: in words (the server's sentence, in the
 * page's language), and when there is one, a link that opens What-if with its changes filled in
 * (#/what-if/ID?AMT_CREDIT=...), where the advisor sees the model grant it.
 */
export function pathHtml(f: ClientFile): string {
  const c = f.counterfactual;
  if (!c) return '';
  const query = new URLSearchParams(Object.entries(c.changes).map(([k, v]) => [k, String(v)])).toString();
  return `<section class="path" aria-labelledby="path-title"><h3 id="path-title">${h(t('pathTitle'))}</h3>
  <p id="path-text">${h(c.text)}</p>
  ${c.found ? `<p><a class="button" id="path-open" href="#/what-if/${encodeURIComponent(f.clientId)}?${h(query)}">${h(t('pathOpen'))} \u2192</a></p>` : ''}
  <p class="muted">${h(t('pathHelp'))}</p></section>`;
}

async function loadFile(el: HTMLElement, id: string): Promise<void> {
  el.innerHTML = `<p>${h(t('loading'))}</p>`;
  let f: ClientFile;
  try {
    f = await get<ClientFile>(`api/clients/${encodeURIComponent(id)}`);
  } catch (e) {
    el.innerHTML = `<p class="error" role="alert">${h(e instanceof ApiError && e.status === 404 ? t('noClient') : t('error', { e: String(e) }))}</p>`;
    return;
  }
  document.title = `${f.displayName} \u00b7 ${t('titleClient')} \u00b7 ${t('appName')}`;
  const d = f.decision;
  const dist = d ? distanceToThreshold(d.probability, d.threshold) : null;
  const distanceText = dist ? t(dist.refused ? 'aboveBy' : 'belowBy', { d: number(dist.points, 1) }) : '';
  el.innerHTML = `<h2 id="who">${h(f.displayName)} <span class="muted id">#${h(f.clientId)}</span></h2>
  ${d ? `<div class="grid2"><section><h3>${h(t('gaugeTitle'))}</h3><div id="gauge" class="chart"></div>
  <p class="decision">${t('decisionWords', { d: decisionBadge(d.decision) })} ${verificationBadge(d)} ${h(distanceText)}${reviewBandNote(d)}</p>
  ${f.historyNote ? `<p class="note" role="note">${h(f.historyNote)}</p>` : ''}${historyPresenceHtml(d)}
  ${f.explanationNote ? '' : `<p><a href="#/what-if/${encodeURIComponent(f.clientId)}">${h(t('navWhatIf'))} \u2192</a></p>`}${letterLinks(f.clientId, d)}</section>
  <section><h3>${h(t('reasons'))}</h3>${f.explanation ? reasonsHtml(f.explanation) : ''}${f.explanationNote ? `<p class="note" role="note">${h(f.explanationNote)}</p>` : ''}${pathHtml(f)}</section></div>
  ${oversightHtml(f)}
  ${f.explanation ? `<section><h3>${h(t('waterfallTitle'))}</h3>${f.explanation.families?.length ? `<p class="muted">${h(t('familiesHint'))}</p>` : ''}<div id="waterfall" class="chart tall"></div><div id="wf-families"></div></section>` : ''}` : ''}
  <div class="grid2"><section><h3>${h(t('application'))}</h3>${f.application ? `<table class="data"><tbody>${f.application.map((a) => `<tr><th scope="row">${h(fieldLabel(a.field))}</th><td>${fieldValue(a.field, a.value)}</td></tr>`).join('')}</tbody></table>` : '\u2014'}
  <p class="muted small">${h(t('currencyNote'))}</p></section>
  <section><h3>${h(t('history'))}</h3>${f.history.map((g) => `<h4>${h(fieldLabel(g.family))}</h4>${g.records ? `<table class="data"><tbody>${g.items.map((i) => `<tr><th scope="row">${h(i.label || i.description)}</th><td class="num">${h(i.valueText ?? number(i.value, 2))}</td></tr>`).join('')}</tbody></table>` : `<p class="muted">${h(t('noRecords'))}</p>`}`).join('')}</section></div>
  <section id="timeline-section" aria-labelledby="timeline-title"></section>
  ${d && f.explanation ? `<section><h2>${h(t('comparisons'))}</h2>
  <div class="inline" id="feat-pick"></div><div id="dist" class="chart tall"></div><p id="dist-summary" class="summary"></p>
  <h3>${h(t('bivariate'))}</h3><div class="inline"><span class="pair" id="fx-pick"></span><span class="pair" id="fy-pick"></span></div><div id="scatter" class="chart"></div>
  <h3>${h(t('similar'))}</h3><p class="muted">${h(t('simHelp'))}</p><div id="similar" class="similar"></div></section>` : ''}`;
  if (d) gauge(el.querySelector('#gauge') as HTMLElement, d.probability, d.threshold, distanceText, reviewBand(d));
  void timelineSection(el.querySelector('#timeline-section') as HTMLElement, String(f.clientId));
  bindOversight(el, f);
  if (!d || !f.explanation) return;
  drawWaterfall(el, f.explanation, d.threshold);
  // Every feature can be compared (a searchable picker); the first choices are the decision's
  // largest contributions.
  const all = await featureList().catch(() => [] as PickerFeature[]);
  const top = f.explanation.top.map((c) => c.feature);
  const features = all.length ? all : top.map((n) => ({ name: n, label: n }));
  const first = top[0] ?? features[0]?.name ?? '';
  const second = top[1] ?? features[1]?.name ?? first;
  const feat = featurePicker(el.querySelector('#feat-pick') as HTMLElement, 'feat', t('feature'), features, first, () => void drawDist());
  const fx = featurePicker(el.querySelector('#fx-pick') as HTMLElement, 'fx', t('xAxis'), features, first, () => void drawScatter());
  const fy = featurePicker(el.querySelector('#fy-pick') as HTMLElement, 'fy', t('yAxis'), features, second, () => void drawScatter());
  const drawDist = async () => {
    const dist = await get<DistributionData>(`api/clients/${encodeURIComponent(f.clientId)}/distribution?feature=${encodeURIComponent(feat.value)}`);
    distributionChart(el.querySelector('#dist') as HTMLElement, dist);
    (el.querySelector('#dist-summary') as HTMLElement).textContent = distributionSummary(dist);
  };
  const drawScatter = async () => {
    const b = await get<Bivariate>(
      `api/clients/${encodeURIComponent(f.clientId)}/bivariate?x=${encodeURIComponent(fx.value)}&y=${encodeURIComponent(fy.value)}&limit=400`,
    );
    scatterChart(el.querySelector('#scatter') as HTMLElement, b.xLabel || b.x, b.yLabel || b.y, b.points, b.client);
  };
  await Promise.all([drawDist(), drawScatter()]);
  await similarSection(el.querySelector('#similar') as HTMLElement, String(f.clientId));
}

/** A bar's change in percentage points, with its direction in a sign and an arrow. */
function points(b: FamilyBar): string {
  return `${b.points >= 0 ? '\u25b2 +' : '\u25bc \u2212'}${t('points', { d: number(Math.abs(b.points), Math.abs(b.points) < 0.1 ? 2 : 1) })}`;
}

/**
 * The waterfall by reason family, with the same families as a list of disclosures under it (each
 * opens to its features and the client's values): the list is the chart's text for keyboards and
 * screen readers, and the one state of which families are expanded. Explanations without families
 * (an older dashboard's) draw the waterfall by single feature.
 */
function drawWaterfall(el: HTMLElement, e: Explanation, threshold: number): void {
  const chartEl = el.querySelector('#waterfall') as HTMLElement;
  const families = e.families ?? [];
  if (!families.length) {
    waterfallChart(chartEl, e.baseValue, e.top, e.others, threshold);
    return;
  }
  // Every family expanded once, for each feature's change in points at its place in the chart.
  const all = familyWaterfall(e.baseValue, families, e.familyOthers ?? 0, '', t('otherFeaturesOfFamily'), new Set(families.map((f) => f.code || f.label)));
  const list = el.querySelector('#wf-families') as HTMLElement;
  list.innerHTML = `<h4>${h(t('familiesList'))}</h4>${all
    .filter((b) => b.kind === 'family')
    .map((fb) => {
      const rows = all.filter((b) => b.kind === 'feature' && b.key.startsWith(`${fb.key}/`));
      const features = families.find((f) => (f.code || f.label) === fb.key)?.features ?? [];
      // Rows follow the family's features in order, then the rest of the family (no value).
      const text = (r: FamilyBar, i: number) => {
        const c = features[i];
        if (!c || !r.valueText) return h(r.label);
        const v = c.typicalText ? t('valueTypical', { v: r.valueText, t: c.typicalText }) : r.valueText;
        return h(t('valueOf', { f: r.label, v }));
      };
      return `<details class="family" data-key="${h(fb.key)}"><summary><strong>${h(fb.label)}</strong> <span class="num">${h(points(fb))}</span><br><span class="muted">${h(fb.valueText ?? '')}</span></summary>
      <ul>${rows.map((r, i) => `<li>${text(r, i)} <span class="num">${h(points(r))}</span></li>`).join('')}</ul></details>`;
    })
    .join('')}`;
  const details = [...list.querySelectorAll<HTMLDetailsElement>('details.family')];
  const draw = () => {
    const open = new Set(details.filter((d) => d.open).map((d) => d.dataset.key ?? ''));
    familyWaterfallChart(chartEl, e, threshold, open, (key) => {
      const d = details.find((x) => x.dataset.key === key);
      if (d) d.open = !d.open; // its toggle event draws again
    });
  };
  details.forEach((d) => d.addEventListener('toggle', draw));
  draw();
}
