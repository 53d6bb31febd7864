// "My work": what needs the user now — overdue cases of their center first, then their own, then the newest.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { get, query } from '../api.js';
import { session, home } from '../state.js';
import { caseTable, overdueFirst } from '../cases.js';
import { incomingPanel } from './referrals.js';

export async function workView(main) {
  const center = session.user.centerId;
  const [overdue, mine, recent] = await Promise.all([
    get(`/api/v1/cases${query({ center, overdue: true, limit: 50 })}`),
    get(`/api/v1/cases${query({ assignee: session.user.username, limit: 50 })}`),
    get(`/api/v1/cases${query({ center, limit: 20 })}`),
  ]);
  const incoming = await incomingPanel(() => workView(main));
  const section = (id, title, page, note) => h('section', { 'aria-labelledby': id, class: 'panel' },
    h('h2', { id }, title, ' ', h('span', { class: 'count' }, t('cases.count', page.total))),
    note ? h('p', { class: 'muted' }, note) : null,
    caseTable(overdueFirst(page.items), title));
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, t('work.title')),
      h('a', { class: 'button', href: '#/intake' }, t('nav.intake'))),
    overdue.total > 0
      ? h('section', { 'aria-labelledby': 'overdue-h', class: 'panel alert' },
        h('h2', { id: 'overdue-h' }, t('work.overdue', home()?.name ?? ''), ' ', h('span', { class: 'count' }, t('cases.count', overdue.total))),
        h('p', {}, t('work.overdueHint')),
        caseTable(overdueFirst(overdue.items), t('work.overdue', '')))
      : h('p', { class: 'panel calm' }, t('work.noneOverdue')),
    incoming,
    section('mine-h', t('work.mine'), mine),
    section('recent-h', t('work.recent', home()?.name ?? ''), recent, t('work.recentHint')));
}
