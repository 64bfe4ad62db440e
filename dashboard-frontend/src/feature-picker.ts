// A searchable picker over every feature of the model: a search field that narrows a select list,
// by the feature's label in the page's language or by its column name, ignoring case and accents.
// A plain select of 700+ features cannot be searched on a phone; a datalist is not announced the
// same way by every screen reader. The select keeps its id, so the page reads it as before.
import { escapeHtml as h } from './format';
import { t } from './i18n';

export interface PickerFeature {
  name: string;
  label: string;
}

/** Lower case without accents, so that "epargne" finds "Épargne". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * The features that match every word of {@code query} (in label or name), those whose label starts
 * with the query first, then in their order; at most {@code limit}; {@code keep} (the current
 * choice) always stays in the list so that the select never changes value by itself.
 */
export function filterFeatures(features: PickerFeature[], query: string, limit = 200, keep?: string): PickerFeature[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const q = fold(query.trim());
  const hits = words.length
    ? features.filter((f) => {
        const text = `${fold(f.label)} ${fold(f.name)}`;
        return words.every((w) => text.includes(w));
      })
    : features.slice();
  const starts = hits.filter((f) => q && fold(f.label).startsWith(q));
  const rest = hits.filter((f) => !(q && fold(f.label).startsWith(q)));
  const out = [...starts, ...rest].slice(0, limit);
  if (keep && !out.some((f) => f.name === keep)) {
    const kept = features.find((f) => f.name === keep);
    if (kept) out.unshift(kept);
  }
  return out;
}

/**
 * Draws a labelled search field and its select into {@code el}; calls {@code onChange} when the
 * chosen feature changes. Returns the select.
 */
export function featurePicker(el: HTMLElement, id: string, label: string, features: PickerFeature[], initial: string, onChange: () => void): HTMLSelectElement {
  el.innerHTML = `<span class="picker"><label for="${h(id)}-q">${h(label)}</label>
  <input type="search" id="${h(id)}-q" autocomplete="off" placeholder="${h(t('pickerSearch'))}" aria-describedby="${h(id)}-n">
  <select id="${h(id)}" aria-label="${h(label)}"></select><span id="${h(id)}-n" class="muted small" aria-live="polite"></span></span>`;
  const input = el.querySelector('input') as HTMLInputElement;
  const select = el.querySelector('select') as HTMLSelectElement;
  const count = el.querySelector(`#${id}-n`) as HTMLElement;
  const fill = () => {
    const current = select.value || initial;
    const shown = filterFeatures(features, input.value, 200, current);
    select.innerHTML = shown.map((f) => `<option value="${h(f.name)}">${h(f.label || f.name)}</option>`).join('');
    select.value = current;
    count.textContent = t('pickerCount', { n: shown.length, total: features.length });
    return shown;
  };
  fill();
  input.addEventListener('input', () => {
    const before = select.value;
    const shown = fill();
    // A search that leaves one match (besides the current one) picks it.
    const others = shown.filter((f) => f.name !== before);
    if (input.value.trim() && others.length === 1 && shown.length <= 2) {
      select.value = others[0].name;
    }
    if (select.value !== before) onChange();
  });
  select.addEventListener('change', onChange);
  return select;
}
