// Live decisions: the counters, the volume sparkline and the latest decisions, kept current by the
// stream (api/stream) with the counters refreshed at most once a second.
import { get } from '../api';
import { Stats } from '../api-types';
import { sparkline } from '../charts';
import { escapeHtml as h, number, percent, time } from '../format';
import { t } from '../i18n';
import { DecisionSummary, onDecision, upsert } from '../live';
import { decisionBadge, verificationBadge } from './html';
import { Cleanup } from './page';

function decisionRow(d: DecisionSummary): string {
  return `<tr><td>${h(time(d.decidedAt))}</td><td><a href="#/client/${d.clientId}">${h(d.displayName)}</a> <span class="muted">#${d.clientId}</span></td>
  <td class="num">${percent(d.probability)}</td><td>${decisionBadge(d.decision)} ${verificationBadge(d)}</td></tr>`;
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
    // The advisor may have left the page meanwhile: the next page is drawn in the same element.
    if (!body.isConnected) return;
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
