// Human oversight on the client file: the decision in force (the automatic one until a person
// decides a case in review or a supervisor overrides it), the trail of who did what, and the form
// to decide or override with a category and a reason. The server checks the role and the reason;
// its 400 and 403 messages (in the page's language) are shown by the field they name.
import { ApiError, get, post } from '../api';
import { ClientFile, TrailEntry } from '../api-types';
import { escapeHtml as h, percent, time } from '../format';
import { Key, t } from '../i18n';

/** The reason categories of docs/OVERSIGHT.md, in its order. */
export const CATEGORIES = [
  'INCOME_VERIFIED',
  'ADDITIONAL_DOCUMENTS',
  'HISTORY_NOT_CAPTURED',
  'AFFORDABILITY_CONCERN',
  'FRAUD_SUSPICION',
  'CLIENT_CIRCUMSTANCES',
  'POLICY_EXCEPTION',
  'DATA_ERROR',
  'OTHER',
] as const;

/** The longest reason the server takes. */
export const MAX_REASON = 2000;

/** GRANTED, REFUSED or REVIEW as a badge: a sign and a word, not colour alone. */
export function outcomeBadge(d: string): string {
  if (d === 'REVIEW') return `<span class="badge warn">\u2691 ${h(t('REVIEW'))}</span>`;
  return `<span class="badge ${d === 'GRANTED' ? 'ok' : 'ko'}">${d === 'GRANTED' ? '\u2714' : '\u2716'} ${h(t(d as Key))}</span>`;
}

function entryHtml(e: TrailEntry): string {
  const what =
    e.action === 'TAKE'
      ? h(t('act_TAKE'))
      : e.action === 'NOTE'
        ? h(t('act_NOTE'))
        : `${h(t(`act_${e.action}` as Key))}: ${outcomeBadge(e.from_decision)} \u2192 ${outcomeBadge(e.to_decision)}`;
  const why = e.action === 'TAKE' ? '' : `<br><span class="muted">${h(t(`cat_${e.category}` as Key))}</span> \u2014 ${h(e.reason)}`;
  return `<li><strong>${h(e.actor)}</strong> <span class="muted">(${h(e.actor_role)}, ${h(time(e.at))})</span><br>${what}${why}
  <br><span class="muted hash" title="${h(e.hash)}">#${e.sequence} \u00b7 ${h(t('riskSeen', { p: percent(e.probability) }))}</span></li>`;
}

/** The section's HTML: final decision, trail, and the form. */
export function oversightHtml(f: ClientFile): string {
  const d = f.decision;
  if (!d) return '';
  const final = f.final_decision ?? d.decision;
  const inReview = final === 'REVIEW';
  const trail = f.trail ?? [];
  return `<section class="oversight" aria-labelledby="ov-title"><h3 id="ov-title">${h(t('finalDecisionTitle'))}</h3>
  <p class="decision" id="final-decision">${t('finalDecisionWords', { d: outcomeBadge(final) })}${final !== d.decision ? ` <span class="muted">(${h(t('automaticWas'))} ${outcomeBadge(d.decision)})</span>` : ''}</p>
  <h4>${h(t('trailTitle'))}</h4>
  ${trail.length ? `<ol class="trail" id="trail">${trail.map(entryHtml).join('')}</ol>` : `<p class="muted" id="trail">${h(t('trailEmpty'))}</p>`}
  <details class="decide"${inReview ? ' open' : ''}><summary>${h(t(inReview ? 'decideTitle' : 'overrideTitle'))}</summary>
  ${inReview ? '' : `<p class="muted">${h(t('overrideSupervisorOnly'))}</p>`}
  <form id="ov-form" novalidate>
  <div class="field"><label for="ov-decision">${h(t('decision'))}</label><select id="ov-decision" name="decision">
  ${['GRANTED', 'REFUSED'].map((x) => `<option value="${x}"${x !== final ? '' : ' disabled'}>${h(t(x as Key))}</option>`).join('')}</select>
  <span class="field-error" id="ov-decision-error" role="alert"></span></div>
  <div class="field"><label for="ov-category">${h(t('categoryLabel'))}</label><select id="ov-category" name="category">
  ${CATEGORIES.map((c) => `<option value="${c}">${h(t(`cat_${c}` as Key))}</option>`).join('')}</select>
  <span class="field-error" id="ov-category-error" role="alert"></span></div>
  <div class="field"><label for="ov-reason">${h(t('reasonLabel'))}</label>
  <textarea id="ov-reason" name="reason" rows="3" maxlength="${MAX_REASON}" aria-describedby="ov-reason-help ov-reason-error"></textarea>
  <span class="muted" id="ov-reason-help">${h(t('reasonHelp'))}</span>
  <span class="field-error" id="ov-reason-error" role="alert"></span></div>
  <p><button type="submit" id="ov-submit">${h(t('recordDecision'))}</button></p>
  <p class="error" id="ov-error" role="alert"></p></form></details></section>`;
}

/**
 * Wires the form. Once an entry is recorded, this section alone is drawn again from the file as the
 * server now has it: the rest of the page (charts still loading) is left alone.
 */
export function bindOversight(el: HTMLElement, f: ClientFile): void {
  const form = el.querySelector('#ov-form') as HTMLFormElement | null;
  const d = f.decision;
  if (!form || !d) return;
  const select = form.querySelector('#ov-decision') as HTMLSelectElement;
  const firstEnabled = [...select.options].find((o) => !o.disabled);
  if (firstEnabled) select.value = firstEnabled.value;
  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    // One request at a time: a double click must not record twice.
    if (busy) return;
    busy = true;
    const button = form.querySelector('#ov-submit') as HTMLButtonElement;
    button.disabled = true;
    for (const id of ['ov-decision-error', 'ov-category-error', 'ov-reason-error', 'ov-error']) (form.querySelector(`#${id}`) as HTMLElement).textContent = '';
    const body = {
      decision: select.value,
      category: (form.querySelector('#ov-category') as HTMLSelectElement).value,
      reason: (form.querySelector('#ov-reason') as HTMLTextAreaElement).value,
    };
    try {
      await post<TrailEntry>(`api/decisions/${encodeURIComponent(d.applicationId)}/override`, body);
      const fresh = await get<ClientFile>(`api/clients/${encodeURIComponent(String(f.clientId))}`);
      const section = el.querySelector('section.oversight');
      if (section) {
        section.outerHTML = oversightHtml(fresh);
        bindOversight(el, fresh);
      }
      return;
    } catch (e) {
      const general = form.querySelector('#ov-error') as HTMLElement;
      if (e instanceof ApiError && e.status === 400) {
        const errors = e.fieldErrors();
        for (const [field, message] of Object.entries(errors)) {
          const slot = form.querySelector(`#ov-${field}-error`) as HTMLElement | null;
          // The server's message completes the field's name: "Reason is required: ...".
          if (slot) slot.textContent = `${t((field === 'reason' ? 'reasonLabel' : field === 'category' ? 'categoryLabel' : 'decision') as Key)} ${message}`;
          else general.textContent = `${field} ${message}`;
        }
        if (errors.reason) (form.querySelector('#ov-reason') as HTMLTextAreaElement).focus();
      } else if (e instanceof ApiError && (e.body as { error?: string } | null)?.error) {
        general.textContent = (e.body as { error: string }).error;
      } else {
        general.textContent = t('error', { e: String(e) });
      }
    } finally {
      busy = false;
      button.disabled = false;
    }
  });
}
