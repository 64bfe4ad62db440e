import { ApiError, get, post } from './api';
import { distributionChart, gauge, importanceChart, Point, scatterChart, sparkline, waterfallChart } from './charts';
import { Contribution, daysToYears, distanceToThreshold, distributionSummary, DistributionData, escapeHtml as h, fixed, money, number, percent, time, yearsToDays } from './format';
import { fieldLabel, Key, lang, t, valueLabel } from './i18n';
import { DecisionSummary, onDecision, upsert } from './live';

export type Cleanup = () => void;

interface Stats { decisions: number; explained: number; deadLetters: number; approvalRate: number | null; volume: number[] }

const words = (d: string) => `<span class="badge ${d === 'GRANTED' ? 'ok' : 'ko'}">${d === 'GRANTED' ? '\u2714' : '\u2716'} ${h(t(d as Key))}</span>`;

function decisionRow(d: DecisionSummary): string {
  return `<tr><td>${h(time(d.decidedAt))}</td><td><a href="#/client/${d.clientId}">${h(d.displayName)}</a> <span class="muted">#${d.clientId}</span></td>
  <td class="num">${percent(d.probability)}</td><td>${words(d.decision)}${d.explained ? '' : ` <span class="muted">(${h(t('explanationPending'))})</span>`}</td></tr>`;
}

export function livePage(root: HTMLElement): Cleanup {
  root.innerHTML = `<h1>${h(t('titleLive'))}</h1>
  <section class="counters" aria-label="${h(t('titleLive'))}">
    <div class="counter"><span class="label">${h(t('decisions'))}</span><span class="value" id="c-decisions">\u2014</span></div>
    <div class="counter"><span class="label">${h(t('explained'))}</span><span class="value" id="c-explained">\u2014</span></div>
    <div class="counter"><span class="label">${h(t('deadLetters'))}</span><span class="value" id="c-dead">\u2014</span></div>
    <div class="counter"><span class="label">${h(t('approvalRate'))}</span><span class="value" id="c-rate">\u2014</span></div>
  </section>
  <h2>${h(t('volume'))}</h2><div id="spark" class="chart small"></div>
  <h2>${h(t('recent'))}</h2>
  <table class="data" id="recent"><caption class="sr-only">${h(t('recent'))}</caption>
  <thead><tr><th scope="col">${h(t('time'))}</th><th scope="col">${h(t('client'))}</th><th scope="col">${h(t('probability'))}</th><th scope="col">${h(t('decision'))}</th></tr></thead><tbody></tbody></table>`;
  let list: DecisionSummary[] = [];
  const body = root.querySelector('#recent tbody') as HTMLElement;
  const render = () => (body.innerHTML = list.map(decisionRow).join(''));
  const refreshStats = async () => {
    const s = await get<Stats>('api/stats');
    (root.querySelector('#c-decisions') as HTMLElement).textContent = number(s.decisions, 0);
    (root.querySelector('#c-explained') as HTMLElement).textContent = number(s.explained, 0);
    (root.querySelector('#c-dead') as HTMLElement).textContent = number(s.deadLetters, 0);
    (root.querySelector('#c-rate') as HTMLElement).textContent = percent(s.approvalRate);
    sparkline(root.querySelector('#spark') as HTMLElement, s.volume);
  };
  let pending = false;
  const off = onDecision((d) => {
    list = upsert(list, d, 50);
    render();
    if (!pending) {
      pending = true;
      setTimeout(() => { pending = false; void refreshStats(); }, 1000);
    }
  });
  void get<DecisionSummary[]>('api/decisions?limit=50').then((ds) => { for (const d of ds.reverse()) list = upsert(list, d, 50); render(); });
  void refreshStats();
  const timer = setInterval(() => void refreshStats(), 10000);
  return () => { off(); clearInterval(timer); };
}

/** Texts of an explanation are in the language of the request (Accept-Language). */
interface Explanation {
  source: string; baseValue: number; margin: number; top: Contribution[]; others: number; language?: string;
  reasons: { feature: string; label?: string; description: string; value: number | null; contribution: number; text: string }[];
}
interface ClientFile {
  clientId: number; displayName: string; application: { field: string; description: string; value: unknown }[] | null;
  history: { family: string; records: boolean; items: { feature: string; label?: string; description: string; value: number | null; valueText?: string }[] }[];
  decision: DecisionSummary | null; explanation: Explanation | null; modelVersion: string | null;
}

function fieldValue(field: string, v: unknown): string {
  if (v == null) return '\u2014';
  if (field === 'DAYS_BIRTH' || field === 'DAYS_EMPLOYED') return number(daysToYears(v as number), 0);
  if (field.startsWith('AMT_')) return money(v as number);
  if (typeof v === 'number') return number(v, 3);
  return h(valueLabel(field, String(v)));
}

function reasonsHtml(e: Explanation): string {
  const items = e.reasons.length
    ? e.reasons.map((r) => `<li>${r.contribution > 0 ? '\u25b2' : '\u25bc'} ${h(r.text)}</li>`)
    : e.top.slice(0, 5).map((c) => `<li>${c.contribution > 0 ? '\u25b2' : '\u25bc'} ${h(c.label || c.feature)}: ${h(c.valueText ?? number(c.value, 3))} \u2014 ${h(c.contribution > 0 ? t('raises') : t('lowers'))}</li>`);
  return `<ul class="reasons">${items.join('')}</ul>`;
}

/** The model's feature names with their short labels in the page's language, fetched once each. */
const labelCache = new Map<string, Promise<Map<string, string>>>();
function featureLabels(): Promise<Map<string, string>> {
  const key = lang();
  let p = labelCache.get(key);
  if (!p) {
    p = get<{ name: string; label: string }[]>('api/features').then((fs) => new Map(fs.map((f) => [f.name, f.label])));
    p.catch(() => labelCache.delete(key));
    labelCache.set(key, p);
  }
  return p;
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
      const found = await get<{ clientId: number; displayName: string; decision: string | null }[]>(`api/clients?prefix=${encodeURIComponent(q)}`);
      if (found.length === 1 || found.some((f) => String(f.clientId) === q)) {
        location.hash = `#/client/${found.find((f) => String(f.clientId) === q)?.clientId ?? found[0].clientId}`;
        return;
      }
      hits.innerHTML = found.length
        ? `<ul>${found.map((f) => `<li><a href="#/client/${f.clientId}">${h(f.displayName)} #${f.clientId}</a> ${f.decision ? words(f.decision) : ''}</li>`).join('')}</ul>`
        : `<p>${h(t('noneFound'))}</p>`;
    } catch (e) {
      hits.innerHTML = `<p class="error" role="alert">${h(e instanceof ApiError ? JSON.stringify(e.fieldErrors()) : String(e))}</p>`;
    }
  });
  if (id) void loadFile(root.querySelector('#file') as HTMLElement, id);
  return () => {};
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
  el.innerHTML = `<h2 id="who">${h(f.displayName)} <span class="muted">#${f.clientId}</span></h2>
  ${d ? `<div class="grid2"><section><h3>${h(t('gaugeTitle'))}</h3><div id="gauge" class="chart"></div>
  <p class="decision">${t('decisionWords', { d: words(d.decision) })} ${h(distanceText)}</p>
  <p><a href="#/what-if/${f.clientId}">${h(t('navWhatIf'))} \u2192</a></p></section>
  <section><h3>${h(t('reasons'))}</h3>${f.explanation ? reasonsHtml(f.explanation) : ''}</section></div>
  <section><h3>${h(t('waterfallTitle'))}</h3><div id="waterfall" class="chart tall"></div></section>` : ''}
  <div class="grid2"><section><h3>${h(t('application'))}</h3>${f.application ? `<table class="data"><tbody>${f.application.map((a) => `<tr><th scope="row">${h(fieldLabel(a.field))}</th><td>${fieldValue(a.field, a.value)}</td></tr>`).join('')}</tbody></table>` : '\u2014'}</section>
  <section><h3>${h(t('history'))}</h3>${f.history.map((g) => `<h4>${h(fieldLabel(g.family))}</h4>${g.records ? `<table class="data"><tbody>${g.items.map((i) => `<tr><th scope="row">${h(i.label || i.description)}</th><td class="num">${h(i.valueText ?? number(i.value, 2))}</td></tr>`).join('')}</tbody></table>` : `<p class="muted">${h(t('noRecords'))}</p>`}`).join('')}</section></div>
  ${d ? `<section><h2>${h(t('comparisons'))}</h2>
  <div class="inline"><label for="feat">${h(t('feature'))}</label><select id="feat"></select></div><div id="dist" class="chart tall"></div><p id="dist-summary" class="summary"></p>
  <h3>${h(t('bivariate'))}</h3><div class="inline"><span class="pair"><label for="fx">${h(t('xAxis'))}</label><select id="fx"></select></span><span class="pair"><label for="fy">${h(t('yAxis'))}</label><select id="fy"></select></span></div><div id="scatter" class="chart"></div>
  <h3>${h(t('similar'))}</h3><table class="data" id="similar"><thead><tr><th scope="col">${h(t('client'))}</th><th scope="col">${h(t('distance'))}</th><th scope="col">${h(t('probability'))}</th><th scope="col">${h(t('decision'))}</th></tr></thead><tbody></tbody></table></section>` : ''}`;
  if (!d || !f.explanation) return;
  gauge(el.querySelector('#gauge') as HTMLElement, d.probability, d.threshold, distanceText);
  waterfallChart(el.querySelector('#waterfall') as HTMLElement, f.explanation.baseValue, f.explanation.top, f.explanation.others, d.threshold);
  const names = [...new Set([...f.explanation.top.map((c) => c.feature), 'EXT_SOURCE_2', 'EXT_SOURCE_3', 'AMT_CREDIT', 'AMT_INCOME_TOTAL', 'DAYS_BIRTH'])];
  const labels = await featureLabels().catch(() => new Map<string, string>());
  const options = names.map((n) => `<option value="${h(n)}">${h(labels.get(n) ?? n)}</option>`).join('');
  const feat = el.querySelector('#feat') as HTMLSelectElement;
  const fx = el.querySelector('#fx') as HTMLSelectElement;
  const fy = el.querySelector('#fy') as HTMLSelectElement;
  feat.innerHTML = fx.innerHTML = fy.innerHTML = options;
  fy.selectedIndex = Math.min(1, names.length - 1);
  const drawDist = async () => {
    const dist = await get<DistributionData>(`api/clients/${f.clientId}/distribution?feature=${encodeURIComponent(feat.value)}`);
    distributionChart(el.querySelector('#dist') as HTMLElement, dist);
    (el.querySelector('#dist-summary') as HTMLElement).textContent = distributionSummary(dist);
  };
  const drawScatter = async () => {
    const b = await get<{ x: string; y: string; xLabel?: string; yLabel?: string; points: Point[]; client: Point | null }>(
      `api/clients/${f.clientId}/bivariate?x=${encodeURIComponent(fx.value)}&y=${encodeURIComponent(fy.value)}&limit=400`,
    );
    scatterChart(el.querySelector('#scatter') as HTMLElement, b.xLabel || b.x, b.yLabel || b.y, b.points, b.client);
  };
  feat.addEventListener('change', () => void drawDist());
  fx.addEventListener('change', () => void drawScatter());
  fy.addEventListener('change', () => void drawScatter());
  await Promise.all([drawDist(), drawScatter()]);
  const sim = await get<{ clientId: number; displayName: string; distance: number; probability: number; decision: string }[]>(`api/clients/${f.clientId}/similar?k=5`);
  (el.querySelector('#similar tbody') as HTMLElement).innerHTML = sim
    .map((s) => `<tr><td><a href="#/client/${s.clientId}">${h(s.displayName)}</a> <span class="muted">#${s.clientId}</span></td><td class="num">${number(s.distance, 2)}</td><td class="num">${percent(s.probability)}</td><td>${words(s.decision)}</td></tr>`)
    .join('');
}

interface Outcome { probability: number; decision: string; threshold: number; explanation: Explanation }
interface WhatIf { clientId: number; displayName: string; changes: { field: string; from: unknown; to: unknown }[]; original: Outcome; whatIf: Outcome }

function fieldInput(name: string, label: string, value: string, type = 'number'): string {
  return `<div class="field"><label for="f-${name}">${h(label)}</label><input id="f-${name}" name="${name}" type="${type}" value="${h(value)}" aria-describedby="e-${name}"><span class="field-error" id="e-${name}" role="alert"></span></div>`;
}

function showErrors(form: HTMLElement, errors: Record<string, string>): void {
  form.querySelectorAll('.field-error').forEach((e) => (e.textContent = ''));
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  const general: string[] = [];
  for (const [field, message] of Object.entries(errors)) {
    const target = form.querySelector(`#e-${field}`);
    if (target) {
      target.textContent = `\u26a0 ${message}`;
      form.querySelector(`[name="${field}"]`)?.setAttribute('aria-invalid', 'true');
    } else general.push(`${field} ${message}`);
  }
  const box = form.querySelector('.form-errors') as HTMLElement;
  box.textContent = Object.keys(errors).length ? `${t('fixErrors')} ${general.join('; ')}` : '';
}

export function whatIfPage(root: HTMLElement, id: string | undefined): Cleanup {
  root.innerHTML = `<h1>${h(t('titleWhatIf'))}</h1><form id="wi" novalidate><p class="form-errors error" role="alert"></p>
  ${fieldInput('clientId', t('whatIfFor'), id ?? '')}<div id="wi-fields"></div><button type="submit">${h(t('rescore'))}</button></form><div id="wi-result" aria-live="polite"></div>`;
  const form = root.querySelector('#wi') as HTMLFormElement;
  const fields = root.querySelector('#wi-fields') as HTMLElement;
  const load = async (cid: string) => {
    if (!cid) return;
    try {
      const f = await get<ClientFile>(`api/clients/${encodeURIComponent(cid)}`);
      const v = (k: string) => f.application?.find((a) => a.field === k)?.value;
      fields.innerHTML = [
        fieldInput('AMT_INCOME_TOTAL', t('income'), String(v('AMT_INCOME_TOTAL') ?? '')),
        fieldInput('AMT_CREDIT', t('credit'), String(v('AMT_CREDIT') ?? '')),
        fieldInput('AMT_ANNUITY', t('annuity'), String(v('AMT_ANNUITY') ?? '')),
        fieldInput('AMT_GOODS_PRICE', t('goods'), String(v('AMT_GOODS_PRICE') ?? '')),
        fieldInput('DAYS_EMPLOYED', t('yearsEmployed'), String(daysToYears(v('DAYS_EMPLOYED') as number) ?? '')),
        fieldInput('CNT_CHILDREN', t('children'), String(v('CNT_CHILDREN') ?? '')),
        select('NAME_INCOME_TYPE', t('incomeType'), coded('NAME_INCOME_TYPE', [...new Set([String(v('NAME_INCOME_TYPE') ?? ''), ...INCOME_TYPES])].filter((x) => x !== '')), String(v('NAME_INCOME_TYPE') ?? '')),
      ].join('');
      fields.dataset.original = JSON.stringify(Object.fromEntries((f.application ?? []).map((a) => [a.field, a.value])));
    } catch (e) {
      showErrors(form, { clientId: e instanceof ApiError && e.status === 404 ? t('noClient') : String(e) });
    }
  };
  (root.querySelector('#f-clientId') as HTMLInputElement).addEventListener('change', (e) => void load((e.target as HTMLInputElement).value));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const original = JSON.parse(fields.dataset.original ?? '{}') as Record<string, unknown>;
    const changes: Record<string, unknown> = {};
    fields.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select').forEach((input) => {
      const name = input.name;
      const raw = input.value.trim();
      let value: unknown = input.type === 'number' ? (raw === '' ? null : Number(raw)) : raw;
      if (name === 'DAYS_EMPLOYED') {
        // Years are shown rounded down: unchanged years keep the exact day count.
        if (raw === '' || value === daysToYears(original.DAYS_EMPLOYED as number)) return;
        value = yearsToDays(value as number);
      }
      if (JSON.stringify(value) !== JSON.stringify(original[name] ?? null)) changes[name] = value;
    });
    const cid = (root.querySelector('#f-clientId') as HTMLInputElement).value.trim();
    try {
      const r = await post<WhatIf>('api/what-if', { clientId: cid === '' ? null : Number(cid), changes });
      showErrors(form, {});
      renderWhatIf(root.querySelector('#wi-result') as HTMLElement, r);
    } catch (e) {
      if (e instanceof ApiError) showErrors(form, e.status === 404 ? { clientId: t('noClient') } : e.fieldErrors());
      else throw e;
    }
  });
  if (id) void load(id);
  return () => {};
}

function renderWhatIf(el: HTMLElement, r: WhatIf): void {
  const side = (o: Outcome, key: Key, idx: string) => `<section class="card"><h2>${h(t(key))}</h2>
  <p class="big" id="p-${idx}">${percent(o.probability)}</p><p>${words(o.decision)} \u00b7 ${h(t('threshold'))} ${percent(o.threshold)}</p>
  <h3>${h(t('whatIfReasons'))}</h3><div id="r-${idx}">${reasonsHtml(o.explanation)}</div>
  <div id="wf-${idx}" class="chart tall"></div></section>`;
  el.innerHTML = `<h2>${h(r.displayName)} #${r.clientId}</h2>
  <p>${t('changesList', { list: r.changes.map((c) => `${h(fieldLabel(c.field))} ${fieldValue(c.field, c.from)} \u2192 ${fieldValue(c.field, c.to)}`).join('; ') || '\u2014' })}</p>
  <div class="grid2">${side(r.original, 'original', 'o')}${side(r.whatIf, 'whatIf', 'w')}</div>`;
  for (const [o, idx] of [[r.original, 'o'], [r.whatIf, 'w']] as const) {
    waterfallChart(el.querySelector(`#wf-${idx}`) as HTMLElement, o.explanation.baseValue, o.explanation.top, o.explanation.others, o.threshold);
  }
}

function select(name: string, label: string, values: [string, string][], selected?: string): string {
  return `<div class="field"><label for="f-${name}">${h(label)}</label><select id="f-${name}" name="${name}" aria-describedby="e-${name}">${values.map(([v, l]) => `<option value="${h(v)}"${v === selected ? ' selected' : ''}>${h(l)}</option>`).join('')}</select><span class="field-error" id="e-${name}" role="alert"></span></div>`;
}

/** Kaggle's coded values with their words in the page's language. */
const coded = (field: string, values: string[]): [string, string][] => values.map((v) => [v, valueLabel(field, v)]);
const INCOME_TYPES = ['Working', 'Commercial associate', 'Pensioner', 'State servant'];

/** Technical fields of the Kaggle application the form does not ask for: typical values. */
const DEFAULTS: Record<string, unknown> = {
  REGION_POPULATION_RELATIVE: 0.02, DAYS_REGISTRATION: -3000, DAYS_ID_PUBLISH: -2000, FLAG_MOBIL: 1, FLAG_EMP_PHONE: 1, FLAG_WORK_PHONE: 0,
  FLAG_CONT_MOBILE: 1, FLAG_PHONE: 0, FLAG_EMAIL: 0, REGION_RATING_CLIENT: 2, REGION_RATING_CLIENT_W_CITY: 2, WEEKDAY_APPR_PROCESS_START: 'MONDAY',
  HOUR_APPR_PROCESS_START: 12, REG_REGION_NOT_LIVE_REGION: 0, REG_REGION_NOT_WORK_REGION: 0, LIVE_REGION_NOT_WORK_REGION: 0, REG_CITY_NOT_LIVE_CITY: 0,
  REG_CITY_NOT_WORK_CITY: 0, LIVE_CITY_NOT_WORK_CITY: 0,
  ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`FLAG_DOCUMENT_${i + 2}`, i === 1 ? 1 : 0])),
};

export function applyPage(root: HTMLElement): Cleanup {
  const yn: [string, string][] = [['N', t('no')], ['Y', t('yes')]];
  root.innerHTML = `<h1>${h(t('titleApply'))}</h1><form id="apply" novalidate><p class="form-errors error" role="alert"></p><div class="fields">
  ${fieldInput('SK_ID_CURR', t('clientId'), String(900000 + Math.floor(Math.random() * 90000)))}
  ${select('NAME_CONTRACT_TYPE', t('contractType'), coded('NAME_CONTRACT_TYPE', ['Cash loans', 'Revolving loans']))}
  ${select('CODE_GENDER', t('gender'), coded('CODE_GENDER', ['F', 'M']))}
  ${fieldInput('AGE', t('age'), '35')}
  ${select('FLAG_OWN_CAR', t('ownCar'), yn)}${select('FLAG_OWN_REALTY', t('ownRealty'), yn)}
  ${fieldInput('CNT_CHILDREN', t('children'), '0')}
  ${fieldInput('AMT_INCOME_TOTAL', t('income'), '180000')}${fieldInput('AMT_CREDIT', t('credit'), '450000')}
  ${fieldInput('AMT_ANNUITY', t('annuity'), '22500')}${fieldInput('AMT_GOODS_PRICE', t('goods'), '405000')}
  ${fieldInput('DAYS_EMPLOYED', t('yearsEmployed'), '5')}
  ${select('NAME_INCOME_TYPE', t('incomeType'), coded('NAME_INCOME_TYPE', INCOME_TYPES))}
  ${select('NAME_EDUCATION_TYPE', t('education'), coded('NAME_EDUCATION_TYPE', ['Secondary / secondary special', 'Higher education', 'Incomplete higher', 'Lower secondary']))}
  ${select('NAME_FAMILY_STATUS', t('family'), coded('NAME_FAMILY_STATUS', ['Married', 'Single / not married', 'Civil marriage', 'Separated', 'Widow']))}
  ${select('NAME_HOUSING_TYPE', t('housing'), coded('NAME_HOUSING_TYPE', ['House / apartment', 'With parents', 'Rented apartment', 'Municipal apartment']))}
  ${fieldInput('ORGANIZATION_TYPE', t('organization'), 'Business Entity Type 3', 'text')}
  </div><button type="submit">${h(t('submit'))}</button></form><div id="apply-result" aria-live="polite"></div>`;
  const form = root.querySelector('#apply') as HTMLFormElement;
  let off: () => void = () => {};
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body: Record<string, unknown> = { ...DEFAULTS };
    new FormData(form).forEach((v, k) => {
      const s = String(v).trim();
      const numeric = ['SK_ID_CURR', 'CNT_CHILDREN', 'AMT_INCOME_TOTAL', 'AMT_CREDIT', 'AMT_ANNUITY', 'AMT_GOODS_PRICE', 'AGE', 'DAYS_EMPLOYED'];
      body[k] = numeric.includes(k) ? (s === '' ? null : Number(s)) : s;
    });
    body.DAYS_BIRTH = typeof body.AGE === 'number' ? yearsToDays(body.AGE) : null;
    delete body.AGE;
    if (typeof body.DAYS_EMPLOYED === 'number') body.DAYS_EMPLOYED = yearsToDays(body.DAYS_EMPLOYED);
    body.CNT_FAM_MEMBERS = 1 + (typeof body.CNT_CHILDREN === 'number' ? body.CNT_CHILDREN : 0);
    const result = root.querySelector('#apply-result') as HTMLElement;
    try {
      const r = await post<{ application_id: string; SK_ID_CURR: number }>('api/applications', body);
      showErrors(form, {});
      result.innerHTML = `<p class="status">${h(t('submitted', { id: r.application_id }))}</p>`;
      off();
      off = onDecision((d) => {
        if (d.applicationId === r.application_id) {
          result.innerHTML = `<p class="status" id="apply-decision">${t('decided', { d: words(d.decision), p: percent(d.probability) })} <a href="#/client/${d.clientId}">${h(d.displayName)} #${d.clientId}</a></p>`;
        }
      });
    } catch (e) {
      if (e instanceof ApiError) {
        const errors = e.fieldErrors();
        if (errors.DAYS_BIRTH) errors.AGE = errors.DAYS_BIRTH;
        delete errors.DAYS_BIRTH;
        showErrors(form, errors);
      } else throw e;
    }
  });
  return () => off();
}

interface ModelView {
  modelVersion: string; threshold: number; features: number; card: Record<string, unknown>; report: string; importanceMeasure: string | null;
  importance: { feature: string; label?: string; description: string; importance: number }[];
}

export function modelPage(root: HTMLElement): Cleanup {
  root.innerHTML = `<h1>${h(t('titleModel'))}</h1><div id="m">${h(t('loading'))}</div>`;
  void get<ModelView>('api/model').then((m) => {
    const c = m.card as Record<string, number & string & number[]> & { oof_confusion?: { tp: number; fp: number; tn: number; fn: number } };
    const el = root.querySelector('#m') as HTMLElement;
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
    }</section></div>`;
    if (m.importance.length) importanceChart(el.querySelector('#imp') as HTMLElement, m.importance.slice(0, 15));
  });
  return () => {};
}
