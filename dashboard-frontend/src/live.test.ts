import { expect, it } from 'vitest';
import { DecisionSummary, upsert } from './live';

const d = (id: string, at: string, explained = false, verification: DecisionSummary['verification'] = explained ? 'EXPLAINED' : 'UNVERIFIED'): DecisionSummary => ({
  applicationId: id, clientId: '1', displayName: 'A B', probability: 0.1, decision: 'GRANTED', threshold: 0.5, decidedAt: at, explained,
  verification, rejection: verification === 'REJECTED' ? 'explainer/invariant: off' : null, historyMissing: [], decisionId: '', modelVersion: 'v',
  history_presence: [], scoring_model: '', scoring_model_reason: '', review_low: null, review_high: null,
});

it('keeps one line per application, newest first, bounded', () => {
  let list: DecisionSummary[] = [];
  list = upsert(list, d('a', '2026-01-01T10:00:00Z'), 2);
  list = upsert(list, d('b', '2026-01-01T10:00:01Z'), 2);
  list = upsert(list, d('a', '2026-01-01T10:00:00Z', true), 2);
  expect(list.map((x) => x.applicationId)).toEqual(['b', 'a']);
  expect(list[1].explained).toBe(true);
  // A late plain decision does not hide the explanation already shown.
  list = upsert(list, d('a', '2026-01-01T10:00:00Z', false), 2);
  expect(list[1].explained).toBe(true);
  list = upsert(list, d('c', '2026-01-01T10:00:02Z'), 2);
  expect(list.map((x) => x.applicationId)).toEqual(['c', 'b']);
});

it('a rejection replaces the line, even an explained one', () => {
  let list: DecisionSummary[] = [];
  list = upsert(list, d('a', '2026-01-01T10:00:00Z', true), 5);
  list = upsert(list, d('a', '2026-01-01T10:00:00Z', false, 'REJECTED'), 5);
  expect(list.map((x) => x.verification)).toEqual(['REJECTED']);
});
