import { describe, expect, it } from 'vitest';
import { filterFeatures, fold } from './feature-picker';
import { gaugeScale, money, time } from './format';
import { setLang } from './i18n';
// Imported here, not inside the test: transforming the page on first import took over the
// test's 5 s on a loaded machine (seen at load 10 while a chaos run shared the 2 cores).
import { entryHtml } from './pages/timeline';

describe('the client file as advisors read it (issue 18)', () => {
  it('shows the date with the time, even of a decision made today', () => {
    setLang('en');
    const now = new Date(2026, 10, 23, 22, 0, 0);
    expect(time(new Date(2026, 10, 23, 9, 5, 7).toISOString(), now)).toBe('23 Nov 09:05:07');
    setLang('fr');
    expect(time(new Date(2026, 10, 23, 9, 5, 7).toISOString(), now)).toBe('23 nov. 09:05:07');
    setLang('en');
  });
  it('marks amounts as money, with the sign where the language puts it', () => {
    setLang('en');
    expect(money(180000)).toBe('\u00a4180,000');
    setLang('fr');
    expect(money(180000).replace(/\s/g, ' ')).toBe('180 000 \u00a4');
    setLang('en');
    expect(money(null)).toBe('\u2014');
  });
  it('draws the gauge on a fixed scale with the threshold and the review band', () => {
    const plain = gaugeScale(0.12);
    expect(plain.max).toBe(100);
    expect(plain.tick).toBeCloseTo(12, 10);
    expect(plain.stops).toEqual([
      { to: 0.12, kind: 'granted' },
      { to: 1, kind: 'refused' },
    ]);
    // The same scale for a client far above: it does not move with the client.
    expect(gaugeScale(0.5).max).toBe(100);
    const band = gaugeScale(0.12, { low: 0.09, high: 0.15 });
    expect(band.stops.map((s) => s.kind)).toEqual(['granted', 'review', 'refused']);
    expect(band.stops[0].to).toBeCloseTo(0.09, 10);
    expect(band.stops[1].to).toBeCloseTo(0.15, 10);
    expect(band.tick).toBeCloseTo(12, 10);
  });
});

describe('the searchable feature picker', () => {
  const features = [
    { name: 'EXT_SOURCE_2', label: 'External score 2' },
    { name: 'EXT_SOURCE_3', label: 'External score 3' },
    { name: 'AMT_CREDIT', label: 'Credit amount' },
    { name: 'BURO_DAYS_CREDIT_MEAN', label: '\u00c2ge moyen des cr\u00e9dits' },
    { name: 'DAYS_BIRTH', label: 'Age' },
  ];
  it('finds by label or column name, without case or accents', () => {
    expect(filterFeatures(features, 'score').map((f) => f.name)).toEqual(['EXT_SOURCE_2', 'EXT_SOURCE_3']);
    expect(filterFeatures(features, 'amt_cr').map((f) => f.name)).toEqual(['AMT_CREDIT']);
    expect(filterFeatures(features, 'credits').map((f) => f.name)).toEqual(['BURO_DAYS_CREDIT_MEAN']);
    expect(filterFeatures(features, 'age moyen').map((f) => f.name)).toEqual(['BURO_DAYS_CREDIT_MEAN']);
    expect(fold('\u00c9pargne')).toBe('epargne');
  });
  it('puts labels that start with the query first, keeps the current choice and bounds the list', () => {
    const two = [
      { name: 'B', label: 'Âge moyen des crédits' },
      { name: 'A', label: 'Crédit demandé' },
    ];
    expect(filterFeatures(two, 'credit').map((f) => f.name)).toEqual(['A', 'B']);
    expect(filterFeatures(features, 'score', 200, 'AMT_CREDIT').map((f) => f.name)).toEqual(['AMT_CREDIT', 'EXT_SOURCE_2', 'EXT_SOURCE_3']);
    expect(filterFeatures(features, '', 2)).toHaveLength(2);
    expect(filterFeatures(features, '')).toHaveLength(features.length);
    expect(filterFeatures(features, 'nothing like it')).toEqual([]);
  });
});

describe('the timeline in words', () => {
  it('dates every entry and says who overrode, why, from what to what', () => {
    setLang('en');
    const html = entryHtml({
      kind: 'OVERRIDE',
      at: '2026-03-02T08:40:00Z',
      application_id: 'app-1',
      application: null,
      decision: null,
      reasons: null,
      override: {
        sequence: 0,
        override_id: 'o',
        action: 'OVERRIDE',
        decision_id: 'd',
        from_decision: 'REFUSED',
        to_decision: 'GRANTED',
        category: 'INCOME_VERIFIED',
        reason: 'Payslips <checked>',
        actor: 'supervisor',
        actor_role: 'SUPERVISOR',
        model_version: 'v',
        probability: 0.3,
      },
      defaulted: null,
    });
    expect(html).toContain('2026');
    expect(html).toContain('Decision overridden');
    expect(html).toContain('by supervisor (SUPERVISOR)');
    expect(html).toContain('Income verified');
    expect(html).toContain('Payslips &lt;checked&gt;');
    expect(html).toMatch(/Refused.*\u2192.*Granted/s);
    setLang('fr');
    const fr = entryHtml({ kind: 'OUTCOME', at: '2026-07-02T08:40:00Z', application_id: null, application: null, decision: null, reasons: null, override: null, defaulted: true });
    expect(fr).toContain('Issue du pr\u00eat');
    expect(fr).toContain('Difficult\u00e9s de paiement');
    expect(fr).toContain('2026');
    setLang('en');
  });
});
