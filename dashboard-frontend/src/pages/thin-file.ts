// The model page's thin-file section (issue 21): the model card's "thin_file" figures, AUC ± spread
// and business cost of the full model, each thin-file candidate and the application-only baseline
// on history-known and history-hidden folds (the card's own JSON, shown as it is).
import { escapeHtml as h, fixed, number, percent } from '../format';
import { t } from '../i18n';

/** One cross-validated configuration of the card (ModelCard.CvFigures). */
interface Figures {
  auc: number;
  auc_std: number;
  cost: number;
}

/** The card's thin_file section, as far as the page reads it. */
interface ThinFileSection {
  chosen: string;
  threshold: number;
  gain_over_baseline: number;
  baseline_gain_spread: number;
  why: string;
  history_known: { full_model: Figures; baseline: Figures };
  history_hidden: { full_model: Figures; candidates: Record<string, Figures>; baseline: Figures };
}

const row = (name: string, known: Figures | null, hidden: Figures, chosen = false) =>
  `<tr${chosen ? ' class="chosen"' : ''}><th scope="row">${h(name)}${chosen ? ` (${h(t('thinChosen'))})` : ''}</th>
  <td class="num">${known ? `${fixed(known.auc, 3)} \u00b1 ${fixed(known.auc_std, 3)}` : '\u2014'}</td>
  <td class="num">${fixed(hidden.auc, 3)} \u00b1 ${fixed(hidden.auc_std, 3)}</td><td class="num">${number(hidden.cost, 0)}</td></tr>`;

/** The section, or a sentence when the bundle has no thin-file model. */
export function thinFileHtml(card: Record<string, unknown>): string {
  const s = card.thin_file as ThinFileSection | undefined;
  if (!s || !s.history_hidden) return `<p id="thin-missing">${h(t('thinMissing'))}</p>`;
  const candidates = Object.entries(s.history_hidden.candidates)
    .map(([name, f]) => row(t('thinCandidate', { name }), null, f, name === s.chosen))
    .join('');
  return `<p class="muted">${h(t('thinIntro'))}</p>
  <table class="data" id="thin-table"><thead><tr><th scope="col">${h(t('thinModel'))}</th><th scope="col">${h(t('thinKnown'))}</th><th scope="col">${h(t('thinHidden'))}</th><th scope="col">${h(t('thinCost'))}</th></tr></thead><tbody>
  ${row(t('thinFull'), s.history_known.full_model, s.history_hidden.full_model)}${candidates}${row(t('baseline'), s.history_known.baseline, s.history_hidden.baseline)}
  </tbody></table>
  <p id="thin-gain">${h(t('thinGain', { gain: fixed(s.gain_over_baseline, 4), spread: fixed(s.baseline_gain_spread, 4), threshold: percent(s.threshold) }))}</p>`;
}
