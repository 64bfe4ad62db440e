// What-if (issue 18, item 4): a result is taken away as soon as an input changes or a request
// fails, an answer for older values is not shown, and a refused value is named next to its field.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLang } from '../i18n';
import { whatIfPage } from './whatif';

// ECharts needs a real layout; the chart is not what is tested here.
vi.mock('../charts', () => ({ waterfallChart: () => undefined }));

const client = {
  clientId: '100002',
  application: [
    { field: 'AMT_INCOME_TOTAL', value: 202500 },
    { field: 'AMT_CREDIT', value: 406597.5 },
    { field: 'AMT_ANNUITY', value: 24700.5 },
    { field: 'AMT_GOODS_PRICE', value: 351000 },
    { field: 'DAYS_EMPLOYED', value: -637 },
    { field: 'CNT_CHILDREN', value: 0 },
    { field: 'NAME_INCOME_TYPE', value: 'Working' },
  ],
};
const explanation = { baseValue: -2.4, margin: -1, top: [], others: 0, reasons: [] };
const outcome = (p: number) => ({ probability: p, decision: p < 0.5 ? 'GRANTED' : 'REFUSED', threshold: 0.5, explanation });
const scored = { clientId: '100002', displayName: 'Client 100002', changes: [], original: outcome(0.6), whatIf: outcome(0.2) };

type Answer = { status: number; body: unknown };
let answers: Array<Promise<Answer>> = [];

function respond(a: Answer): Response {
  return new Response(JSON.stringify(a.body), { status: a.status, headers: { 'Content-Type': 'application/json' } });
}

beforeEach(() => {
  setLang('en');
  answers = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string) => {
      if (path.startsWith('api/clients/')) return respond({ status: 200, body: client });
      const next = answers.shift();
      if (!next) throw new Error(`no answer queued for ${path}`);
      return respond(await next);
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const settle = () => new Promise((r) => setTimeout(r, 0));

async function page(): Promise<HTMLElement> {
  const root = document.createElement('div');
  document.body.appendChild(root);
  whatIfPage(root, '100002');
  for (let i = 0; i < 5; i++) await settle();
  return root;
}

function submit(root: HTMLElement): void {
  root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
}

function type(root: HTMLElement, name: string, value: string): void {
  const input = root.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

const result = (root: HTMLElement) => root.querySelector('#wi-result')!.innerHTML;

describe('what-if', () => {
  it('clears the result as soon as an input changes', async () => {
    const root = await page();
    type(root, 'AMT_INCOME_TOTAL', '400000');
    answers.push(Promise.resolve({ status: 200, body: scored }));
    submit(root);
    for (let i = 0; i < 5; i++) await settle();
    expect(root.querySelector('#p-w')?.textContent).toBe('20.0%');

    type(root, 'AMT_CREDIT', '100000');
    expect(result(root)).toBe('');
  });

  it('clears the result when a request is refused, and names the field and its rule', async () => {
    const root = await page();
    answers.push(Promise.resolve({ status: 200, body: scored }));
    submit(root);
    for (let i = 0; i < 5; i++) await settle();
    expect(result(root)).not.toBe('');

    const message = 'must not exceed the age minus 14 years: at most 36.0 years here (>= -13148 days)';
    answers.push(Promise.resolve({ status: 400, body: { errors: [{ field: 'DAYS_EMPLOYED', message, rule: 'EMPLOYMENT_WITHIN_WORKING_LIFE' }] } }));
    submit(root);
    for (let i = 0; i < 5; i++) await settle();
    expect(result(root)).toBe('');
    expect(root.querySelector('#e-DAYS_EMPLOYED')?.textContent).toContain(message);
    expect(root.querySelector('input[name="DAYS_EMPLOYED"]')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('clears the result when the request fails without a field, and says why', async () => {
    const root = await page();
    answers.push(Promise.resolve({ status: 200, body: scored }));
    submit(root);
    for (let i = 0; i < 5; i++) await settle();
    answers.push(Promise.resolve({ status: 503, body: { error: 'The dashboard is busy' } }));
    submit(root);
    for (let i = 0; i < 5; i++) await settle();
    expect(result(root)).toBe('');
    expect(root.querySelector('.form-errors')?.textContent).toBe('No new score was computed: The dashboard is busy');
  });

  it('does not show an answer that comes after its values were changed', async () => {
    const root = await page();
    let release: (a: Answer) => void = () => {};
    answers.push(new Promise<Answer>((r) => (release = r)));
    submit(root);
    await settle();
    expect((root.querySelector('button[type="submit"]') as HTMLButtonElement).disabled).toBe(true);
    type(root, 'AMT_CREDIT', '100000');
    release({ status: 200, body: scored });
    for (let i = 0; i < 5; i++) await settle();
    expect(result(root)).toBe('');
    expect((root.querySelector('button[type="submit"]') as HTMLButtonElement).disabled).toBe(false);
  });
});
