// The dashboard on a phone, in a real Chromium (Debian's, through playwright-core), against a
// running dashboard on a real broker (issue 18: "on a phone the pages scroll sideways (531-683 px
// wide); client ids above 2^53 are rounded in the browser; the Live list has no filters or
// paging"). Started by the backend's DashboardBrowserTest, which passes DASHBOARD_URL,
// DASHBOARD_PASSWORD, DASHBOARD_CLIENT (a client with an explained decision), DASHBOARD_BIG_CLIENT
// (a client whose id is above 2^53, with its application and explained decision, the newest
// decision) and SCREENSHOTS. Exit code 0 when every check passed.
//
// At 390 px wide, in English and French, every page (Live, a client file, What-if with its result,
// New application, Model, Monitoring) must not be wider than the screen:
// document.documentElement.scrollWidth <= 390. A table may scroll inside its own box; the page
// never does.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import assert from 'node:assert/strict';

const url = process.env.DASHBOARD_URL;
const password = process.env.DASHBOARD_PASSWORD;
const client = process.env.DASHBOARD_CLIENT;
const big = process.env.DASHBOARD_BIG_CLIENT;
const shots = process.env.SCREENSHOTS ?? 'target/screenshots';
const WIDTH = 390;
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const problems = [];

/** The page's width and what sticks out of the screen (for the message when it is too wide). */
async function width(page) {
  return page.evaluate((w) => {
    const wide = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > w + 0.5 && wide.length < 5) wide.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\s+/g, '.') : ''} (${Math.round(r.right)} px)`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, wide };
  }, WIDTH);
}

async function fits(page, name) {
  const { scrollWidth, wide } = await width(page);
  console.log(`${name}: scrollWidth ${scrollWidth}`);
  if (scrollWidth > WIDTH) problems.push(`${name}: the page is ${scrollWidth} px wide at ${WIDTH} px (${wide.join(', ')})`);
  await page.screenshot({ path: `${shots}/phone-${name}.png`, fullPage: true });
}

for (const lang of ['en', 'fr']) {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 844 }, locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${lang} page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${lang} console: ${m.text()}`);
  });
  try {
    await page.goto(url);
    await page.fill('#username', 'advisor');
    await page.fill('#password', password);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    await page.evaluate((l) => localStorage.setItem('lang', l), lang);

    // Live: the newest decision is the client above 2^53, its link and number whole.
    await page.goto(`${url}#/live`);
    await page.reload();
    await page.waitForSelector('#recent tbody tr');
    await page.waitForSelector(`#recent a[href="#/client/${big}"]`, { timeout: 20000 });
    assert.match(await page.textContent('#recent tbody'), new RegExp(`#${big}`));
    await page.waitForSelector('#spark svg');
    await fits(page, `${lang}-live`);

    // Its filters and pages: refused only, then the second page.
    const showing = await page.textContent('#live-showing');
    await page.selectOption('#lf-decision', 'REFUSED');
    await page.waitForFunction((before) => document.querySelector('#live-showing')?.textContent !== before, showing);
    const badges = await page.$$eval('#recent tbody tr', (rows) => rows.map((r) => r.querySelector('.badge')?.className ?? ''));
    assert.ok(badges.length > 0, 'refused decisions listed');
    assert.ok(badges.every((c) => c.includes('ko')), `only refusals: ${badges}`);
    const refused = await page.textContent('#live-showing');
    await page.selectOption('#lf-decision', '');
    await page.waitForFunction((before) => document.querySelector('#live-showing')?.textContent !== before, refused);
    const first = await page.textContent('#live-showing');
    await page.click('#live-next');
    await page.waitForFunction((before) => document.querySelector('#live-showing')?.textContent !== before, first);
    assert.match(await page.textContent('#live-showing'), lang === 'fr' ? /D\u00e9cisions 26 \u00e0 / : /Decisions 26 to /);
    await fits(page, `${lang}-live-page2`);
    await page.click('#live-prev');
    await page.waitForFunction(() => document.querySelector('#live-prev')?.hasAttribute('disabled'));

    // The client above 2^53: found by its id, its file under its own number.
    await page.goto(`${url}#/client`);
    await page.fill('#q', big);
    await page.click('#search button[type=submit]');
    await page.waitForFunction((id) => location.hash === `#/client/${id}`, big);
    await page.waitForSelector('#who');
    assert.match(await page.textContent('#who'), new RegExp(`#${big}`));
    await page.waitForSelector('#gauge svg');
    await fits(page, `${lang}-client-big`);

    // A client file with its charts and comparisons.
    await page.goto(`${url}#/client/${client}`);
    await page.waitForSelector('#dist svg');
    await page.waitForSelector('#similar tbody tr');
    await page.waitForTimeout(500);
    await fits(page, `${lang}-client`);

    // What-if of the client above 2^53, with its result.
    await page.goto(`${url}#/what-if/${big}`);
    await page.waitForSelector('#f-AMT_INCOME_TOTAL');
    await page.fill('#f-AMT_INCOME_TOTAL', '400000');
    await page.click('#wi button[type=submit]');
    await page.waitForSelector('#wf-w svg');
    assert.match(await page.textContent('#wi-result h2'), new RegExp(`#${big}`));
    // Amounts with the currency sign, in this browser's own Intl (not the letters of a code).
    const changes = await page.textContent('#wi-result p');
    assert.match(changes, /\u00a4/, changes);
    assert.doesNotMatch(changes, /XXX/, changes);
    await page.waitForTimeout(500);
    await fits(page, `${lang}-what-if`);

    await page.goto(`${url}#/apply`);
    await page.waitForSelector('#f-AMT_CREDIT');
    await fits(page, `${lang}-apply`);

    await page.goto(`${url}#/model`);
    await page.waitForSelector('#imp svg');
    await page.waitForTimeout(500);
    await fits(page, `${lang}-model`);

    await page.goto(`${url}#/monitoring`);
    await page.waitForSelector('#ch-auc svg');
    await page.waitForTimeout(500);
    await fits(page, `${lang}-monitoring`);
  } catch (e) {
    problems.push(`${lang} failed: ${e.stack ?? e}`);
    await page.screenshot({ path: `${shots}/phone-${lang}-failure.png`, fullPage: true }).catch(() => {});
  } finally {
    await context.close();
  }
}
await browser.close();
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('phone: every check passed');
