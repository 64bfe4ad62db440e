// A new application: the form an advisor fills in with the client, sent to api/applications; its
// decision is shown when it comes through the stream.
import { ApiError, post, RawJson } from '../api';
import { Accepted } from '../api-types';
import { escapeHtml as h, percent, yearsToDays } from '../format';
import { jsonWithId } from '../ids';
import { t } from '../i18n';
import { onDecision } from '../live';
import { coded, fieldInput, INCOME_TYPES, select, showErrors } from './form';
import { decisionBadge } from './html';
import { Cleanup } from './page';

/** Technical fields of the Kaggle application the form does not ask for: typical values. */
const DEFAULTS: Record<string, unknown> = {
  REGION_POPULATION_RELATIVE: 0.02, DAYS_REGISTRATION: -3000, DAYS_ID_PUBLISH: -2000, FLAG_MOBIL: 1, FLAG_EMP_PHONE: 1, FLAG_WORK_PHONE: 0,
  FLAG_CONT_MOBILE: 1, FLAG_PHONE: 0, FLAG_EMAIL: 0, REGION_RATING_CLIENT: 2, REGION_RATING_CLIENT_W_CITY: 2, WEEKDAY_APPR_PROCESS_START: 'MONDAY',
  HOUR_APPR_PROCESS_START: 12, REG_REGION_NOT_LIVE_REGION: 0, REG_REGION_NOT_WORK_REGION: 0, LIVE_REGION_NOT_WORK_REGION: 0, REG_CITY_NOT_LIVE_CITY: 0,
  REG_CITY_NOT_WORK_CITY: 0, LIVE_CITY_NOT_WORK_CITY: 0,
  ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`FLAG_DOCUMENT_${i + 2}`, i === 1 ? 1 : 0])),
};

export function applyPage(root: HTMLElement): Cleanup {
  const yn: [string, string][] = [['N', t('no')], ['Y', t('yes')]];
  root.innerHTML = `<h1>${h(t('titleApply'))}</h1><form id="apply" novalidate><p class="form-errors error" role="alert"></p><div class="fields">
  ${fieldInput('SK_ID_CURR', t('clientId'), String(900000 + Math.floor(Math.random() * 90000)), 'text')}
  ${select('NAME_CONTRACT_TYPE', t('contractType'), coded('NAME_CONTRACT_TYPE', ['Cash loans', 'Revolving loans']))}
  ${select('CODE_GENDER', t('gender'), coded('CODE_GENDER', ['F', 'M']))}
  ${fieldInput('AGE', t('age'), '35')}
  ${select('FLAG_OWN_CAR', t('ownCar'), yn)}${select('FLAG_OWN_REALTY', t('ownRealty'), yn)}
  ${fieldInput('CNT_CHILDREN', t('children'), '0')}
  ${fieldInput('AMT_INCOME_TOTAL', t('income'), '180000')}${fieldInput('AMT_CREDIT', t('credit'), '450000')}
  ${fieldInput('AMT_ANNUITY', t('annuity'), '22500')}${fieldInput('AMT_GOODS_PRICE', t('goods'), '405000')}
  ${fieldInput('DAYS_EMPLOYED', t('yearsEmployed'), '5')}
  ${select('NAME_INCOME_TYPE', t('incomeType'), coded('NAME_INCOME_TYPE', INCOME_TYPES))}
  ${select('NAME_EDUCATION_TYPE', t('education'), coded('NAME_EDUCATION_TYPE', ['Secondary / secondary special', 'Higher education', 'Incomplete higher', 'Lower secondary']))}
  ${select('NAME_FAMILY_STATUS', t('family'), coded('NAME_FAMILY_STATUS', ['Married', 'Single / not married', 'Civil marriage', 'Separated', 'Widow']))}
  ${select('NAME_HOUSING_TYPE', t('housing'), coded('NAME_HOUSING_TYPE', ['House / apartment', 'With parents', 'Rented apartment', 'Municipal apartment']))}
  ${fieldInput('ORGANIZATION_TYPE', t('organization'), 'Business Entity Type 3', 'text')}
  </div><button type="submit">${h(t('submit'))}</button></form><div id="apply-result" aria-live="polite"></div>`;
  const form = root.querySelector('#apply') as HTMLFormElement;
  let off: () => void = () => {};
  // One id per application as filled in: a double click or a second submit of the same form sends
  // the same id, which the intake answers as already received (one decision); any change to the
  // form makes it a new application.
  let applicationId = newApplicationId();
  form.addEventListener('input', () => { applicationId = newApplicationId(); });
  const button = form.querySelector('button[type="submit"]') as HTMLButtonElement;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (button.disabled) return;
    const body: Record<string, unknown> = { ...DEFAULTS, application_id: applicationId };
    new FormData(form).forEach((v, k) => {
      const s = String(v).trim();
      const numeric = ['CNT_CHILDREN', 'AMT_INCOME_TOTAL', 'AMT_CREDIT', 'AMT_ANNUITY', 'AMT_GOODS_PRICE', 'AGE', 'DAYS_EMPLOYED'];
      body[k] = numeric.includes(k) ? (s === '' ? null : Number(s)) : s;
    });
    body.DAYS_BIRTH = typeof body.AGE === 'number' ? yearsToDays(body.AGE) : null;
    delete body.AGE;
    if (typeof body.DAYS_EMPLOYED === 'number') body.DAYS_EMPLOYED = yearsToDays(body.DAYS_EMPLOYED);
    body.CNT_FAM_MEMBERS = 1 + (typeof body.CNT_CHILDREN === 'number' ? body.CNT_CHILDREN : 0);
    const result = root.querySelector('#apply-result') as HTMLElement;
    button.disabled = true;
    try {
      // The client id as typed, its digits sent as they are (never through a JavaScript number).
      const id = String(body.SK_ID_CURR ?? '');
      delete body.SK_ID_CURR;
      const r = await post<Accepted>('api/applications', new RawJson(jsonWithId(body, 'SK_ID_CURR', id)));
      showErrors(form, {});
      result.innerHTML = `<p class="status">${h(t(r.already_received ? 'alreadyReceived' : 'submitted', { id: r.application_id }))}</p>`;
      off();
      off = onDecision((d) => {
        if (d.applicationId === r.application_id) {
          result.innerHTML = `<p class="status" id="apply-decision">${t('decided', { d: decisionBadge(d.decision), p: percent(d.probability) })} <a href="#/client/${encodeURIComponent(d.clientId)}">${h(d.displayName)} #${h(d.clientId)}</a></p>`;
        }
      });
    } catch (e) {
      if (e instanceof ApiError) {
        const errors = e.fieldErrors();
        if (errors.DAYS_BIRTH) errors.AGE = errors.DAYS_BIRTH;
        delete errors.DAYS_BIRTH;
        // The family size is computed from the children: a refusal of it is the children's.
        if (errors.CNT_FAM_MEMBERS && !errors.CNT_CHILDREN) errors.CNT_CHILDREN = errors.CNT_FAM_MEMBERS;
        delete errors.CNT_FAM_MEMBERS;
        showErrors(form, errors);
        // No field to point at (503 Kafka unavailable, 409 same id with other values): say why.
        if (Object.keys(errors).length === 0) (form.querySelector('.form-errors') as HTMLElement).textContent = `${t('notAccepted')} ${(e.body as { error?: string } | null)?.error ?? e.message}`;
      } else throw e;
    } finally {
      button.disabled = false;
    }
  });
  return () => off();
}

/** A random UUID (version 4); crypto.randomUUID exists only in secure contexts (https, localhost). */
function newApplicationId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map((v) => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
