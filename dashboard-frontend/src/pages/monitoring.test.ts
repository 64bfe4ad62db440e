import { describe, expect, it } from 'vitest';
import { setLang } from '../i18n';
import { Alert, alertText, Latest, methodName, SeriesPoint, seriesAlts, verdict } from './monitoring';

const latest: Latest = {
  modelVersion: 'abc', computedAt: '2026-01-15T10:00:00Z', windowDecisions: 1000, datasetDrift: true, driftedShare: 0.55,
  featuresCompared: 40, featuresDrifted: 22, features: [], scorePsi: 0.274, scoreDrift: true, approvalRate: 0.6, referenceApprovalRate: 0.72,
  outcomesKnown: 200, realisedAuc: 0.7412, realisedCost: 150, realisedDefaultRate: 0.09, realisedAucLow: 0.7, realisedAucHigh: 0.78, fairness: [],
};

describe('verdict', () => {
  it('says each part in words, with the numbers behind it', () => {
    setLang('en');
    const v = verdict(latest);
    expect(v.map((i) => i.concern)).toEqual([true, true, true, null]);
    expect(v[0].value).toBe('Yes');
    expect(v[0].text).toBe('22 of 40 features (55.0%) differ from the training population: the data set has drifted.');
    expect(v[1].text).toContain('PSI 0.274');
    expect(v[2].text).toBe('60.0% of the window\u2019s applications granted, against 72.0% expected from training (\u221212 points).');
    expect(v[3].text).toBe('AUC 0.741 over 200 decisions whose outcome is known; business cost 150 (0.75 per decision); 9.0% defaulted. 90% interval of the AUC: 0.700 to 0.780.');
  });
  it('compares the realised AUC\u2019s interval with the cross-validated one', () => {
    setLang('en');
    expect(verdict(latest, 0.76)[3].concern).toBe(false);
    expect(verdict(latest, 0.76)[3].text).toContain('Cross-validated in training: 0.760.');
    // Floor 0.75: the point 0.741 is below it, the interval up to 0.78 is not: no concern yet.
    expect(verdict(latest, 0.8)[3].concern).toBe(false);
    // Floor 0.80: the whole interval is below it.
    expect(verdict(latest, 0.85)[3].concern).toBe(true);
    expect(verdict({ ...latest, realisedAucLow: null, realisedAucHigh: null }, 0.85)[3].concern).toBeNull();
  });
  it('says when nothing can be compared yet, and when no outcome is known', () => {
    setLang('en');
    const v = verdict({ ...latest, featuresCompared: 0, features: [], scorePsi: null, approvalRate: null, windowDecisions: 12, outcomesKnown: 0, realisedAuc: null, realisedCost: null, realisedAucLow: null, realisedAucHigh: null });
    expect(v.map((i) => i.concern)).toEqual([null, null, null, null]);
    expect(v[0].text).toContain('Too few decisions in the window (12)');
    expect(v[3].text).toContain('No outcome known yet');
  });
  it('speaks French', () => {
    setLang('fr');
    const v = verdict({ ...latest, datasetDrift: false, driftedShare: 0.1, featuresDrifted: 4 });
    expect(v[0].value).toBe('Non');
    expect(v[0].text).toContain('4 variables sur 40');
    expect(v[2].text).toContain('attendus');
    setLang('en');
  });
});

describe('alerts and methods', () => {
  const alert = (kind: Alert['kind'], value: number, threshold: number): Alert => ({ modelVersion: 'v', raisedAt: '2026-01-15T10:00:00Z', kind, value, threshold, message: 'm' });
  it('words each kind from its value and threshold', () => {
    setLang('en');
    expect(alertText(alert('DATASET_DRIFT', 0.6, 0.5))).toBe('60.0% of the features drift (the data set drifts from 50%).');
    expect(alertText(alert('SCORE_DRIFT', 0.31, 0.2))).toContain('PSI of 0.310');
    expect(alertText(alert('APPROVAL_RATE', 0.55, 0.1))).toBe('Approval rate 55.0%, more than 10 points away from the rate expected from training.');
    expect(alertText(alert('PERFORMANCE', 0.64, 0.7))).toBe('Realised AUC 0.640, below 0.700.');
    setLang('fr');
    expect(alertText(alert('PERFORMANCE', 0.64, 0.7))).toBe('AUC r\u00e9alis\u00e9e 0,640, sous 0,700.');
    expect(methodName('wasserstein')).toBe('Wasserstein normalis\u00e9e');
    setLang('en');
    expect(methodName('jensenshannon')).toBe('Jensen\u2013Shannon');
    expect(methodName('other')).toBe('other');
  });
});

describe('chart text alternatives', () => {
  const p = (at: string, share: number, approval: number | null, auc: number | null, known: number): SeriesPoint => ({
    modelVersion: 'v', computedAt: at, windowDecisions: 1000, datasetDrift: share >= 0.5, driftedShare: share, scorePsi: 0.1, scoreDrift: false,
    approvalRate: approval, referenceApprovalRate: 0.7, realisedAuc: auc, outcomesKnown: known,
  });
  it('give the latest, the extremes and the reference', () => {
    setLang('en');
    const alts = seriesAlts([p('2026-01-15T10:00:00Z', 0.1, 0.68, null, 0), p('2026-01-15T10:01:00Z', 0.6, 0.52, 0.71, 150)], 0.75);
    expect(alts.drift).toContain('over 2 snapshots');
    expect(alts.drift).toContain('latest 60.0%, highest 60.0%');
    expect(alts.approval).toContain('latest 52.0%, lowest 52.0%, highest 68.0%; expected from training 70.0%');
    expect(alts.auc).toContain('latest 0.710 over 150 known outcomes; cross-validated in training 0.750');
    expect(seriesAlts([p('2026-01-15T10:00:00Z', 0.1, 0.68, null, 0)], 0.75).auc).toBe('No realised AUC yet: too few outcomes known.');
  });
});
