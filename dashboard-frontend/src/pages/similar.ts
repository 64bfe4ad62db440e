// The similar clients of a client file: only clients whose loan outcome is known, each with its
// decision, its outcome and the model's most important features side by side with this client's
// (GET /api/clients/{id}/similar). No bare "distance": what makes them similar is shown instead.
import { get } from '../api';
import { Similar } from '../api-types';
import { escapeHtml as h, percent } from '../format';
import { t } from '../i18n';
import { outcomeBadge } from './timeline';

export function similarHtml(list: Similar[]): string {
  if (!list.length) return `<p class="muted">${h(t('simNone'))}</p>`;
  return list
    .map((s) => {
      const outcome =
        s.outcome === 'DEFAULTED' ? `<span class="badge ko">\u2716 ${h(t('tlDefaulted'))}</span>` : `<span class="badge ok">\u2714 ${h(t('tlRepaid'))}</span>`;
      const rows = (s.features ?? [])
        .map((f) => `<tr><th scope="row">${h(f.label || f.feature)}</th><td class="num">${h(f.client)}</td><td class="num">${h(f.other)}</td></tr>`)
        .join('');
      return `<article class="similar-card"><h4><a href="#/client/${h(String(s.clientId))}">${h(s.displayName)}</a> <span class="muted">#${h(String(s.clientId))}</span></h4>
      <p>${outcomeBadge(s.decision)} ${h(t('probability'))} ${h(percent(s.probability))} \u00b7 ${h(t('simOutcome'))}: ${outcome}</p>
      ${rows ? `<table class="data side"><thead><tr><th scope="col">${h(t('simFeature'))}</th><th scope="col">${h(t('simThisClient'))}</th><th scope="col">${h(s.displayName)}</th></tr></thead><tbody>${rows}</tbody></table>` : ''}</article>`;
    })
    .join('');
}

export async function similarSection(el: HTMLElement, clientId: string): Promise<void> {
  const list = await get<Similar[]>(`api/clients/${encodeURIComponent(clientId)}/similar?k=5`);
  el.innerHTML = similarHtml(list);
}
