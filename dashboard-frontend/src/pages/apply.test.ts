// The New application form (issue 18, item 3): a double click sends one request, a re-sent form
// keeps its application id (the intake answers it as already received: one decision), any change
// makes it a new application; a refused age is shown at the age field.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLang } from '../i18n';
import { applyPage } from './apply';

vi.mock('../live', () => ({ onDecision: () => () => undefined }));

type Answer = { status: number; body: unknown };
let sent: Record<string, unknown>[] = [];
let answers: Array<Promise<Answer>> = [];

beforeEach(() => {
  setLang('en');
  sent = [];
  answers = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_path: string, init: RequestInit) => {
      sent.push(JSON.parse(String(init.body)));
      const a = await (answers.shift() ?? Promise.reject(new Error('no answer queued')));
      return new Response(JSON.stringify(a.body), { status: a.status, headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

function page(): HTMLElement {
  const root = document.createElement('div');
  document.body.appendChild(root);
  applyPage(root);
  return root;
}

function click(root: HTMLElement): void {
  // What a click on the submit button does, unless the button is disabled.
  const button = root.querySelector('button[type="submit"]') as HTMLButtonElement;
  if (!button.disabled) root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
}

const accepted = (id: unknown, again: boolean): Answer => ({ status: 202, body: { application_id: id, SK_ID_CURR: '900001', already_received: again } });

describe('new application form', () => {
  it('sends a double click once and a re-send with the same application id', async () => {
    const root = page();
    let release: (a: Answer) => void = () => {};
    answers.push(new Promise<Answer>((r) => (release = r)));
    click(root);
    click(root);
    await settle();
    expect(sent).toHaveLength(1);
    release(accepted(sent[0].application_id, false));
    await settle();

    answers.push(Promise.resolve(accepted(sent[0].application_id, true)));
    click(root);
    await settle();
    expect(sent).toHaveLength(2);
    expect(sent[1].application_id).toBe(sent[0].application_id);
    expect(root.querySelector('#apply-result')?.textContent).toContain(String(sent[0].application_id));

    const income = root.querySelector<HTMLInputElement>('input[name="AMT_INCOME_TOTAL"]')!;
    income.value = '250000';
    income.dispatchEvent(new Event('input', { bubbles: true }));
    answers.push(Promise.resolve(accepted('x', false)));
    click(root);
    await settle();
    expect(sent[2].application_id).not.toBe(sent[0].application_id);
  });

  it('shows a refused age at the age field', async () => {
    const root = page();
    const message = 'must give an age of 18 to 100 years (between -36525 and -6575 days)';
    answers.push(Promise.resolve({ status: 400, body: { errors: [{ field: 'DAYS_BIRTH', message, rule: 'AGE_RANGE' }] } }));
    click(root);
    await settle();
    expect(root.querySelector('#e-AGE')?.textContent).toContain(message);

    // The family size is computed from the children: its refusal is not shown as a raw field.
    answers.push(
      Promise.resolve({
        status: 400,
        body: { errors: [{ field: 'CNT_CHILDREN', message: 'must be at most 30', rule: 'COUNT_BOUND' }, { field: 'CNT_FAM_MEMBERS', message: 'must be at most 40', rule: 'COUNT_BOUND' }] },
      }),
    );
    click(root);
    await settle();
    expect(root.querySelector('#e-CNT_CHILDREN')?.textContent).toContain('must be at most 30');
    expect(root.querySelector('.form-errors')?.textContent).not.toContain('CNT_FAM_MEMBERS');
    expect((root.querySelector('button[type="submit"]') as HTMLButtonElement).disabled).toBe(false);
  });

  it('says why when the refusal names no field', async () => {
    const root = page();
    answers.push(Promise.resolve({ status: 503, body: { error: 'Kafka is unavailable' } }));
    click(root);
    await settle();
    expect(root.querySelector('.form-errors')?.textContent).toBe('The application was not accepted: Kafka is unavailable');
  });
});
