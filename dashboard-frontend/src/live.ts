// The live stream: one EventSource shared by the pages. The browser reconnects by itself with
// Last-Event-ID and the server resumes from its ring.
import type { DecisionSummary } from './api-types';

export type { DecisionSummary } from './api-types';

type Listener = (d: DecisionSummary, kind: string) => void;
const listeners = new Set<Listener>();
const statusListeners = new Set<(ok: boolean) => void>();
let source: EventSource | null = null;

export function connect(): void {
  if (source) return;
  source = new EventSource('api/stream');
  const dispatch = (kind: string) => (e: MessageEvent) => {
    const d = JSON.parse(e.data) as DecisionSummary;
    listeners.forEach((l) => l(d, kind));
  };
  source.addEventListener('decision', dispatch('decision'));
  source.addEventListener('explained', dispatch('explained'));
  source.addEventListener('rejected', dispatch('rejected'));
  source.onopen = () => statusListeners.forEach((l) => l(true));
  source.onerror = () => statusListeners.forEach((l) => l(false));
}

/**
 * A stream of its own with a filter (the query of api/stream: decision, band, review), for the
 * Live list while it is filtered; the shared stream stays unfiltered for the other pages and the
 * counters. Returns what closes it.
 */
export function openStream(query: string, l: Listener): () => void {
  const own = new EventSource(`api/stream?${query}`);
  const dispatch = (kind: string) => (e: MessageEvent) => l(JSON.parse(e.data) as DecisionSummary, kind);
  for (const kind of ['decision', 'explained', 'rejected']) own.addEventListener(kind, dispatch(kind));
  return () => own.close();
}

export function onDecision(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function onStatus(l: (ok: boolean) => void): () => void {
  statusListeners.add(l);
  return () => statusListeners.delete(l);
}

/** Keeps the newest decision per application, newest first, at most {@code max}. */
export function upsert(list: DecisionSummary[], d: DecisionSummary, max: number): DecisionSummary[] {
  const rest = list.filter((x) => x.applicationId !== d.applicationId);
  const known = list.find((x) => x.applicationId === d.applicationId);
  // An explanation is not undone by a late plain decision; a rejection always wins.
  const merged = known && known.explained && !d.explained && d.verification !== 'REJECTED' ? known : d;
  return [merged, ...rest].sort((a, b) => b.decidedAt.localeCompare(a.decidedAt)).slice(0, max);
}
