// How a case reads in lists and headers: the child's name, SLA timers, overdue first.
import { h } from './dom.js';
import { t, label, dateTime, duration, countryName } from './i18n.js';
import { categoryLabel, stateLabel, workflowOf } from './state.js';

/** "Given Family" of the case's first child, or null when no name is known yet. */
export function childName(c) {
  const child = c.persons.find(p => p.details.role === 'CHILD')?.details;
  const name = [child?.givenName, child?.familyName].filter(Boolean).join(' ');
  return name || null;
}

export function personName(person) {
  const d = person.details;
  return [d.givenName, d.familyName].filter(Boolean).join(' ') || t('person.unnamed');
}

/** The case's SLA timers with what the center calls them and where each stands now. */
export function slaTimers(c, now = Date.now()) {
  const definitions = workflowOf(c)?.slas ?? [];
  return c.slas.map(sla => {
    const deadline = Date.parse(sla.deadline);
    const met = sla.metAt !== null && sla.metAt !== undefined;
    return {
      id: sla.slaId,
      label: label(definitions.find(d => d.id === sla.slaId)?.labels, sla.slaId),
      deadline: sla.deadline,
      metAt: sla.metAt,
      // a closed case's unmet timers no longer run
      running: !met && !c.closed,
      overdue: met ? Date.parse(sla.metAt) > deadline : !c.closed && now > deadline,
      left: deadline - now,
    };
  });
}

export function isOverdue(c, now = Date.now()) {
  return slaTimers(c, now).some(s => s.running && s.overdue);
}

/** Overdue cases first, then the nearest running deadline, then the newest. */
export function overdueFirst(cases) {
  const now = Date.now();
  const nextDeadline = c => Math.min(...slaTimers(c, now).filter(s => s.running).map(s => Date.parse(s.deadline)), Infinity);
  return [...cases].sort((a, b) => (isOverdue(b, now) - isOverdue(a, now))
      || (nextDeadline(a) - nextDeadline(b))
      || (Date.parse(b.openedAt) - Date.parse(a.openedAt)));
}

/** One line about a timer: "Overdue by 2 h 5 min", "Due in 40 min", "Met 3 Dec, 10:02". */
export function timerText(timer) {
  if (timer.metAt) return timer.overdue ? t('sla.metLate', dateTime(timer.metAt)) : t('sla.met', dateTime(timer.metAt));
  if (!timer.running) return t('sla.stopped');
  return timer.overdue ? t('sla.overdueBy', duration(timer.left)) : t('sla.dueIn', duration(timer.left));
}

export function riskBadge(level) {
  return h('span', { class: `badge risk risk-${level.toLowerCase()}` }, t(`risk.${level}`));
}

export function statusBadge(c) {
  return h('span', { class: c.closed ? 'badge status closed' : 'badge status' }, stateLabel(c));
}

/**
 * How a search found a case: the person whose name matched (with their role unless it is the child) and why, or
 * that its number did.
 */
function foundBy(c, match) {
  const reason = h('span', { class: 'badge reason' }, t(`search.reason.${match.reason}`));
  const person = match.personId ? c.persons.find(p => p.id === match.personId) : null;
  if (!person) return reason;
  const role = person.details.role === 'CHILD' ? null : h('span', { class: 'muted' }, ` (${t(`role.${person.details.role}`)})`);
  return [h('span', { class: 'matched-person' }, personName(person)), role, ' ', reason];
}

/**
 * A table of cases (cards on narrow screens); overdue rows are marked in words, not by colour alone.
 * @param matches for a search by number or name, how each case matched (the API's `matches`): adds a column
 */
export function caseTable(cases, caption, matches = []) {
  if (cases.length === 0) return h('p', { class: 'empty' }, t('cases.none'));
  const now = Date.now();
  const byCase = new Map(matches.map(m => [m.caseId, m]));
  const headers = ['cases.number', 'cases.child', ...(byCase.size ? ['search.match'] : []), 'cases.category', 'cases.country', 'cases.status', 'cases.risk', 'cases.sla', 'cases.opened'];
  return h('div', { class: 'table-wrap' }, h('table', { class: 'cases' },
    caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
    h('thead', {}, h('tr', {}, headers.map(key => h('th', { scope: 'col' }, t(key))))),
    h('tbody', {}, cases.map(c => {
      const running = slaTimers(c, now).filter(s => s.running).sort((a, b) => a.left - b.left)[0];
      const overdue = running?.overdue;
      return h('tr', { class: overdue ? 'overdue' : null },
        h('th', { scope: 'row', 'data-label': t('cases.number') }, h('a', { href: `#/case/${c.id}` }, c.number)),
        h('td', { 'data-label': t('cases.child') }, childName(c) ?? h('span', { class: 'muted' }, t('person.unnamed'))),
        byCase.size ? h('td', { 'data-label': t('search.match'), class: 'found-by' }, byCase.has(c.id) ? foundBy(c, byCase.get(c.id)) : null) : null,
        h('td', { 'data-label': t('cases.category') }, categoryLabel(c)),
        h('td', { 'data-label': t('cases.country') }, countryName(c.country)),
        h('td', { 'data-label': t('cases.status') }, statusBadge(c)),
        h('td', { 'data-label': t('cases.risk') }, riskBadge(c.risk.level)),
        h('td', { 'data-label': t('cases.sla') }, running
          ? h('span', { class: overdue ? 'sla overdue' : 'sla' }, overdue ? h('strong', {}, timerText(running)) : timerText(running))
          : h('span', { class: 'muted' }, '—')),
        h('td', { 'data-label': t('cases.opened') }, dateTime(c.openedAt)));
    }))));
}
