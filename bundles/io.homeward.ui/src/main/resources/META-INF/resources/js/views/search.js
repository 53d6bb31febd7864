// Search by case number or name, in any script, with filters. The criteria stay in memory, not in the URL: names are
// personal data, and URLs end up in history and logs. What the user typed is kept as typed — across pages, a change
// of language and a refused search — until they sign out.
import { h, replace } from '../dom.js';
import { t, label, countryName } from '../i18n.js';
import { session, countriesOf } from '../state.js';
import { COUNTRY_CODES } from '../countries.js';
import { loadPage } from './pager.js';

/** The shared case types, in the API's vocabulary. */
export const CASE_TYPES = ['RUNAWAY', 'PARENTAL_ABDUCTION_NATIONAL', 'PARENTAL_ABDUCTION_INTERNATIONAL', 'CRIMINAL_ABDUCTION',
  'LOST_INJURED_OR_OTHERWISE_MISSING', 'MISSING_IN_MIGRATION', 'ONLINE_EXPLOITATION'];

const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** The longest text the API searches for (CaseQuery.MAX_TEXT): longer than any name or case number. */
const MAX_TEXT = 200;

/** The date ranges: each pair of inputs, and the message when its first date is after its second. */
const RANGES = [['openedFrom', 'openedTo'], ['bornFrom', 'bornTo']];

const EMPTY = { q: '', country: '', status: '', type: '', risk: '', assignee: '', overdue: false,
  openedFrom: '', openedTo: '', bornFrom: '', bornTo: '' };

/** What the form holds, kept as the user types. */
let draft = { ...EMPTY };
/** What was last searched for, shown again when the user comes back. */
let criteria = { ...EMPTY };

/** Forgets the criteria, e.g. at sign-out: the next user of this browser must not see them. */
export function forgetSearch() {
  draft = { ...EMPTY };
  criteria = { ...EMPTY };
}

export async function searchView(main) {
  const results = h('div', { class: 'results', id: 'search-results' });
  const input = (name, text, attributes = {}) => {
    const id = `search-${name}`;
    return h('div', { class: 'field', 'data-field': name }, h('label', { for: id }, text),
      h('input', { id, name, value: draft[name], ...attributes }));
  };
  const select = (name, text, options) => {
    const id = `search-${name}`;
    return h('div', { class: 'field' }, h('label', { for: id }, text),
      h('select', { id, name }, h('option', { value: '' }, t('search.any')), options));
  };
  const option = name => (value, text) => h('option', { value, selected: draft[name] === value }, text);

  // states grouped by center: two centers may both have a "reported" state, each with its own name
  const statusOptions = [...session.centers.values()].map(center => h('optgroup', { label: center.name },
    uniqueStates(center).map(s => option('status')(s.id, label(s.labels, s.id)))));
  const countries = countriesOf().length > 1 ? countriesOf() : COUNTRY_CODES;
  const rangeError = h('p', { class: 'field-error', id: 'search-range-error', role: 'alert', hidden: true });
  const form = h('form', { class: 'card search', role: 'search', novalidate: true, onsubmit: async e => {
    e.preventDefault();
    draft = read(form);
    if (!rangesInOrder(form, rangeError)) return;
    criteria = { ...draft };
    await loadPage(results, params(criteria));
    results.querySelector('.result-count')?.focus();
  } },
    h('div', { class: 'field', 'data-field': 'q' },
      h('label', { for: 'search-q' }, t('search.q')),
      h('p', { class: 'hint', id: 'search-q-hint' }, t('search.qHint')),
      h('input', { id: 'search-q', name: 'q', value: draft.q, type: 'search', autocomplete: 'off', spellcheck: 'false',
        maxlength: MAX_TEXT, placeholder: t('search.qPlaceholder'), 'aria-describedby': 'search-q-hint' })),
    h('div', { class: 'filters' },
      select('country', t('cases.country'), [...countries].sort((a, b) => countryName(a).localeCompare(countryName(b)))
        .map(code => option('country')(code, countryName(code)))),
      select('status', t('cases.status'), statusOptions),
      select('type', t('search.type'), CASE_TYPES.map(type => option('type')(type, t(`type.${type}`)))),
      select('risk', t('cases.risk'), RISK_LEVELS.map(level => option('risk')(level, t(`risk.${level}`)))),
      input('assignee', t('search.assignee'), { autocomplete: 'off' }),
      input('openedFrom', t('search.openedFrom'), { type: 'date' }),
      input('openedTo', t('search.openedTo'), { type: 'date' }),
      input('bornFrom', t('search.bornFrom'), { type: 'date' }),
      input('bornTo', t('search.bornTo'), { type: 'date' }),
      h('div', { class: 'field checkbox' },
        h('input', { type: 'checkbox', id: 'search-overdue', name: 'overdue', checked: draft.overdue }),
        h('label', { for: 'search-overdue' }, t('search.overdue')))),
    rangeError,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('search.submit'))));
  // kept while typing, so that nothing typed is lost when the page is drawn again (another language, coming back)
  form.addEventListener('input', () => { draft = read(form); });
  form.addEventListener('change', () => { draft = read(form); });
  replace(main, h('h1', { tabindex: '-1' }, t('search.title')), form, results);
  await loadPage(results, params(criteria));
}

/** @return the form's criteria, the text as typed (trimmed only when searched) */
function read(form) {
  const data = new FormData(form);
  const criteria = { overdue: data.get('overdue') === 'on' };
  for (const name of Object.keys(EMPTY)) if (name !== 'overdue') criteria[name] = data.get(name) ?? '';
  return criteria;
}

/** The API's parameters for criteria: empty ones are left out by query(). */
function params(criteria) {
  return { ...criteria, q: criteria.q.trim(), assignee: criteria.assignee.trim() };
}

/**
 * Checks that no range ends before it starts, which the API would refuse: says so beside the form, in the user's
 * language, marks both dates and moves the focus to the first.
 * @return true when every range is in order
 */
function rangesInOrder(form, error) {
  for (const input of form.querySelectorAll('input[type=date]')) input.removeAttribute('aria-invalid');
  error.hidden = true;
  for (const [from, to] of RANGES) {
    if (draft[from] && draft[to] && draft[from] > draft[to]) {
      const first = form.elements[from];
      first.setAttribute('aria-invalid', 'true');
      form.elements[to].setAttribute('aria-invalid', 'true');
      error.textContent = t('search.rangeInverted', t(`search.${from}`), t(`search.${to}`));
      error.hidden = false;
      first.focus();
      return false;
    }
  }
  return true;
}

/** A center's states across its workflow versions, each id once. */
function uniqueStates(center) {
  const seen = new Map();
  for (const workflow of center.workflows) {
    for (const state of workflow.states) if (!seen.has(state.id)) seen.set(state.id, state);
  }
  return [...seen.values()];
}
