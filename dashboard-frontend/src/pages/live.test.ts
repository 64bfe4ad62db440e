import { describe, expect, it } from 'vitest';
import { DecisionSummary } from '../api-types';
import { setLang } from '../i18n';
import { decisionRow, filterQuery, filtered, pageCount, showing } from './live';

const d = (id: string, clientId: string): DecisionSummary => ({
  applicationId: id, clientId, displayName: 'Anna Roux', probability: 0.123, decision: 'REFUSED', threshold: 0.1,
  decidedAt: '2026-03-04T09:05:07Z', explained: true, verification: 'EXPLAINED', rejection: null, historyMissing: [], decisionId: 'x', modelVersion: 'v',
  history_presence: [], scoring_model: '', scoring_model_reason: '', review_low: null, review_high: null,
});

describe('the Live list', () => {
  it('asks the server for what is filtered only', () => {
    expect(filterQuery({ decision: '', band: '', review: '' })).toBe('');
    expect(filterQuery({ decision: 'REVIEW', band: 'very_high', review: '' })).toBe('decision=REVIEW&band=very_high');
    expect(filtered({ decision: '', band: '', review: 'pending' })).toBe(true);
    expect(filtered({ decision: '', band: '', review: '' })).toBe(false);
  });
  it('says which decisions of how many, in both languages', () => {
    setLang('en');
    const items = [d('a', '1'), d('b', '2')];
    expect(showing({ items, total: 1234, page: 2, size: 25 })).toBe('Decisions 51 to 52 of 1,234, newest first');
    expect(showing({ items: [], total: 0, page: 0, size: 25 })).toBe('No decision matches these filters.');
    setLang('fr');
    expect(showing({ items, total: 1234, page: 2, size: 25 }).replace(/\s/g, ' ')).toBe('D\u00e9cisions 51 \u00e0 52 sur 1 234, les plus r\u00e9centes d\u2019abord');
    setLang('en');
  });
  it('counts pages, one at least', () => {
    expect(pageCount(0, 25)).toBe(1);
    expect(pageCount(25, 25)).toBe(1);
    expect(pageCount(26, 25)).toBe(2);
  });
  it('shows a client id above 2^53 whole, in the link and the text, each cell named for a card', () => {
    setLang('en');
    const row = decisionRow(d('a', '9007199254740993'));
    expect(row).toContain('href="#/client/9007199254740993"');
    expect(row).toContain('#9007199254740993');
    expect(row).not.toContain('9007199254740992');
    expect(row).toContain('data-label="Risk of default"');
    // The time has its date.
    expect(row).toMatch(/4 Mar(?: 2026)? \d\d:\d\d:\d\d/);
    setLang('fr');
    expect(decisionRow(d('a', '1'))).toContain('data-label="Risque de d\u00e9faut"');
    setLang('en');
  });
  it('escapes what it is given', () => {
    const row = decisionRow({ ...d('a', '1'), displayName: '<b>x</b>' });
    expect(row).not.toContain('<b>x</b>');
  });
});
