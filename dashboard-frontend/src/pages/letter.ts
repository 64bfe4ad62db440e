// The letter to the client about a decision (GET api/clients/{id}/letter): links on the client
// file that open it, as PDF to print or send, or as a web page, in the page's language.
import { DecisionSummary } from '../api-types';
import { escapeHtml as h } from '../format';
import { lang, t } from '../i18n';

/**
 * Links to the letter, for a decision the explainer explained (the letter rests on its
 * explanation: the server answers 404 for any other); empty otherwise.
 */
export function letterLinks(clientId: string, d: DecisionSummary | null | undefined): string {
  if (!d || d.verification !== 'EXPLAINED') return '';
  const base = `api/clients/${encodeURIComponent(clientId)}/letter?lang=${lang()}`;
  return `<p class="letter"><a class="button" id="letter-pdf" href="${h(base)}&amp;format=pdf" target="_blank" rel="noopener">${h(t('letterPdf'))}</a>
  <a id="letter-html" href="${h(base)}&amp;format=html" target="_blank" rel="noopener">${h(t('letterHtml'))}</a></p>`;
}
