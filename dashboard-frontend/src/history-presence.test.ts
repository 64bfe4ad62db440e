import { describe, expect, it } from 'vitest';
import { DecisionSummary } from './api-types';
import { setLang } from './i18n';
import { historyPresenceHtml, thinFileBadge } from './pages/history-presence';

const base: DecisionSummary = {
  applicationId: 'a', clientId: '1', displayName: 'A B', probability: 0.1, decision: 'GRANTED', threshold: 0.5, decidedAt: '2026-01-01T00:00:00Z',
  explained: true, verification: 'EXPLAINED', rejection: null, historyMissing: [], decisionId: '', modelVersion: 'v',
  history_presence: [], scoring_model: '', scoring_model_reason: '', review_low: null, review_high: null,
};

describe('history presence', () => {
  it('tells "reported none" from "not received" and names the thin-file model and why, in both languages', () => {
    const d: DecisionSummary = {
      ...base,
      scoring_model: 'thin_file',
      scoring_model_reason: 'HISTORY_NOT_RECEIVED',
      history_presence: [
        { source: 'bureau', status: 'NOT_RECEIVED', records: 0, announced: 3 },
        { source: 'previous_application', status: 'REPORTED_NONE', records: 0, announced: 0 },
        { source: 'installments_payments', status: 'PARTIAL', records: 2, announced: 5 },
      ],
    };
    setLang('en');
    const en = historyPresenceHtml(d);
    expect(en).toContain('Decided by the thin-file model (application only): history was announced but had not arrived');
    expect(en).toContain('Not received yet');
    expect(en).toContain('Reported none: no history there');
    expect(en).toContain('Partly received (2 of 5)');
    expect(thinFileBadge(d)).toContain('thin file');
    setLang('fr');
    const fr = historyPresenceHtml(d);
    expect(fr).toContain('Pas encore re\u00e7u');
    expect(fr).toContain('Rien \u00e0 transmettre');
    expect(fr).toContain('mod\u00e8le sans historique');
    setLang('en');
  });
  it('shows nothing for a decision written before the scorer recorded it', () => {
    expect(historyPresenceHtml(base)).toBe('');
    expect(thinFileBadge(base)).toBe('');
  });
});
