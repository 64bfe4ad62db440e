// The form parts of the what-if and new-application pages: labelled inputs and selects, each with
// its own error line (role=alert), and the server's field errors shown next to their fields.
import { escapeHtml as h } from '../format';
import { t, valueLabel } from '../i18n';

export function fieldInput(name: string, label: string, value: string, type = 'number'): string {
  return `<div class="field"><label for="f-${name}">${h(label)}</label><input id="f-${name}" name="${name}" type="${type}" value="${h(value)}" aria-describedby="e-${name}"><span class="field-error" id="e-${name}" role="alert"></span></div>`;
}

export function showErrors(form: HTMLElement, errors: Record<string, string>): void {
  form.querySelectorAll('.field-error').forEach((e) => (e.textContent = ''));
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  const general: string[] = [];
  for (const [field, message] of Object.entries(errors)) {
    const target = form.querySelector(`#e-${field}`);
    if (target) {
      target.textContent = `\u26a0 ${message}`;
      form.querySelector(`[name="${field}"]`)?.setAttribute('aria-invalid', 'true');
    } else general.push(`${field} ${message}`);
  }
  const box = form.querySelector('.form-errors') as HTMLElement;
  box.textContent = Object.keys(errors).length ? `${t('fixErrors')} ${general.join('; ')}` : '';
}

export function select(name: string, label: string, values: [string, string][], selected?: string): string {
  return `<div class="field"><label for="f-${name}">${h(label)}</label><select id="f-${name}" name="${name}" aria-describedby="e-${name}">${values.map(([v, l]) => `<option value="${h(v)}"${v === selected ? ' selected' : ''}>${h(l)}</option>`).join('')}</select><span class="field-error" id="e-${name}" role="alert"></span></div>`;
}

/** Kaggle's coded values with their words in the page's language. */
export const coded = (field: string, values: string[]): [string, string][] => values.map((v) => [v, valueLabel(field, v)]);
export const INCOME_TYPES = ['Working', 'Commercial associate', 'Pensioner', 'State servant'];
