// Browser end-to-end test of human oversight in a real Chromium, at a phone's 390 px, against a
// running dashboard on a real broker. Started by the backend's OversightBrowserTest, which passes
// DASHBOARD_URL, DASHBOARD_PASSWORD (the advisor's), REVIEW_CLIENT and REVIEW_APPLICATION (a case
// in review it published), REVIEW_REASON (the reason to record) and SCREENSHOTS. The case is in
// the queue; the advisor takes it; an override without a reason is refused with the server's
// message next to the field (English, then French); with a reason the decision in force and the
// trail show it. Exit code 0 when every check passed.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const url = process.env.DASHBOARD_URL;
const password = process.env.DASHBOARD_PASSWORD;
const client = process.env.REVIEW_CLIENT;
const application = process.env.REVIEW_APPLICATION;
const reason = process.env.REVIEW_REASON;
const shots = process.env.SCREENSHOTS ?? 'target/screenshots';
mkdirSync(shots, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const problems = [];
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
// The errors a browser logs on purpose here: the 400s of the overrides without a reason.
let expected400 = false;
page.on('console', (m) => {
  if (m.type() !== 'error') return;
  if (expected400 && m.text().includes('status of 400')) return;
  problems.push(`console: ${m.text()}`);
});
page.on('pageerror', (e) => problems.push(`page error: ${e.stack ?? e.message}`));

async function axe(name) {
  // Evaluated, not injected: the dashboard's Content-Security-Policy refuses inline scripts.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of bad) problems.push(`axe ${name}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  console.log(`axe ${name}: ${result.violations.length} violations, ${bad.length} serious or critical`);
}
/** No sideways scroll at 390 px. */
async function fits(name) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 390) problems.push(`${name}: the page is ${width} px wide at 390 px`);
}
async function shot(name) {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}
async function step(name, fn) {
  const t0 = Date.now();
  await fn();
  console.log(`ok ${name} (${Date.now() - t0} ms)`);
}
const inCase = `li.case[data-application="${application}"]`;

try {
  await step('log in and see the case in the queue', async () => {
    await page.goto(`${url}#/queue`);
    await page.fill('#username', 'advisor');
    await page.fill('#password', password);
    await page.click('button[type=submit]');
    await page.waitForSelector('nav a[data-path="queue"]');
    // The sign-in may land on the default page (the deep link is another part's business).
    if (!page.url().includes('#/queue')) await page.goto(`${url}#/queue`);
    await page.waitForSelector(inCase, { timeout: 60000 });
    assert.match(await page.textContent('#queue-count'), /waiting/);
    await fits('queue');
    await axe('queue');
  });

  await step('take it', async () => {
    await page.click(`${inCase} button.take`);
    await page.waitForFunction((sel) => (document.querySelector(sel)?.textContent ?? '').includes('Taken by advisor'), inCase);
    await shot('oversight-queue-en');
  });

  await step('an override without a reason is refused, the message by the field', async () => {
    await page.click(`${inCase} a`);
    await page.waitForSelector('#ov-form');
    assert.match(await page.textContent('#final-decision'), /To review/);
    await page.selectOption('#ov-decision', 'GRANTED');
    await page.selectOption('#ov-category', 'INCOME_VERIFIED');
    expected400 = true;
    await page.click('#ov-submit');
    await page.waitForFunction(() => (document.querySelector('#ov-reason-error')?.textContent ?? '').length > 0);
    expected400 = false;
    assert.match(await page.textContent('#ov-reason-error'), /is required/);
    assert.match(await page.textContent('#trail'), /No one has acted|Took the case/);
  });

  await step('with a reason it is recorded and in the trail', async () => {
    await page.fill('#ov-reason', reason);
    await page.click('#ov-submit');
    await page.waitForFunction((r) => (document.querySelector('#trail')?.textContent ?? '').includes(r), reason, { timeout: 30000 });
    assert.match(await page.textContent('#final-decision'), /Granted/);
    assert.match(await page.textContent('#trail'), /Decided a case in review/);
    assert.match(await page.textContent('#trail'), /Income verified/);
    await fits('client');
    await axe('client');
    await page.locator('#ov-title').scrollIntoViewIfNeeded();
    await shot('oversight-client-en');
  });

  await step('and in the client\'s timeline (read back from decision-overrides)', async () => {
    // The timeline is drawn when the file opens: open it again to read the recorded entry.
    await page.reload();
    await page.waitForFunction(
      (r) => [...document.querySelectorAll('#timeline .tl-override')].some((li) => (li.textContent ?? '').includes(r)),
      reason,
      { timeout: 30000 },
    );
  });

  await step('in French', async () => {
    await page.selectOption('#lang', 'fr');
    await page.waitForFunction(() => (document.querySelector('#final-decision')?.textContent ?? '').includes('vigueur'));
    assert.match(await page.textContent('#trail'), /Revenus v\u00e9rifi\u00e9s/);
    // Now decided, the form overrides; without a reason the advisor's 400 comes first, in French.
    await page.click('.decide summary');
    expected400 = true;
    await page.click('#ov-submit');
    await page.waitForFunction(() => (document.querySelector('#ov-reason-error')?.textContent ?? '').length > 0);
    expected400 = false;
    assert.match(await page.textContent('#ov-reason-error'), /est obligatoire/);
    await fits('client-fr');
    await axe('client-fr');
    await shot('oversight-client-fr');
    await page.goto(`${url}#/queue`);
    await page.waitForSelector('#queue li');
    assert.match(await page.textContent('h1'), /Dossiers en revue/);
    assert.equal(await page.locator(inCase).count(), 0, 'a decided case leaves the queue');
    await fits('queue-fr');
    await axe('queue-fr');
    await shot('oversight-queue-fr');
  });
} catch (e) {
  problems.push(`failed: ${e.stack ?? e}`);
  await shot('oversight-failure').catch(() => {});
} finally {
  await browser.close();
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('oversight end-to-end: every check passed');
