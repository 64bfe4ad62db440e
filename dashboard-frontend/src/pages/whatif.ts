// What-if: change a few fields of a client's application and see the model decide again, the
// original and the changed outcome side by side with their reasons and waterfalls.
import { ApiError, get, post } from '../api';
import { ClientFile, Outcome, WhatIf } from '../api-types';
import { waterfallChart } from '../charts';
import { daysToYears, escapeHtml as h, percent, yearsToDays } from '../format';
import { fieldLabel, Key, t } from '../i18n';
import { coded, fieldInput, INCOME_TYPES, select, showErrors } from './form';
import { decisionBadge, fieldValue, reasonsHtml } from './html';
import { Cleanup } from './page';

/**
 * The route's argument: the client id, then the fields to fill in, as the client page's path to
 * approval opens it (#/what-if/ID?AMT_CREDIT=180000&AMT_ANNUITY=9000).
 */
export function whatIfArgument(arg: string | undefined): { id: string | undefined; prefill: Record<string, string> } {
  if (!arg) return { id: undefined, prefill: {} };
  const at = arg.indexOf('?');
  if (at < 0) return { id: arg, prefill: {} };
  return { id: arg.slice(0, at), prefill: Object.fromEntries(new URLSearchParams(arg.slice(at + 1))) };
}

export function whatIfPage(root: HTMLElement, arg: string | undefined): Cleanup {
  const { id, prefill } = whatIfArgument(arg);
  root.innerHTML = `<h1>${h(t('titleWhatIf'))}</h1><form id="wi" novalidate><p class="form-errors error" role="alert"></p>
  ${fieldInput('clientId', t('whatIfFor'), id ?? '', 'text')}<div id="wi-fields"></div><button type="submit">${h(t('rescore'))}</button></form><div id="wi-result" aria-live="polite"></div>`;
  const form = root.querySelector('#wi') as HTMLFormElement;
  const fields = root.querySelector('#wi-fields') as HTMLElement;
  const result = root.querySelector('#wi-result') as HTMLElement;
  const button = form.querySelector('button[type="submit"]') as HTMLButtonElement;
  // A result belongs to the values it was computed for: any change to an input takes it away, and
  // an answer still on its way for older values is not shown when it comes (issue 18: the page
  // kept showing a score for values no longer on screen).
  let generation = 0;
  const stale = () => {
    generation++;
    result.innerHTML = '';
  };
  form.addEventListener('input', stale);
  const load = async (cid: string) => {
    stale();
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
    stale();
    const mine = generation;
    button.disabled = true;
    try {
      // The id as text, as the API writes it: never through a JavaScript number (2^53).
      const r = await post<WhatIf>('api/what-if', { clientId: cid === '' ? null : cid, changes });
      if (mine !== generation) return;
      showErrors(form, {});
      renderWhatIf(result, r);
    } catch (e) {
      if (mine !== generation) return;
      // A refused or failed request leaves no result of earlier values on screen.
      result.innerHTML = '';
      showWhatIfError(form, e);
    } finally {
      button.disabled = false;
    }
  });
  if (id) {
    void load(id).then(() => {
      // The path to approval's changes, filled in over the client's values, then scored at once.
      let filled = 0;
      for (const [name, value] of Object.entries(prefill)) {
        const input = fields.querySelector<HTMLInputElement>(`input[name="${CSS.escape(name)}"]`);
        if (input) {
          input.value = value;
          filled++;
        }
      }
      if (filled > 0) form.requestSubmit();
    });
  }
  return () => {};
}

/**
 * Why a what-if gave no result: a refused value next to its field (the server names the field and
 * the plausibility rule, in the page's language), an unknown client at the client id, anything else
 * (a conflict, a busy server, the network) in the form's own error line.
 */
export function showWhatIfError(form: HTMLElement, e: unknown): void {
  if (e instanceof ApiError && e.status === 404) {
    showErrors(form, { clientId: t('noClient') });
    return;
  }
  const fieldErrors = e instanceof ApiError ? e.fieldErrors() : {};
  showErrors(form, fieldErrors);
  if (Object.keys(fieldErrors).length === 0) {
    const said = e instanceof ApiError ? (e.body as { error?: string } | null)?.error : undefined;
    (form.querySelector('.form-errors') as HTMLElement).textContent = `${t('whatIfFailed')} ${said ?? (e instanceof Error ? e.message : String(e))}`;
  }
}

function renderWhatIf(el: HTMLElement, r: WhatIf): void {
  const side = (o: Outcome, key: Key, idx: string) => `<section class="card"><h2>${h(t(key))}</h2>
  <p class="big" id="p-${idx}">${percent(o.probability)}</p><p>${decisionBadge(o.decision)} \u00b7 ${h(t('threshold'))} ${percent(o.threshold)}</p>
  <h3>${h(t('whatIfReasons'))}</h3><div id="r-${idx}">${reasonsHtml(o.explanation)}</div>
  <div id="wf-${idx}" class="chart tall"></div></section>`;
  el.innerHTML = `<h2>${h(r.displayName)} #${h(r.clientId)}</h2>
  <p>${t('changesList', { list: r.changes.map((c) => `${h(fieldLabel(c.field))} ${fieldValue(c.field, c.from)} \u2192 ${fieldValue(c.field, c.to)}`).join('; ') || '\u2014' })}</p>
  <div class="grid2">${side(r.original, 'original', 'o')}${side(r.whatIf, 'whatIf', 'w')}</div>`;
  for (const [o, idx] of [[r.original, 'o'], [r.whatIf, 'w']] as const) {
    waterfallChart(el.querySelector(`#wf-${idx}`) as HTMLElement, o.explanation.baseValue, o.explanation.top, o.explanation.others, o.threshold);
  }
}
