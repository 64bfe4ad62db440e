import { describe, expect, it } from 'vitest';
import { queueQuery } from './queue';

describe('the review queue query', () => {
  it('sends risks typed in percent as probabilities, and only the filters set', () => {
    expect(queueQuery({ taken: 'all', mine: false, minRisk: '', maxRisk: '', page: 0 })).toBe('size=20&page=0');
    const q = new URLSearchParams(queueQuery({ taken: 'untaken', mine: true, minRisk: '12,5', maxRisk: '40', page: 2 }));
    expect(q.get('taken')).toBe('untaken');
    expect(q.get('mine')).toBe('true');
    expect(q.get('min_risk')).toBe('0.125');
    expect(q.get('max_risk')).toBe('0.4');
    expect(q.get('page')).toBe('2');
  });
});
