import './style.css';
import { disposeCharts } from './charts';
import { escapeHtml as h } from './format';
import { initialLang, Key, lang, loadWords, setLang, t } from './i18n';
import { connect, onStatus } from './live';
import { applyPage } from './pages/apply';
import { clientPage } from './pages/client';
import { livePage } from './pages/live';
import { modelPage } from './pages/model';
import { monitoringPage } from './pages/monitoring';
import { queuePage } from './pages/queue';
import { Cleanup } from './pages/page';
import { whatIfPage } from './pages/whatif';

// Pages by hash route (#/live, #/queue, #/client/ID, #/what-if/ID, #/apply, #/model, #/monitoring): the server serves one
// index.html and never needs to know the routes.
const routes: { path: string; nav: Key; title: Key; render: (root: HTMLElement, arg?: string) => Cleanup }[] = [
  { path: 'live', nav: 'navLive', title: 'titleLive', render: livePage },
  { path: 'queue', nav: 'navQueue', title: 'titleQueue', render: queuePage },
  { path: 'client', nav: 'navClient', title: 'titleClient', render: clientPage },
  { path: 'what-if', nav: 'navWhatIf', title: 'titleWhatIf', render: whatIfPage },
  { path: 'apply', nav: 'navApply', title: 'titleApply', render: applyPage },
  { path: 'model', nav: 'navModel', title: 'titleModel', render: modelPage },
  { path: 'monitoring', nav: 'navMonitoring', title: 'titleMonitoring', render: monitoringPage },
];

let cleanup: Cleanup = () => {};

function layout(): void {
  const app = document.getElementById('app')!;
  app.innerHTML = `<a class="skip" href="#main" id="skip">${h(t('skip'))}</a>
  <header><div class="brand">Pr\u00eat \u00e0 d\u00e9penser \u00b7 ${h(t('appName'))}</div>
  <nav aria-label="${h(t('appName'))}"><ul>${routes.map((r) => `<li><a href="#/${r.path}" data-path="${r.path}">${h(t(r.nav))}</a></li>`).join('')}</ul></nav>
  <div class="tools"><label for="lang">${h(t('language'))}</label><select id="lang"><option value="en">English</option><option value="fr">Fran\u00e7ais</option></select>
  <form method="post" action="logout" id="logout"><input type="hidden" name="_csrf" id="logout-csrf"><button type="submit" class="link">${h(t('signOut'))}</button></form></div></header>
  <p id="stream-status" class="status-bar" role="status" aria-live="polite"></p>
  <main id="main" tabindex="-1"></main>`;
  const sel = document.getElementById('lang') as HTMLSelectElement;
  sel.value = lang();
  sel.addEventListener('change', () => {
    setLang(sel.value as 'en' | 'fr');
    layout();
    void loadWords(lang()).finally(route);
  });
  document.getElementById('skip')!.addEventListener('click', (e) => {
    e.preventDefault();
    document.getElementById('main')!.focus();
  });
  document.getElementById('logout')!.addEventListener('submit', () => {
    const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    (document.getElementById('logout-csrf') as HTMLInputElement).value = m ? decodeURIComponent(m[1]) : '';
  });
}

function route(): void {
  cleanup();
  disposeCharts();
  const [, path = 'live', arg] = location.hash.replace(/^#/, '').split('/');
  const r = routes.find((x) => x.path === path) ?? routes[0];
  document.title = `${t(r.title)} \u00b7 ${t('appName')}`;
  document.querySelectorAll('nav a').forEach((a) => {
    if ((a as HTMLElement).dataset.path === r.path) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  const main = document.getElementById('main')!;
  cleanup = r.render(main, arg ? decodeURIComponent(arg) : undefined);
}

setLang(initialLang());
layout();
connect();
onStatus((ok) => {
  const s = document.getElementById('stream-status');
  if (s) s.textContent = ok ? '' : t('streamLost');
});
window.addEventListener('hashchange', route);
void loadWords(lang()).finally(route);
