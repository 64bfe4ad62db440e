// English and French texts of the pages. Keys are the same in both; a test checks it.
export type Lang = 'en' | 'fr';

const en = {
  appName: 'Advisor dashboard',
  skip: 'Skip to content',
  navLive: 'Live',
  navClient: 'Client',
  navWhatIf: 'What-if',
  navApply: 'New application',
  navModel: 'Model',
  language: 'Language',
  signOut: 'Sign out',
  titleLive: 'Live decisions',
  titleClient: 'Client file',
  titleWhatIf: 'What-if',
  titleApply: 'New application',
  titleModel: 'Model',
  decisions: 'Decisions',
  explained: 'Explained',
  deadLetters: 'Rejected records',
  approvalRate: 'Approval rate',
  volume: 'Decisions per minute, last 30 minutes',
  volumeAlt: 'Decisions per minute over the last 30 minutes: {values}.',
  now: 'now',
  minutesAgo: '{m} min ago',
  recent: 'Most recent decisions',
  time: 'Time',
  client: 'Client',
  probability: 'Risk of default',
  decision: 'Decision',
  GRANTED: 'Granted',
  REFUSED: 'Refused',
  explanationPending: 'explanation pending',
  open: 'Open',
  searchLabel: 'Client id (or its first digits)',
  search: 'Search',
  noClient: 'No known client has this id.',
  noneFound: 'No client found.',
  gaugeTitle: 'Risk of default against the threshold',
  gaugeAlt: 'Risk of default {p}; the loan is refused from {t}. {distance}',
  belowBy: 'It is {d} points below the threshold.',
  aboveBy: 'It is {d} points at or above the threshold.',
  decisionWords: 'Decision: {d}.',
  waterfallTitle: 'What pushed the risk up or down',
  waterfallAlt: 'From the average applicant\u2019s risk, {start}, to this client\u2019s, {end}. Largest effects: {items}.',
  riskAxis: 'Risk of default (each bar adds up on the log-odds scale)',
  averageApplicant: 'Average applicant {p}',
  raises: 'raises the risk',
  lowers: 'lowers the risk',
  others: 'All other features',
  reasons: 'Main reasons',
  application: 'Application',
  history: 'History',
  noRecords: 'no records',
  comparisons: 'Comparison with other clients',
  feature: 'Feature',
  distributionAlt: 'Distribution of {f} in {n} ranges among the clients the model was trained on, defaulters and others side by side.',
  defaultersGroup: 'Clients who defaulted (training data)',
  repaidGroup: 'Clients who repaid (training data)',
  shareOfGroup: 'Share of the group',
  clientsHere: 'Clients of this dashboard',
  distNoValue: 'This client has no value for {f}.',
  distClient: '{f} of this client: {v} (range {range}).',
  distShares: 'In the training data, {d} of the clients who defaulted and {o} of those who repaid fall in this range:',
  distMoreDefaulters: 'defaulters are over-represented here.',
  distFewerDefaulters: 'defaulters are under-represented here.',
  distAsMany: 'about as common among defaulters as among the others.',
  distCounts: 'Among the clients of this dashboard, {g} granted and {r} refused fall in this range.',
  granted: 'Granted clients',
  refused: 'Refused clients',
  population: 'Training population (share)',
  clientValue: 'This client',
  clientValueIs: 'This client: {v}',
  bivariate: 'Two features together',
  bivariateAlt: '{x} against {y} for {n} clients; this client at {cx}, {cy}.',
  xAxis: 'Horizontal',
  yAxis: 'Vertical',
  similar: 'Most similar clients',
  distance: 'Distance',
  whatIfFor: 'Change the application of client',
  income: 'Income (yearly)',
  credit: 'Credit amount',
  annuity: 'Annuity (yearly)',
  goods: 'Price of the goods',
  yearsEmployed: 'Years in current job',
  children: 'Children',
  incomeType: 'Income type',
  rescore: 'Compute the new score',
  original: 'As decided',
  whatIf: 'With the changes',
  changesList: 'Changes: {list}',
  submit: 'Submit the application',
  submitted: 'Application {id} sent; waiting for its decision\u2026',
  decided: 'Decision received: {d} (risk {p}).',
  fixErrors: 'Please correct the fields marked below.',
  clientId: 'Client id',
  contractType: 'Contract type',
  gender: 'Gender',
  ownCar: 'Owns a car',
  ownRealty: 'Owns a home',
  age: 'Age (years)',
  education: 'Education',
  family: 'Family status',
  housing: 'Housing',
  organization: 'Employer type',
  yes: 'Yes',
  no: 'No',
  metrics: 'Quality (cross-validation)',
  auc: 'AUC',
  baseline: 'Application data only',
  threshold: 'Threshold',
  costs: 'Costs: a missed default counts {fn}, a refused good client {fp}',
  importance: 'Global importance',
  importanceAlt: 'Most important features: {items}.',
  importanceHow: 'Share of each feature in the average size of the contributions (mean |SHAP|) over the training clients, as in the training report.',
  importanceMissing: 'This model bundle does not carry the global importance; train it again to see it here.',
  brier: 'Brier score',
  whatIfReasons: 'Main reasons',
  report: 'Open the training report',
  version: 'Model version',
  loading: 'Loading\u2026',
  error: 'Something went wrong: {e}',
  streamLost: 'Live connection lost; reconnecting\u2026',
};

const fr: typeof en = {
  appName: 'Espace conseiller',
  skip: 'Aller au contenu',
  navLive: 'En direct',
  navClient: 'Client',
  navWhatIf: 'Simulation',
  navApply: 'Nouvelle demande',
  navModel: 'Mod\u00e8le',
  language: 'Langue',
  signOut: 'Se d\u00e9connecter',
  titleLive: 'D\u00e9cisions en direct',
  titleClient: 'Dossier client',
  titleWhatIf: 'Simulation',
  titleApply: 'Nouvelle demande',
  titleModel: 'Mod\u00e8le',
  decisions: 'D\u00e9cisions',
  explained: 'Expliqu\u00e9es',
  deadLetters: 'Enregistrements rejet\u00e9s',
  approvalRate: "Taux d'acceptation",
  volume: 'D\u00e9cisions par minute, 30 derni\u00e8res minutes',
  volumeAlt: 'D\u00e9cisions par minute sur les 30 derni\u00e8res minutes : {values}.',
  now: 'maintenant',
  minutesAgo: 'il y a {m} min',
  recent: 'D\u00e9cisions les plus r\u00e9centes',
  time: 'Heure',
  client: 'Client',
  probability: 'Risque de d\u00e9faut',
  decision: 'D\u00e9cision',
  GRANTED: 'Accord\u00e9',
  REFUSED: 'Refus\u00e9',
  explanationPending: 'explication en attente',
  open: 'Ouvrir',
  searchLabel: 'Identifiant client (ou ses premiers chiffres)',
  search: 'Chercher',
  noClient: "Aucun client connu n'a cet identifiant.",
  noneFound: 'Aucun client trouv\u00e9.',
  gaugeTitle: 'Risque de d\u00e9faut face au seuil',
  gaugeAlt: 'Risque de d\u00e9faut {p} ; le cr\u00e9dit est refus\u00e9 \u00e0 partir de {t}. {distance}',
  belowBy: 'Il est {d} points sous le seuil.',
  aboveBy: 'Il est {d} points au-dessus du seuil (ou dessus).',
  decisionWords: 'D\u00e9cision : {d}.',
  waterfallTitle: 'Ce qui a fait monter ou baisser le risque',
  waterfallAlt: 'Du risque du demandeur moyen, {start}, \u00e0 celui de ce client, {end}. Effets les plus forts : {items}.',
  riskAxis: 'Risque de d\u00e9faut (les barres s\u2019additionnent en log-cote)',
  averageApplicant: 'Demandeur moyen {p}',
  raises: 'augmente le risque',
  lowers: 'diminue le risque',
  others: 'Toutes les autres variables',
  reasons: 'Raisons principales',
  application: 'Demande',
  history: 'Historique',
  noRecords: 'aucun enregistrement',
  comparisons: 'Comparaison avec les autres clients',
  feature: 'Variable',
  distributionAlt: 'R\u00e9partition de {f} en {n} tranches parmi les clients d\u2019entra\u00eenement du mod\u00e8le, clients en d\u00e9faut et autres c\u00f4te \u00e0 c\u00f4te.',
  defaultersGroup: 'Clients en d\u00e9faut (donn\u00e9es d\u2019entra\u00eenement)',
  repaidGroup: 'Clients ayant rembours\u00e9 (donn\u00e9es d\u2019entra\u00eenement)',
  shareOfGroup: 'Part du groupe',
  clientsHere: 'Clients de ce tableau de bord',
  distNoValue: 'Ce client n\u2019a pas de valeur pour {f}.',
  distClient: '{f} de ce client : {v} (tranche {range}).',
  distShares: 'Dans les donn\u00e9es d\u2019entra\u00eenement, {d} des clients en d\u00e9faut et {o} de ceux qui ont rembours\u00e9 sont dans cette tranche :',
  distMoreDefaulters: 'les clients en d\u00e9faut y sont surrepr\u00e9sent\u00e9s.',
  distFewerDefaulters: 'les clients en d\u00e9faut y sont sous-repr\u00e9sent\u00e9s.',
  distAsMany: 'autant chez les clients en d\u00e9faut que chez les autres.',
  distCounts: 'Parmi les clients de ce tableau de bord, {g} accord\u00e9s et {r} refus\u00e9s sont dans cette tranche.',
  granted: 'Clients accord\u00e9s',
  refused: 'Clients refus\u00e9s',
  population: "Population d'entra\u00eenement (part)",
  clientValue: 'Ce client',
  clientValueIs: 'Ce client : {v}',
  bivariate: 'Deux variables ensemble',
  bivariateAlt: '{x} face \u00e0 {y} pour {n} clients ; ce client en {cx}, {cy}.',
  xAxis: 'Horizontal',
  yAxis: 'Vertical',
  similar: 'Clients les plus proches',
  distance: 'Distance',
  whatIfFor: 'Modifier la demande du client',
  income: 'Revenu (annuel)',
  credit: 'Montant du cr\u00e9dit',
  annuity: 'Annuit\u00e9 (annuelle)',
  goods: 'Prix du bien',
  yearsEmployed: "Ann\u00e9es dans l'emploi actuel",
  children: 'Enfants',
  incomeType: 'Type de revenu',
  rescore: 'Calculer le nouveau score',
  original: 'D\u00e9cision prise',
  whatIf: 'Avec les changements',
  changesList: 'Changements : {list}',
  submit: 'Envoyer la demande',
  submitted: 'Demande {id} envoy\u00e9e ; en attente de sa d\u00e9cision\u2026',
  decided: 'D\u00e9cision re\u00e7ue : {d} (risque {p}).',
  fixErrors: 'Veuillez corriger les champs signal\u00e9s ci-dessous.',
  clientId: 'Identifiant client',
  contractType: 'Type de contrat',
  gender: 'Genre',
  ownCar: 'Poss\u00e8de une voiture',
  ownRealty: 'Propri\u00e9taire de son logement',
  age: '\u00c2ge (ann\u00e9es)',
  education: '\u00c9tudes',
  family: 'Situation familiale',
  housing: 'Logement',
  organization: "Type d'employeur",
  yes: 'Oui',
  no: 'Non',
  metrics: 'Qualit\u00e9 (validation crois\u00e9e)',
  auc: 'AUC',
  baseline: 'Donn\u00e9es de la demande seules',
  threshold: 'Seuil',
  costs: 'Co\u00fbts : un d\u00e9faut manqu\u00e9 compte {fn}, un bon client refus\u00e9 {fp}',
  importance: 'Importance globale',
  importanceAlt: 'Variables les plus importantes : {items}.',
  importanceHow: 'Part de chaque variable dans la taille moyenne des contributions (|SHAP| moyen) sur les clients d\u2019entra\u00eenement, comme dans le rapport d\u2019entra\u00eenement.',
  importanceMissing: 'Ce mod\u00e8le n\u2019inclut pas l\u2019importance globale ; r\u00e9entra\u00eenez-le pour la voir ici.',
  brier: 'Score de Brier',
  whatIfReasons: 'Raisons principales',
  report: "Ouvrir le rapport d'entra\u00eenement",
  version: 'Version du mod\u00e8le',
  loading: 'Chargement\u2026',
  error: 'Une erreur est survenue : {e}',
  streamLost: 'Connexion en direct perdue ; reconnexion\u2026',
};

export type Key = keyof typeof en;
export const dictionaries: Record<Lang, Record<Key, string>> = { en, fr };

/** Labels of the application fields shown in the client file. */
export const fieldLabels: Record<Lang, Record<string, string>> = {
  en: {
    NAME_CONTRACT_TYPE: 'Contract type', AMT_CREDIT: 'Credit amount', AMT_ANNUITY: 'Annuity',
    AMT_GOODS_PRICE: 'Price of the goods', AMT_INCOME_TOTAL: 'Income', NAME_INCOME_TYPE: 'Income type',
    OCCUPATION_TYPE: 'Occupation', ORGANIZATION_TYPE: 'Employer type', DAYS_EMPLOYED: 'Years in current job',
    DAYS_BIRTH: 'Age', CODE_GENDER: 'Gender', NAME_FAMILY_STATUS: 'Family status', CNT_CHILDREN: 'Children',
    CNT_FAM_MEMBERS: 'Family members', NAME_EDUCATION_TYPE: 'Education', NAME_HOUSING_TYPE: 'Housing',
    FLAG_OWN_CAR: 'Owns a car', FLAG_OWN_REALTY: 'Owns a home', EXT_SOURCE_1: 'External score 1',
    EXT_SOURCE_2: 'External score 2', EXT_SOURCE_3: 'External score 3',
    BUREAU: 'Credits at other institutions (credit bureau)', PREVIOUS: 'Previous applications with us',
    POS_CASH: 'Point-of-sale and cash loans', INSTALMENTS: 'Instalment payments', CREDIT_CARD: 'Credit cards',
  },
  fr: {
    NAME_CONTRACT_TYPE: 'Type de contrat', AMT_CREDIT: 'Montant du cr\u00e9dit', AMT_ANNUITY: 'Annuit\u00e9',
    AMT_GOODS_PRICE: 'Prix du bien', AMT_INCOME_TOTAL: 'Revenu', NAME_INCOME_TYPE: 'Type de revenu',
    OCCUPATION_TYPE: 'Profession', ORGANIZATION_TYPE: "Type d'employeur", DAYS_EMPLOYED: "Ann\u00e9es dans l'emploi",
    DAYS_BIRTH: '\u00c2ge', CODE_GENDER: 'Genre', NAME_FAMILY_STATUS: 'Situation familiale', CNT_CHILDREN: 'Enfants',
    CNT_FAM_MEMBERS: 'Membres du foyer', NAME_EDUCATION_TYPE: '\u00c9tudes', NAME_HOUSING_TYPE: 'Logement',
    FLAG_OWN_CAR: 'Poss\u00e8de une voiture', FLAG_OWN_REALTY: 'Propri\u00e9taire', EXT_SOURCE_1: 'Score externe 1',
    EXT_SOURCE_2: 'Score externe 2', EXT_SOURCE_3: 'Score externe 3',
    BUREAU: 'Cr\u00e9dits dans d\u2019autres \u00e9tablissements (bureau de cr\u00e9dit)', PREVIOUS: 'Demandes pr\u00e9c\u00e9dentes chez nous',
    POS_CASH: 'Cr\u00e9dits point de vente et esp\u00e8ces', INSTALMENTS: '\u00c9ch\u00e9ances pay\u00e9es', CREDIT_CARD: 'Cartes de cr\u00e9dit',
  },
};

/**
 * Words for the coded values of the application (Kaggle's own values, which the API keeps): what
 * the client file and the form show. Values not listed are shown as they are.
 */
export const valueLabels: Record<Lang, Record<string, Record<string, string>>> = {
  en: {
    CODE_GENDER: { F: 'Female', M: 'Male', XNA: 'Not given' },
    FLAG_OWN_CAR: { Y: 'Yes', N: 'No' },
    FLAG_OWN_REALTY: { Y: 'Yes', N: 'No' },
  },
  fr: {
    NAME_CONTRACT_TYPE: { 'Cash loans': 'Pr\u00eat personnel', 'Revolving loans': 'Cr\u00e9dit renouvelable' },
    CODE_GENDER: { F: 'Femme', M: 'Homme', XNA: 'Non renseign\u00e9' },
    FLAG_OWN_CAR: { Y: 'Oui', N: 'Non' },
    FLAG_OWN_REALTY: { Y: 'Oui', N: 'Non' },
    NAME_INCOME_TYPE: {
      Working: 'Salari\u00e9', 'Commercial associate': 'Associ\u00e9 commercial', Pensioner: 'Retrait\u00e9', 'State servant': 'Fonctionnaire',
      Unemployed: 'Sans emploi', Student: '\u00c9tudiant', Businessman: 'Entrepreneur', 'Maternity leave': 'Cong\u00e9 maternit\u00e9',
    },
    NAME_EDUCATION_TYPE: {
      'Secondary / secondary special': 'Secondaire', 'Higher education': 'Sup\u00e9rieur', 'Incomplete higher': 'Sup\u00e9rieur inachev\u00e9',
      'Lower secondary': 'Coll\u00e8ge', 'Academic degree': 'Doctorat',
    },
    NAME_FAMILY_STATUS: {
      Married: 'Mari\u00e9(e)', 'Single / not married': 'C\u00e9libataire', 'Civil marriage': 'Union civile', Separated: 'S\u00e9par\u00e9(e)',
      Widow: 'Veuf / veuve', Unknown: 'Inconnue',
    },
    NAME_HOUSING_TYPE: {
      'House / apartment': 'Maison / appartement', 'With parents': 'Chez les parents', 'Rented apartment': 'Appartement lou\u00e9',
      'Municipal apartment': 'Logement municipal', 'Office apartment': 'Logement de fonction', 'Co-op apartment': 'Logement coop\u00e9ratif',
    },
  },
};

let current: Lang = 'en';

export function setLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem('lang', lang);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}

export function initialLang(): Lang {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem('lang');
  } catch {
    saved = null;
  }
  if (saved === 'en' || saved === 'fr') return saved;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function lang(): Lang {
  return current;
}

/** The text of {@code key} in the current language, with {name} placeholders filled. */
export function t(key: Key, params: Record<string, string | number> = {}): string {
  let s = dictionaries[current][key];
  for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

export function fieldLabel(field: string): string {
  return fieldLabels[current][field] ?? field;
}

/** A coded application value in words (Y \u2192 Yes / Oui), the value itself when not coded. */
export function valueLabel(field: string, value: string): string {
  return valueLabels[current][field]?.[value] ?? value;
}
