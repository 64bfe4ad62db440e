import { describe, expect, it } from 'vitest';
import { dictionaries, setLang } from '../i18n';
import { attributeName, exclusionHtml, fairnessTable, FairnessRow, flaggedSummary, groupName } from './fairness';
import { alertText, fairnessHtml, Latest } from './monitoring';

const row = (attribute: string, group: string, label: string | null, approval: number | null, impact: number | null, flag: boolean): FairnessRow => ({
  attribute, group, group_label: label, decisions: 1234, approval_rate: approval, outcomes_known: 600, default_rate: 0.081,
  true_positive_rate: 0.42, false_positive_rate: null, disparate_impact: impact, four_fifths_flag: flag,
});

const rows = [row('gender', 'F', 'Femme', 0.9, 1, false), row('family_status', 'Separated', 'S\u00e9par\u00e9(e)', 0.66, 0.733, true), row('age_band', 'other', 'other', null, null, false)];

const table = (html: string) => {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div.querySelector('table') as HTMLTableElement;
};

describe('fairness table', () => {
  it('has a row per group under its attribute, with every figure, the flagged group marked', () => {
    setLang('fr');
    const tb = table(fairnessTable(rows, 'x'));
    expect(tb.id).toBe('x');
    expect(tb.classList.contains('labelled')).toBe(true); // a card per group at 390 px
    // Each figure says its column, in the page's language, for the card.
    const labels = [...tb.querySelectorAll('tbody tr:not(.attribute)')][0].querySelectorAll('td');
    expect([...labels].map((td) => td.dataset.label)).toEqual([
      'D\u00e9cisions', 'Taux d\u2019acceptation', 'Taux de d\u00e9faut', tb.querySelector('thead abbr')!.getAttribute('title'),
      tb.querySelectorAll('thead abbr')[1].getAttribute('title'), 'Impact disproportionn\u00e9', 'R\u00e8gle des quatre cinqui\u00e8mes',
    ]);
    expect(tb.getAttribute('aria-describedby')).toBe('x-about');
    const head = [...tb.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(head).toEqual(['Groupe', 'D\u00e9cisions', 'Taux d\u2019acceptation', 'Taux de d\u00e9faut', 'TVP', 'TFP', 'Impact disproportionn\u00e9', 'R\u00e8gle des quatre cinqui\u00e8mes']);
    const groups = [...tb.querySelectorAll('tbody')].map((b) => b.querySelector('tr.attribute th')!.textContent);
    expect(groups).toEqual(['Genre', 'Situation familiale', 'Tranche d\u2019\u00e2ge']);
    const separated = tb.querySelectorAll('tbody')[1].querySelectorAll('tr')[1];
    const cells = [...separated.children].map((c) => c.textContent!.trim());
    expect(cells).toEqual(['S\u00e9par\u00e9(e)', '1\u202f234', '66,0\u00a0%', '8,1\u00a0%', '42,0\u00a0%', '\u2014', '0,73', '\u26a0 Signal\u00e9']);
    expect(separated.classList.contains('flagged')).toBe(true);
    expect(tb.querySelectorAll('tr.flagged')).toHaveLength(1);
    // No ratio (no approval known): neither flagged nor met.
    expect(tb.querySelectorAll('tbody')[2].querySelectorAll('tr')[1].lastElementChild!.textContent).toBe('\u2014');
    expect(groupName(rows[2])).toBe('Autres valeurs');
    setLang('en');
    expect(table(fairnessTable(rows, 'x')).querySelector('tbody th')!.textContent).toBe('Gender');
    expect(flaggedSummary(rows)).toBe('Groups flagged by the four-fifths rule: 1 of 3.');
  });
  it('names every attribute in both languages, an unknown one as it is', () => {
    for (const lang of ['en', 'fr'] as const) {
      setLang(lang);
      for (const a of ['gender', 'age_band', 'family_status']) expect(attributeName(a)).not.toBe(a);
    }
    expect(attributeName('religion')).toBe('religion');
    setLang('en');
  });
  it('escapes what the data says', () => {
    setLang('en');
    const html = fairnessTable([row('gender', '<b>x</b>', '<b>x</b>', 0.5, 1, false)], 'x');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});

describe('exclusion comparison', () => {
  const comparison = {
    folds: 5, seed: 42,
    with_excluded: { auc: 0.7612, auc_std: 0.012, cost: 1510 },
    without_excluded: { auc: 0.7571, auc_std: 0.011, cost: 1523 },
  };
  it('shows the excluded columns and both models on the same folds', () => {
    setLang('en');
    const div = document.createElement('div');
    div.innerHTML = exclusionHtml(comparison, { protected: ['CODE_GENDER', 'NAME_FAMILY_STATUS'], non_actionable: ['WEEKDAY_APPR_PROCESS_START'] });
    expect(div.querySelector('dl')!.textContent).toContain('CODE_GENDER');
    expect(div.querySelector('dl')!.textContent).toContain('WEEKDAY_APPR_PROCESS_START');
    const body = [...div.querySelectorAll('#excl-comparison tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(body).toEqual([
      ['With these columns', '0.761 \u00b1 0.012', '1,510'],
      ['Without them (the model used)', '0.757 \u00b1 0.011', '1,523'],
    ]);
    expect(div.querySelector('caption')!.textContent).toContain('same 5 folds (seed 42)');
  });
  it('says so for a bundle that does not carry them', () => {
    setLang('fr');
    expect(exclusionHtml(null, null)).toContain(dictionaries.fr.exclMissing.slice(0, 20));
    setLang('en');
  });
});

describe('monitoring page fairness', () => {
  const latest = { fairness: [] } as unknown as Latest;
  it('says when no group is known yet, else the table', () => {
    setLang('en');
    expect(fairnessHtml(latest)).toContain('No group yet');
    expect(fairnessHtml({ ...latest, fairness: rows })).toContain('id="mon-fairness"');
  });
  it('words the fairness alert', () => {
    setLang('fr');
    const text = alertText({ modelVersion: 'v', raisedAt: '2026-01-15T10:00:00Z', kind: 'FAIRNESS', value: 0.667, threshold: 0.8, message: 'm' });
    expect(text).toBe('Le taux d\u2019acceptation d\u2019un groupe vaut 0,67 fois celui du meilleur groupe, sous 0,8 (la r\u00e8gle des quatre cinqui\u00e8mes), au-del\u00e0 du hasard.');
    setLang('en');
  });
});
