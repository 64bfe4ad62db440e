// The review queue: decisions in the review band that no one has decided yet, oldest first, with
// filters (taken or not, mine, risk range) and paging; "Take it" records that the advisor took
// the case (on the oversight trail), and the client file is where it is decided.
import { ApiError, get, post } from '../api';
import { QueueItem, QueuePage } from '../api-types';
import { escapeHtml as h, percent, time } from '../format';
import { t } from '../i18n';
import { Cleanup } from './page';

const SIZE = 20;

interface Filters {
  taken: string;
  mine: boolean;
  minRisk: string;
  maxRisk: string;
  page: number;
}

/** The API query for the filters (risks typed in percent, sent as probabilities). */
export function queueQuery(f: Filters): string {
  const q = new URLSearchParams({ size: String(SIZE), page: String(f.page) });
  if (f.taken !== 'all') q.set('taken', f.taken);
  if (f.mine) q.set('mine', 'true');
  const risk = (v: string) => String(Number(v.replace(',', '.')) / 100);
  if (f.minRisk.trim()) q.set('min_risk', risk(f.minRisk));
  if (f.maxRisk.trim()) q.set('max_risk', risk(f.maxRisk));
  return q.toString();
}

function itemHtml(i: QueueItem): string {
  return `<li class="case" data-application="${h(i.application_id)}"><div><a href="#/client/${h(i.client_id)}"><strong>${h(i.display_name)}</strong></a> <span class="muted">#${h(i.client_id)}</span></div>
  <div>${t('queueRisk', { p: `<strong>${h(percent(i.probability))}</strong>` })} <span class="muted">(${h(t('thresholdIs', { p: percent(i.threshold) }))})</span></div>
  <div class="muted">${h(t('decidedAt', { t: time(i.decided_at) }))}</div>
  <div>${i.taken_by ? `${h(t('takenBy', { who: i.taken_by }))}` : `<span class="muted">${h(t('notTaken'))}</span>`}
  <button type="button" class="take" data-application="${h(i.application_id)}">${h(t('takeIt'))}</button></div></li>`;
}

export function queuePage(root: HTMLElement): Cleanup {
  const f: Filters = { taken: 'all', mine: false, minRisk: '', maxRisk: '', page: 0 };
  root.innerHTML = `<h1>${h(t('titleQueue'))}</h1><p class="muted">${h(t('queueHelp'))}</p>
  <form id="queue-filters" class="inline" role="search">
  <span class="pair"><label for="q-taken">${h(t('filterTaken'))}</label><select id="q-taken">
  <option value="all">${h(t('takenAll'))}</option><option value="untaken">${h(t('takenNo'))}</option><option value="taken">${h(t('takenYes'))}</option></select></span>
  <span class="pair"><input type="checkbox" id="q-mine"><label for="q-mine">${h(t('onlyMine'))}</label></span>
  <span class="pair"><label for="q-min">${h(t('minRisk'))}</label><input id="q-min" inputmode="decimal" size="4"></span>
  <span class="pair"><label for="q-max">${h(t('maxRisk'))}</label><input id="q-max" inputmode="decimal" size="4"></span>
  <button type="submit">${h(t('applyFilters'))}</button></form>
  <p class="error" id="queue-error" role="alert"></p>
  <p id="queue-count" role="status"></p><ul class="queue" id="queue"></ul>
  <div class="inline"><button type="button" id="q-prev">${h(t('previousPage'))}</button><span id="q-page"></span><button type="button" id="q-next">${h(t('nextPage'))}</button></div>`;
  const list = root.querySelector('#queue') as HTMLElement;
  const error = root.querySelector('#queue-error') as HTMLElement;
  let alive = true;
  const load = async () => {
    error.textContent = '';
    let page: QueuePage;
    try {
      page = await get<QueuePage>(`api/review-queue?${queueQuery(f)}`);
    } catch (e) {
      error.textContent = e instanceof ApiError ? Object.values(e.fieldErrors()).join(' ') || t('error', { e: String(e) }) : t('error', { e: String(e) });
      return;
    }
    if (!alive) return;
    const pages = Math.max(1, Math.ceil(page.total / page.size));
    (root.querySelector('#queue-count') as HTMLElement).textContent = t('queueCount', { n: page.total });
    list.innerHTML = page.items.length ? page.items.map(itemHtml).join('') : `<li class="muted">${h(t('queueEmpty'))}</li>`;
    (root.querySelector('#q-page') as HTMLElement).textContent = t('pageOf', { p: page.page + 1, n: pages });
    (root.querySelector('#q-prev') as HTMLButtonElement).disabled = page.page === 0;
    (root.querySelector('#q-next') as HTMLButtonElement).disabled = page.page + 1 >= pages;
  };
  root.querySelector('#queue-filters')!.addEventListener('submit', (ev) => {
    ev.preventDefault();
    f.taken = (root.querySelector('#q-taken') as HTMLSelectElement).value;
    f.mine = (root.querySelector('#q-mine') as HTMLInputElement).checked;
    f.minRisk = (root.querySelector('#q-min') as HTMLInputElement).value;
    f.maxRisk = (root.querySelector('#q-max') as HTMLInputElement).value;
    f.page = 0;
    void load();
  });
  root.querySelector('#q-prev')!.addEventListener('click', () => {
    f.page = Math.max(0, f.page - 1);
    void load();
  });
  root.querySelector('#q-next')!.addEventListener('click', () => {
    f.page += 1;
    void load();
  });
  list.addEventListener('click', async (ev) => {
    const b = (ev.target as HTMLElement).closest('button.take') as HTMLButtonElement | null;
    if (!b) return;
    b.disabled = true;
    try {
      await post(`api/decisions/${encodeURIComponent(b.dataset.application ?? '')}/take`, {});
    } catch (e) {
      error.textContent = e instanceof ApiError && (e.body as { error?: string } | null)?.error ? (e.body as { error: string }).error : t('error', { e: String(e) });
    }
    void load();
  });
  void load();
  return () => {
    alive = false;
  };
}
