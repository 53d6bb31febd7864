// Search by case number or name with filters. The criteria stay in memory, not in the URL: names are personal data.
import { h, replace } from '../dom.js';
import { t, label, countryName } from '../i18n.js';
import { session, countriesOf, home } from '../state.js';
import { COUNTRY_CODES } from '../countries.js';
import { loadPage } from './pager.js';

/** The shared case types, in the API's vocabulary. */
export const CASE_TYPES = ['RUNAWAY', 'PARENTAL_ABDUCTION_NATIONAL', 'PARENTAL_ABDUCTION_INTERNATIONAL', 'CRIMINAL_ABDUCTION',
  'LOST_INJURED_OR_OTHERWISE_MISSING', 'MISSING_IN_MIGRATION', 'ONLINE_EXPLOITATION'];

let criteria = { q: '', country: '', status: '', type: '', assignee: '', overdue: false };
let offset = 0;

export async function searchView(main) {
  const results = h('div', { class: 'results', id: 'search-results' });
  const input = (name, text, attributes = {}) => {
    const id = `search-${name}`;
    return h('div', { class: 'field' }, h('label', { for: id }, text),
      h('input', { id, name, value: criteria[name], ...attributes }));
  };
  const select = (name, text, options) => {
    const id = `search-${name}`;
    return h('div', { class: 'field' }, h('label', { for: id }, text),
      h('select', { id, name }, h('option', { value: '' }, t('search.any')), options));
  };
  const option = name => (value, text) => h('option', { value, selected: criteria[name] === value }, text);

  // states grouped by center: two centers may both have a "reported" state, each with its own name
  const statusOptions = [...session.centers.values()].map(center => h('optgroup', { label: center.name },
    uniqueStates(center).map(s => option('status')(s.id, label(s.labels, s.id)))));
  const countries = countriesOf().length > 1 ? countriesOf() : COUNTRY_CODES;
  const form = h('form', { class: 'card search', role: 'search', onsubmit: async e => {
    e.preventDefault();
    const data = new FormData(form);
    criteria = { q: data.get('q').trim(), country: data.get('country'), status: data.get('status'), type: data.get('type'),
      assignee: data.get('assignee').trim(), overdue: data.get('overdue') === 'on' };
    offset = 0;
    await loadPage(results, criteria);
    results.querySelector('.result-count')?.focus();
  } },
    input('q', t('search.q'), { type: 'search', autocomplete: 'off', spellcheck: 'false' }),
    h('div', { class: 'filters' },
      select('country', t('cases.country'), [...countries].sort((a, b) => countryName(a).localeCompare(countryName(b)))
        .map(code => option('country')(code, countryName(code)))),
      select('status', t('cases.status'), statusOptions),
      select('type', t('search.type'), CASE_TYPES.map(type => option('type')(type, t(`type.${type}`)))),
      input('assignee', t('search.assignee'), { autocomplete: 'off' }),
      h('div', { class: 'field checkbox' },
        h('input', { type: 'checkbox', id: 'search-overdue', name: 'overdue', checked: criteria.overdue }),
        h('label', { for: 'search-overdue' }, t('search.overdue')))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('search.submit'))));
  replace(main, h('h1', { tabindex: '-1' }, t('search.title')), form, results);
  await loadPage(results, criteria, offset);
}

/** A center's states across its workflow versions, each id once. */
function uniqueStates(center) {
  const seen = new Map();
  for (const workflow of center.workflows) {
    for (const state of workflow.states) if (!seen.has(state.id)) seen.set(state.id, state);
  }
  return [...seen.values()];
}
