// A page's request answered after the advisor left the page must not draw into the next one: the
// browser test saw "Cannot set properties of null (setting 'innerHTML')" from such an answer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLang } from '../i18n';
import { modelPage } from './model';
import { monitoringPage } from './monitoring';

vi.mock('../charts', () => ({ importanceChart: () => undefined, timeChart: () => undefined }));

/** fetch answers only when released, so the test can leave the page first. */
function heldFetch(body: unknown): () => void {
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => {
      await held;
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return release;
}

// Node's process, seen without Node's types (the project's tsconfig has none): unhandled
// rejections are its events, not the window's, under jsdom.
type Listener = (e: unknown) => void;
const node = (globalThis as unknown as { process: { on(event: string, f: Listener): void; off(event: string, f: Listener): void } }).process;
const errors: unknown[] = [];
const onRejection: Listener = (e) => errors.push(e);

afterEach(() => {
  vi.unstubAllGlobals();
  node.off('unhandledRejection', onRejection);
  errors.length = 0;
});

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
}

describe('a page left before its answer came', () => {
  it('monitoring draws nothing into the next page', async () => {
    setLang('en');
    node.on('unhandledRejection', onRejection);
    const root = document.createElement('main');
    const release = heldFetch({ alerts: [], latest: null, series: [] });
    const cleanup = monitoringPage(root);
    cleanup();
    root.innerHTML = '<p id="next">the next page</p>';
    release();
    await settle();
    expect(errors).toEqual([]);
    expect(root.innerHTML).toBe('<p id="next">the next page</p>');
  });

  it('the model page draws nothing into the next page', async () => {
    setLang('en');
    node.on('unhandledRejection', onRejection);
    const root = document.createElement('main');
    const release = heldFetch({ card: {}, threshold: 0.1, importance: [], fairness: [], excluded_columns: [] });
    const cleanup = modelPage(root);
    cleanup();
    root.innerHTML = '<p id="next">the next page</p>';
    release();
    await settle();
    expect(errors).toEqual([]);
    expect(root.innerHTML).toBe('<p id="next">the next page</p>');
  });
});
