// The hub's view across its member countries: counts by country, type and status, and the cross-country list.
import { h, replace } from '../dom.js';
import { t, countryName } from '../i18n.js';
import { get } from '../api.js';
import { home, anyStateLabel } from '../state.js';
import { countryOptions } from '../form.js';
import { loadPage } from './pager.js';

export async function hubView(main) {
  const stats = await get('/api/v1/cases/statistics');
  const list = h('div', { class: 'results', id: 'hub-results' });
  const countries = Object.keys(stats.byCountry);
  const country = h('select', { id: 'hub-country' }, h('option', { value: '' }, t('hub.allCountries')), countryOptions('', countries));
  const overdue = h('input', { type: 'checkbox', id: 'hub-overdue' });
  const reload = () => loadPage(list, { country: country.value, overdue: overdue.checked });
  country.addEventListener('change', reload);
  overdue.addEventListener('change', reload);

  replace(main,
    h('h1', { tabindex: '-1' }, t('hub.title', home().name)),
    h('section', { 'aria-labelledby': 'totals-h', class: 'panel' },
      h('h2', { id: 'totals-h', class: 'visually-hidden' }, t('hub.totals')),
      h('ul', { class: 'totals' },
        total(t('hub.total'), stats.total), total(t('hub.open'), stats.open),
        total(t('hub.overdue'), stats.overdue, stats.overdue > 0 ? 'overdue' : null))),
    h('div', { class: 'stats-grid' },
      countTable('by-country-h', t('hub.byCountry'), t('cases.country'), stats.byCountry, countryName),
      countTable('by-type-h', t('hub.byType'), t('search.type'), stats.byType, type => t(`type.${type}`)),
      countTable('by-status-h', t('hub.byStatus'), t('cases.status'), stats.byStatus, anyStateLabel)),
    h('section', { 'aria-labelledby': 'hub-list-h', class: 'panel' },
      h('h2', { id: 'hub-list-h' }, t('hub.cases')),
      h('div', { class: 'filters' },
        h('div', { class: 'field' }, h('label', { for: 'hub-country' }, t('cases.country')), country),
        h('div', { class: 'field checkbox' }, overdue, h('label', { for: 'hub-overdue' }, t('search.overdue')))),
      list));
  await reload();
}

function total(text, value, kind) {
  return h('li', { class: kind ? `total ${kind}` : 'total' }, h('span', { class: 'total-value' }, String(value)), h('span', { class: 'total-label' }, text));
}

/** Counts as a table, largest first, with a bar for the eye; the number is always there in text. */
function countTable(id, title, keyHeader, counts, name) {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...rows.map(([, n]) => n));
  return h('section', { 'aria-labelledby': id, class: 'panel' },
    h('h2', { id }, title),
    rows.length === 0 ? h('p', { class: 'muted' }, t('cases.none')) : h('table', { class: 'counts' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, keyHeader), h('th', { scope: 'col', class: 'num' }, t('hub.count')))),
      h('tbody', {}, rows.map(([key, n]) => {
        const bar = h('span', { class: 'bar', 'aria-hidden': 'true' });
        bar.style.width = `${Math.round((n / max) * 100)}%`;
        return h('tr', {}, h('th', { scope: 'row' }, name(key), h('span', { class: 'bar-track' }, bar)), h('td', { class: 'num' }, String(n)));
      }))));
}

