import { describe, expect, it, vi } from 'vitest';
import { daysToYears, distanceToThreshold, distributionSummary, DistributionData, escapeHtml, familyWaterfall, FamilyContribution, fixed, hasOutcomes, logit, sigmoid, time, waterfall, yearsToDays } from './format';
import { dictionaries, loadWords, setLang, valueLabel } from './i18n';

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
  it('names the bars by their label when the server sends one', () => {
    const top = [{ feature: 'EXT_SOURCE_2', label: 'External score 2', description: '', value: 1, typicalValue: null, contribution: 0.5 }];
    expect(waterfall(0, top, 0, 'others')[0].label).toBe('External score 2');
  });
  it('leaves out an empty rest', () => {
    expect(waterfall(0, [], 0, 'others')).toEqual([]);
  });
});

describe('waterfall by reason family', () => {
  const feature = (name: string, contribution: number, valueText: string) => ({ feature: name, label: name, description: '', value: 0, typicalValue: null, valueText, typicalText: null, contribution });
  const families: FamilyContribution[] = [
    { code: 'EXTERNAL_SCORES', label: 'External credit scores', contribution: 0.8, valueText: 'External score 2: 0.19 (typical 0.56)', features: [feature('EXT_SOURCE_2', 0.6, '0.19'), feature('EXT_SOURCE_3', 0.3, '0.40')], otherFeatures: -0.1 },
    { code: 'INCOME', label: 'Income', contribution: -0.3, valueText: 'Income: 250,000 (typical 150,000)', features: [feature('AMT_INCOME_TOTAL', -0.3, '250,000')], otherFeatures: 0 },
  ];
  const base = logit(0.08);

  it('runs in probability from the average applicant to the client, each bar in percentage points', () => {
    const bars = familyWaterfall(base, families, 0.05, 'All other families', 'Other features', new Set());
    expect(bars.map((b) => b.label)).toEqual(['External credit scores', 'Income', 'All other families']);
    expect(bars[0].start).toBeCloseTo(0.08, 12);
    expect(bars[0].end).toBeCloseTo(sigmoid(base + 0.8), 12);
    // The label's unit is the axis's: percentage points of probability, not log-odds.
    expect(bars[0].points).toBeCloseTo((sigmoid(base + 0.8) - 0.08) * 100, 10);
    expect(bars[0].logOdds).toBe(0.8);
    expect(bars[1].start).toBe(bars[0].end);
    expect(bars[1].points).toBeLessThan(0);
    // The last bar ends where the client's probability is: sigmoid(base + every contribution).
    expect(bars[2].end).toBeCloseTo(sigmoid(base + 0.8 - 0.3 + 0.05), 12);
    expect(bars[2].kind).toBe('rest');
    // Each family bar carries the client's value.
    expect(bars[0].valueText).toBe('External score 2: 0.19 (typical 0.56)');
  });

  it('expands a family into its features over the same span, the family\u2019s rest included', () => {
    const bars = familyWaterfall(base, families, 0, 'rest', 'Other features', new Set(['EXTERNAL_SCORES']));
    expect(bars.map((b) => [b.kind, b.label])).toEqual([
      ['family', 'External credit scores'],
      ['feature', 'EXT_SOURCE_2'],
      ['feature', 'EXT_SOURCE_3'],
      ['feature', 'Other features'],
      ['family', 'Income'],
    ]);
    expect(bars[0].expanded).toBe(true);
    expect(bars[1].start).toBe(bars[0].start);
    expect(bars[3].end).toBeCloseTo(bars[0].end, 12);
    expect(bars[1].valueText).toBe('0.19');
    expect(bars[4].start).toBe(bars[0].end);
  });

  it('leaves out an empty rest', () => {
    expect(familyWaterfall(0, [], 0, 'rest', 'o', new Set())).toEqual([]);
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
  it('has French that is not the English left in place', () => {
    // Words that are the same in both languages; any other French text equal to its English one is
    // an English text a French page would show.
    const same = new Set(['auc', 'client', 'distance', 'xAxis', 'yAxis', 'navClient', 'method_jensenshannon', 'points', 'exclAuc', 'presenceSource']);
    const untranslated = (Object.keys(dictionaries.en) as (keyof typeof dictionaries.en)[]).filter((k) => !same.has(k) && dictionaries.fr[k] === dictionaries.en[k]);
    expect(untranslated).toEqual([]);
  });
  it('escapes HTML', () => {
    expect(escapeHtml('<b a="1">&')).toBe('&lt;b a=&quot;1&quot;&gt;&amp;');
  });
});

describe('log-odds', () => {
  it('sigmoid and logit are inverse', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(logit(0.074))).toBeCloseTo(0.074, 12);
  });
});

describe('numbers and times', () => {
  it('keeps trailing zeros of metrics', () => {
    setLang('en');
    expect(fixed(0.7, 3)).toBe('0.700');
    setLang('fr');
    expect(fixed(0.7, 3)).toBe('0,700');
    setLang('en');
  });
  it('shows the date of a decision, of today too', () => {
    setLang('en');
    const now = new Date(2026, 10, 23, 22, 0, 0);
    expect(time(new Date(2026, 10, 23, 9, 5, 7).toISOString(), now)).toBe('23 Nov 09:05:07');
    expect(time(new Date(2026, 0, 15, 10, 0, 0).toISOString(), now)).toBe('15 Jan 10:00:00');
    expect(time(new Date(2025, 0, 15, 10, 0, 0).toISOString(), now)).toBe('15 Jan 2025 10:00:00');
  });
  it('words coded values in the page language', async () => {
    // The words come from the server (GET /api/words; FeatureWordsTest pins them there).
    const served: Record<string, unknown> = {
      fr: { fields: {}, values: { FLAG_OWN_CAR: { Y: 'Oui' }, NAME_INCOME_TYPE: { Pensioner: 'Retrait\u00e9' } } },
      en: { fields: {}, values: { CODE_GENDER: { F: 'Female' } } },
    };
    vi.stubGlobal('fetch', async (url: string) => ({ ok: true, status: 200, json: async () => served[url.endsWith('fr') ? 'fr' : 'en'] }));
    await loadWords('fr');
    await loadWords('en');
    vi.unstubAllGlobals();
    setLang('fr');
    expect(valueLabel('FLAG_OWN_CAR', 'Y')).toBe('Oui');
    expect(valueLabel('NAME_INCOME_TYPE', 'Pensioner')).toBe('Retrait\u00e9');
    expect(valueLabel('ORGANIZATION_TYPE', 'Business Entity Type 3')).toBe('Business Entity Type 3');
    setLang('en');
    expect(valueLabel('CODE_GENDER', 'F')).toBe('Female');
  });
});

describe('distribution summary', () => {
  const base: DistributionData = {
    feature: 'EXT_SOURCE_2', label: 'External score 2', description: '', clientValue: 0.72, clientValueText: '0.72', clientBin: 2,
    binEdges: [0.3, 0.6], binLabels: ['0 \u2013 0.3', '0.3 \u2013 0.6', '0.6 \u2013 0.85'], reference: [0.3, 0.4, 0.3],
    granted: [1, 2, 3], refused: [3, 2, 1],
    defaulters: { count: 10, missing: 0, shares: [0.6, 0.3, 0.1] }, others: { count: 90, missing: 1, shares: [0.27, 0.41, 0.32] },
  };
  it('says which share of each outcome falls in the client\u2019s range', () => {
    setLang('en');
    expect(hasOutcomes(base)).toBe(true);
    const s = distributionSummary(base);
    expect(s).toContain('External score 2 of this client: 0.72 (range 0.6 \u2013 0.85).');
    expect(s).toContain('10% of the clients who defaulted and 32% of those who repaid');
    expect(s).toContain('under-represented');
    expect(distributionSummary({ ...base, clientBin: 0 })).toContain('over-represented');
  });
  it('falls back to the dashboard\u2019s clients without the split, and says when there is no value', () => {
    setLang('en');
    const old = { ...base, defaulters: null, others: null };
    expect(hasOutcomes(old)).toBe(false);
    expect(distributionSummary(old)).toContain('3 granted and 1 refused');
    expect(distributionSummary({ ...base, clientBin: null, clientValue: null })).toBe('This client has no value for External score 2.');
  });
  it('speaks French', () => {
    setLang('fr');
    expect(distributionSummary(base)).toContain('des clients en d\u00e9faut');
    setLang('en');
  });
});
