import { describe, expect, it } from 'vitest';
import { ClientFile } from '../api-types';
import { setLang } from '../i18n';
import { pathHtml } from './client';
import { whatIfArgument } from './whatif';

const file = (counterfactual: ClientFile['counterfactual']) => ({ clientId: '100002', counterfactual }) as unknown as ClientFile;

describe('path to approval', () => {
  it('links a path found to What-if with its changes, which What-if reads back', () => {
    setLang('en');
    const html = pathHtml(
      file({
        found: true,
        changes: { AMT_CREDIT: 180000, AMT_ANNUITY: 9000.5 },
        asked: { AMT_CREDIT: 250000, AMT_ANNUITY: 12500 },
        probability: 0.079,
        target: 0.1,
        text: 'Borrow 180,000 instead of 250,000: risk 7.9% instead of 12.4%.',
      }),
    );
    expect(html).toContain('Path to approval');
    expect(html).toContain('Borrow 180,000 instead of 250,000');
    const href = /href="#\/what-if\/([^"]+)"/.exec(html)![1].replace(/&amp;/g, '&');
    expect(whatIfArgument(decodeURIComponent(href))).toEqual({ id: '100002', prefill: { AMT_CREDIT: '180000', AMT_ANNUITY: '9000.5' } });
  });

  it('says when no change would be enough, with no link, in French too', () => {
    setLang('fr');
    const html = pathHtml(
      file({ found: false, changes: {}, asked: {}, probability: 0.3, target: 0.1, text: 'Aucune modification du prêt ne suffirait.' }),
    );
    expect(html).toContain('Chemin vers l\u2019accord');
    expect(html).toContain('Aucune modification du prêt ne suffirait.');
    expect(html).not.toContain('what-if');
    expect(pathHtml(file(null))).toBe('');
  });

  it('reads a plain client id as before', () => {
    expect(whatIfArgument('100002')).toEqual({ id: '100002', prefill: {} });
    expect(whatIfArgument(undefined)).toEqual({ id: undefined, prefill: {} });
  });
});
