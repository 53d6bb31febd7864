// A list of cases loaded page by page, for search and the hub's cross-country list.
import { h, replace } from '../dom.js';
import { t, number } from '../i18n.js';
import { get, query } from '../api.js';
import { caseTable } from '../cases.js';
import { describe } from '../messages.js';

export const PAGE_SIZE = 20;

/**
 * Loads one page of /api/v1/cases matching `params` into `container` and announces how many were found.
 * @return a promise of the total
 */
export async function loadPage(container, params, offset = 0) {
  container.setAttribute('aria-busy', 'true');
  let page;
  try {
    page = await get(`/api/v1/cases${query({ ...params, offset, limit: PAGE_SIZE })}`);
  } catch (error) {
    replace(container, h('p', { class: 'field-error', role: 'alert' }, describe(error)));
    return 0;
  } finally {
    container.removeAttribute('aria-busy');
  }
  const last = Math.min(offset + page.items.length, page.total);
  // the API stops counting at 10,000: beyond that, "10,000+"
  const total = page.totalCapped ? `${number(page.total)}+` : number(page.total);
  const status = h('p', { class: 'result-count', role: 'status' },
    page.total === 0 ? t('search.noneFound') : t('search.showing', number(offset + 1), number(last), total));
  const go = async to => {
    await loadPage(container, params, to);
    container.querySelector('.result-count')?.focus();
  };
  const pager = page.total > PAGE_SIZE ? h('nav', { class: 'pager', 'aria-label': t('search.pages') },
    h('button', { type: 'button', class: 'secondary', disabled: offset === 0, onclick: () => go(Math.max(0, offset - PAGE_SIZE)) }, t('search.previous')),
    h('span', {}, t('search.page', number(Math.floor(offset / PAGE_SIZE) + 1),
      `${number(Math.ceil(page.total / PAGE_SIZE))}${page.totalCapped ? '+' : ''}`)),
    h('button', { type: 'button', class: 'secondary', disabled: last >= page.total, onclick: () => go(offset + PAGE_SIZE) }, t('search.next'))) : null;
  status.tabIndex = -1;
  replace(container, status, page.total ? caseTable(page.items, t('search.results'), page.matches ?? []) : null, pager);
  return page.total;
}
