// Live decisions: the counters, the volume sparkline and the decisions the dashboard keeps,
// filtered (decision, risk band, human review) and paged by the server (api/decisions/page), kept
// current by the stream (api/stream, filtered alike) with the counters refreshed at most once a
// second. On a phone the list's rows are cards (style.css), so that nothing scrolls sideways.
import { get } from '../api';
import { DecisionPage, Stats } from '../api-types';
import { sparkline } from '../charts';
import { escapeHtml as h, number, percent, time } from '../format';
import { Key, t } from '../i18n';
import { DecisionSummary, onDecision, openStream, upsert } from '../live';
import { decisionBadge, verificationBadge } from './html';
import { Cleanup } from './page';

/** What the advisor filters the list by; '' lets every value through. */
export interface LiveFilter {
  decision: '' | 'GRANTED' | 'REFUSED' | 'REVIEW';
  band: '' | 'low' | 'moderate' | 'high' | 'very_high';
  review: '' | 'pending' | 'human' | 'automatic';
}

/** Decisions per page: a screen's worth (the server takes at most 100). */
export const PAGE_SIZE = 25;

const NO_FILTER: LiveFilter = { decision: '', band: '', review: '' };

/** The filter and page the advisor left the Live page on: the same when they come back. */
const kept: { filter: LiveFilter; page: number } = { filter: { ...NO_FILTER }, page: 0 };

/** The query of the filter (for api/decisions/page and api/stream), without the empty ones. */
export function filterQuery(f: LiveFilter): string {
  return new URLSearchParams(Object.entries(f).filter(([, v]) => v !== '')).toString();
}

export const filtered = (f: LiveFilter): boolean => f.decision !== '' || f.band !== '' || f.review !== '';

/** The line over the list: which decisions of how many are shown, or that none match. */
export function showing(p: Pick<DecisionPage, 'items' | 'total' | 'page' | 'size'>): string {
  if (p.total === 0 || p.items.length === 0) return t('lfNone');
  const from = p.page * p.size + 1;
  return t('lfShowing', { from: number(from, 0), to: number(from + p.items.length - 1, 0), total: number(p.total, 0) });
}

/** How many pages the total makes (at least one: an empty list is page 1 of 1). */
export const pageCount = (total: number, size: number): number => Math.max(1, Math.ceil(total / size));

/**
 * One decision: a row of the table on a wide screen, a card on a phone (each cell says what it
 * is: data-label). The client id is the server's text, never read as a number: ids above 2^53
 * would be rounded to another client's.
 */
export function decisionRow(d: DecisionSummary): string {
  const id = encodeURIComponent(d.clientId);
  return `<tr><td data-label="${h(t('time'))}"><time datetime="${h(d.decidedAt)}">${h(time(d.decidedAt))}</time></td>
  <td data-label="${h(t('client'))}"><a href="#/client/${id}">${h(d.displayName)}</a> <span class="muted id">#${h(d.clientId)}</span></td>
  <td data-label="${h(t('probability'))}" class="num">${percent(d.probability)}</td>
  <td data-label="${h(t('decision'))}">${decisionBadge(d.decision)} ${verificationBadge(d)}</td></tr>`;
}

function select(name: keyof LiveFilter, label: Key, options: [string, Key][], value: string): string {
  return `<div class="field"><label for="lf-${name}">${h(t(label))}</label><select id="lf-${name}" name="${name}">
  ${options.map(([v, k]) => `<option value="${v}"${v === value ? ' selected' : ''}>${h(t(k))}</option>`).join('')}</select></div>`;
}

export function livePage(root: HTMLElement): Cleanup {
  const state = kept;
  root.innerHTML = `<h1>${h(t('titleLive'))}</h1>
  <section class="counters" aria-label="${h(t('titleLive'))}">
    <div class="counter"><span class="label">${h(t('decisions'))}</span><span class="value" id="c-decisions">\u2014</span></div>
    <div class="counter"><span class="label">${h(t('explained'))}</span><span class="value" id="c-explained">\u2014</span></div>
    <div class="counter"><span class="label">${h(t('deadLetters'))}</span><span class="value" id="c-dead">\u2014</span></div>
    <div class="counter"><span class="label">${h(t('approvalRate'))}</span><span class="value" id="c-rate">\u2014</span></div>
  </section>
  <h2>${h(t('volume'))}</h2><div id="spark" class="chart small"></div>
  <h2 id="recent-title">${h(t('recent'))}</h2>
  <form id="live-filter" class="live-filter" role="search" aria-label="${h(t('lfFilters'))}">
  ${select('decision', 'lfDecision', [['', 'lfAll'], ['GRANTED', 'lfGranted'], ['REFUSED', 'lfRefused'], ['REVIEW', 'lfInReview']], state.filter.decision)}
  ${select('band', 'lfBand', [['', 'lfAll'], ['low', 'lfLow'], ['moderate', 'lfModerate'], ['high', 'lfHigh'], ['very_high', 'lfVeryHigh']], state.filter.band)}
  ${select('review', 'lfReview', [['', 'lfAll'], ['pending', 'lfPending'], ['human', 'lfHuman'], ['automatic', 'lfAutomatic']], state.filter.review)}
  <button type="button" id="lf-clear" class="secondary">${h(t('lfClear'))}</button></form>
  <p id="live-showing" role="status" aria-live="polite"></p>
  <p id="live-new" hidden><button type="button" class="secondary" id="live-newest">${h(t('lfNew'))}</button></p>
  <table class="data cards" id="recent" aria-labelledby="recent-title">
  <thead><tr><th scope="col">${h(t('time'))}</th><th scope="col">${h(t('client'))}</th><th scope="col">${h(t('probability'))}</th><th scope="col">${h(t('decision'))}</th></tr></thead><tbody></tbody></table>
  <nav class="pager" aria-label="${h(t('lfPages'))}"><button type="button" id="live-prev" class="secondary">\u2190 ${h(t('lfNewer'))}</button>
  <span id="live-page"></span><button type="button" id="live-next" class="secondary">${h(t('lfOlder'))} \u2192</button></nav>
  <p class="muted small" id="live-kept"></p>`;
  const $ = <T extends HTMLElement>(id: string) => root.querySelector(`#${id}`) as T;
  const form = $<HTMLFormElement>('live-filter');
  const body = root.querySelector('#recent tbody') as HTMLElement;
  let list: DecisionSummary[] = [];
  let total = 0;
  let loaded = 0;
  const render = () => {
    body.innerHTML = list.map(decisionRow).join('');
    $('live-showing').textContent = showing({ items: list, total, page: state.page, size: PAGE_SIZE });
    const pages = pageCount(total, PAGE_SIZE);
    $('live-page').textContent = t('lfPage', { p: number(state.page + 1, 0), n: number(pages, 0) });
    $<HTMLButtonElement>('live-prev').disabled = state.page === 0;
    $<HTMLButtonElement>('live-next').disabled = state.page + 1 >= pages;
  };
  // Each load is numbered: an older answer arriving after a newer one is dropped.
  const load = async () => {
    const n = ++loaded;
    const query = filterQuery(state.filter);
    const p = await get<DecisionPage>(`api/decisions/page?${query}${query ? '&' : ''}page=${state.page}&size=${PAGE_SIZE}`);
    if (n !== loaded) return;
    if (p.items.length === 0 && p.total > 0 && state.page > 0) {
      // The page emptied (fewer decisions kept now): go to the last one.
      state.page = pageCount(p.total, PAGE_SIZE) - 1;
      return load();
    }
    list = p.items;
    total = p.total;
    $('live-kept').textContent = t('lfKept', { kept: number(p.kept, 0) });
    $('live-new').hidden = true;
    render();
  };
  const refreshStats = async () => {
    const s = await get<Stats>('api/stats');
    // The advisor may have left the page meanwhile: the next page is drawn in the same element.
    if (!body.isConnected) return;
    $('c-decisions').textContent = number(s.decisions, 0);
    $('c-explained').textContent = number(s.explained, 0);
    $('c-dead').textContent = number(s.deadLetters, 0);
    $('c-rate').textContent = percent(s.approvalRate);
    sparkline($('spark'), s.volume);
  };
  // At most one refresh of the counters (and of the page's count) a second, however many events.
  let pending = false;
  const later = () => {
    if (pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      void refreshStats();
      if (state.page === 0) void load();
    }, 1000);
  };
  const onEvent = (d: DecisionSummary, kind: string) => {
    if (state.page === 0) {
      // The newest page follows the stream at once; the count follows within a second.
      if (kind === 'decision' && !list.some((x) => x.applicationId === d.applicationId)) total++;
      list = upsert(list, d, PAGE_SIZE);
      render();
    } else {
      // An older page stays still under the advisor's eyes; they are told of newer decisions.
      $('live-new').hidden = false;
    }
    later();
  };
  // The counters count every decision: the unfiltered stream refreshes them. A filtered list
  // listens to a stream with its own filter.
  let offList: () => void = () => {};
  const listen = () => {
    offList();
    offList = filtered(state.filter) ? openStream(filterQuery(state.filter), onEvent) : () => {};
  };
  const offAll = onDecision((d, kind) => {
    if (!filtered(state.filter)) onEvent(d, kind);
    else later();
  });
  const apply = () => {
    const data = new FormData(form);
    state.filter = {
      decision: String(data.get('decision') ?? '') as LiveFilter['decision'],
      band: String(data.get('band') ?? '') as LiveFilter['band'],
      review: String(data.get('review') ?? '') as LiveFilter['review'],
    };
    state.page = 0;
    listen();
    void load();
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (e) => e.preventDefault());
  $('lf-clear').addEventListener('click', () => {
    form.reset();
    form.querySelectorAll('select').forEach((s) => (s.value = ''));
    apply();
  });
  const go = (page: number) => {
    state.page = Math.max(0, page);
    void load().then(() => $('recent-title').scrollIntoView({ block: 'start' }));
  };
  $('live-prev').addEventListener('click', () => go(state.page - 1));
  $('live-next').addEventListener('click', () => go(state.page + 1));
  $('live-newest').addEventListener('click', () => go(0));
  listen();
  void load();
  void refreshStats();
  const timer = setInterval(() => void refreshStats(), 10000);
  return () => {
    offAll();
    offList();
    clearInterval(timer);
  };
}
