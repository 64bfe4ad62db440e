import { describe, expect, it } from 'vitest';
import { daysToYears, distanceToThreshold, escapeHtml, waterfall, yearsToDays } from './format';
import { dictionaries } from './i18n';

describe('waterfall', () => {
  it('runs from the base value through every contribution to the log-odds', () => {
    const top = [
      { feature: 'A', description: '', value: 1, typicalValue: null, contribution: 0.5 },
      { feature: 'B', description: '', value: 2, typicalValue: null, contribution: -0.2 },
    ];
    const bars = waterfall(-2, top, 0.1, 'others');
    expect(bars.map((b) => b.label)).toEqual(['A', 'B', 'others']);
    expect(bars[0]).toEqual({ label: 'A', start: -2, end: -1.5, delta: 0.5 });
    expect(bars[1].start).toBe(-1.5);
    expect(bars[2].end).toBeCloseTo(-1.6, 12);
  });
  it('leaves out an empty rest', () => {
    expect(waterfall(0, [], 0, 'others')).toEqual([]);
  });
});

describe('threshold distance', () => {
  it('in percentage points, with the side', () => {
    expect(distanceToThreshold(0.3, 0.5)).toEqual({ points: 20, refused: false });
    expect(distanceToThreshold(0.5, 0.5)).toEqual({ points: 0, refused: true });
  });
});

describe('days and years', () => {
  it('converts Kaggle day counts', () => {
    expect(daysToYears(-3650)).toBe(9);
    expect(daysToYears(365243)).toBeNull();
    expect(yearsToDays(2)).toBe(-731);
  });
});

describe('texts', () => {
  it('has every key in both languages, none empty', () => {
    const en = Object.keys(dictionaries.en).sort();
    expect(Object.keys(dictionaries.fr).sort()).toEqual(en);
    for (const l of ['en', 'fr'] as const) for (const k of en) expect(dictionaries[l][k as keyof typeof dictionaries.en]).not.toBe('');
  });
  it('escapes HTML', () => {
    expect(escapeHtml('<b a="1">&')).toBe('&lt;b a=&quot;1&quot;&gt;&amp;');
  });
});
