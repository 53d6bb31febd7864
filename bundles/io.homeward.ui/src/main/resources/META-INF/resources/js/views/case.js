// The case page: header (number, status, risk and why, SLA timers), the workflow actions the center allows in
// the current state with the fields they need, persons, the cases that may be about the same child, the center's
// fields, notes, attachments, assignment and the timeline. Everything center-specific comes from the center's
// declaration.
import { h, replace, append } from '../dom.js';
import { t, label, dateTime, date, countryName } from '../i18n.js';
import { request, get, optional } from '../api.js';
import { announce, announceError } from '../messages.js';
import { session, workflowOf, stateLabel, categoryLabel, fieldDefinition, supports } from '../state.js';
import { slaTimers, timerText, riskBadge, statusBadge, personName, childName } from '../cases.js';
import { fieldRow, customFieldRow, customFieldValues, fieldValueText, showProblems, clearProblems } from '../form.js';
import { crossBorderPanels } from './referrals.js';
import { alertsSection } from './alerts.js';
import { sameChildSection } from './duplicates.js';

const BASE = '/api/v1/cases/{id}';

export async function caseView(main, id) {
  const [read, history, notes, attachments, alerts] = await Promise.all([
    request('GET', `/api/v1/cases/${id}`),
    get(`/api/v1/cases/${id}/history`),
    supports('get', `${BASE}/notes`) ? optional(`/api/v1/cases/${id}/notes`) : null,
    supports('get', `${BASE}/attachments`) ? optional(`/api/v1/cases/${id}/attachments`) : null,
    supports('get', '/api/v1/alerts') ? optional(`/api/v1/alerts?caseId=${id}`) : null,
  ]);
  const c = read.body;
  const page = { main, id, etag: read.etag };
  const [crossBorder, sameChild] = await Promise.all([crossBorderPanels(c, () => caseView(main, id)),
    sameChildSection(c, () => caseView(main, id))]);
  replace(main,
    header(c),
    h('div', { class: 'case-layout' },
      h('div', { class: 'case-main' },
        actions(c, page),
        persons(c, page),
        sameChild,
        ...declaredSections(c),
        details(c, page),
        notes ? notesSection(notes.items ?? [], page) : null,
        timeline(c, history.items)),
      h('div', { class: 'case-side' },
        assignment(c, page),
        alerts ? alertsSection(c, alerts.items ?? [], (form, send, done) => change(page, form, send, done),
          attachments?.items ?? []) : null,
        attachments ? attachmentsSection(attachments.items ?? [], page) : null,
        ...crossBorder)));
  document.title = `${c.number} — Homeward`;
}

/** Runs a change of the case; then shows the case as it is now, or says calmly why the change did not happen. */
async function change(page, form, send, done) {
  const button = form?.querySelector('button[type=submit]');
  if (button) button.disabled = true;
  try {
    await send();
  } catch (error) {
    if (button) button.disabled = false;
    if (error.status === 422 && error.errors.length && form) {
      showProblems(form, error.errors);
    } else if (error.status === 412 || error.status === 409) {
      // someone else changed the case since it was read: show their change rather than overwrite it
      await caseView(page.main, page.id);
      announce(t('error.stale'), 'info');
    } else {
      announceError(error);
    }
    return;
  }
  await caseView(page.main, page.id);
  announce(done, 'success');
  page.main.querySelector('h1')?.focus();
}

function header(c) {
  const timers = slaTimers(c);
  return h('header', { class: 'case-header card' },
    h('div', { class: 'case-title' },
      h('h1', { tabindex: '-1' }, t('case.title', c.number)),
      statusBadge(c)),
    h('p', { class: 'case-sub' },
      [childName(c), categoryLabel(c), countryName(c.country), t('case.openedAt', dateTime(c.openedAt))].filter(Boolean).join(' · ')),
    h('div', { class: 'case-facts' },
      h('section', { 'aria-labelledby': 'risk-h', class: 'risk-box' },
        h('h2', { id: 'risk-h' }, t('cases.risk')),
        h('p', {}, riskBadge(c.risk.level)),
        h('p', { class: 'risk-reason' }, c.risk.reason),
        h('p', { class: 'muted small' }, t('case.assessedBy', c.risk.assessedBy, dateTime(c.risk.assessedAt)))),
      h('section', { 'aria-labelledby': 'sla-h', class: 'sla-box' },
        h('h2', { id: 'sla-h' }, t('case.slas')),
        timers.length === 0 ? h('p', { class: 'muted' }, t('case.noSlas')) : h('ul', { class: 'timers' }, timers.map(timer =>
          h('li', { class: timer.running && timer.overdue ? 'timer overdue' : 'timer' },
            h('span', { class: 'timer-label' }, timer.label),
            h('span', { class: 'timer-state' }, timer.running && timer.overdue ? h('strong', {}, timerText(timer)) : timerText(timer)),
            h('span', { class: 'muted small' }, t('sla.deadline', dateTime(timer.deadline)))))))));
}

/** The workflow actions allowed in the case's state, each with the fields its target state requires. */
/**
 * Whether the user may only read the case: the store lets a center change only the cases it owns (or that are
 * assigned to the user); one it sees through a share or as their hub it may read.
 */
function readOnly(c) {
  return c.centerId !== session.user.centerId && c.assignee !== session.user.username;
}

function actions(c, page) {
  const workflow = workflowOf(c);
  const allowed = c.closed || readOnly(c) ? [] : (workflow?.actions ?? []).filter(a => a.from.includes(c.status));
  const section = h('section', { 'aria-labelledby': 'actions-h', class: 'panel' }, h('h2', { id: 'actions-h' }, t('case.actions')));
  if (readOnly(c)) return append(section, h('p', { class: 'muted' }, t('case.readOnly')));
  if (allowed.length === 0) return append(section, h('p', { class: 'muted' }, c.closed ? t('case.closed') : t('case.noActions')));
  return append(section, h('p', { class: 'muted' }, t('case.actionsHint', stateLabel(c))), allowed.map(action => {
    const target = workflow.states.find(s => s.id === action.to);
    const actionLabel = label(action.labels, action.id);
    const needed = (target?.requiredFields ?? []).map(fieldId => fieldDefinition(c.centerId, fieldId)).filter(Boolean);
    const form = h('form', { class: 'action-form', novalidate: true, 'data-action': action.id, onsubmit: e => {
      e.preventDefault();
      clearProblems(form);
      const note = form.querySelector('[name=note]').value.trim();
      change(page, form,
        () => request('POST', `/api/v1/cases/${c.id}/transitions`, { etag: page.etag, body: { action: action.id, fields: customFieldValues(form), note: note || null } }),
        t('case.actionDone', actionLabel, stateLabel(c, action.to)));
    } },
      needed.length ? h('p', { class: 'muted' }, t('case.actionNeeds', label(target.labels, target.id))) : null,
      needed.map(f => customFieldRow(f, { value: c.fields[f.id] ?? '', required: true, persons: c.persons })),
      fieldRow('note', t('case.note'), h('textarea', { name: 'note', rows: 2 })),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, actionLabel)));
    return h('details', { class: 'action' },
      h('summary', {}, actionLabel, ' ', h('span', { class: 'muted' }, '→ ', label(target?.labels, action.to))), form);
  }));
}

function persons(c, page) {
  const roleOrder = ['CHILD', 'ALLEGED_ABDUCTOR', 'REPORTER', 'CONTACT'];
  const sorted = [...c.persons].sort((a, b) => roleOrder.indexOf(a.details.role) - roleOrder.indexOf(b.details.role));
  const section = h('section', { 'aria-labelledby': 'persons-h', class: 'panel' },
    h('h2', { id: 'persons-h' }, t('case.persons')),
    h('ul', { class: 'persons' }, sorted.map(p => {
      const d = p.details;
      const facts = [
        d.sex ? [t('person.sex'), t(`sex.${d.sex}`)] : null,
        d.dateOfBirth ? [t('person.dateOfBirth'), date(d.dateOfBirth)] : null,
        d.phone ? [t('person.phone'), d.phone] : null,
        d.description ? [t('person.description'), d.description] : null,
      ].filter(Boolean);
      return h('li', { class: 'person' },
        h('p', { class: 'person-name' }, personName(p), ' ', h('span', { class: 'badge' }, t(`role.${d.role}`))),
        facts.length ? h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])) : null);
    })));
  if (!supports('post', `${BASE}/persons`) || c.closed || readOnly(c)) return section;
  const form = h('form', { class: 'inline-form', novalidate: true, onsubmit: e => {
    e.preventDefault();
    const data = new FormData(form);
    const value = name => data.get(name)?.trim() || null;
    change(page, form, () => request('POST', `/api/v1/cases/${c.id}/persons`, { etag: page.etag, body: {
      role: data.get('role'), givenName: value('givenName'), familyName: value('familyName'),
      sex: value('sex'), dateOfBirth: value('dateOfBirth'), description: value('description'), phone: value('phone'),
    } }), t('case.personAdded'));
  } },
    h('div', { class: 'grid' },
      fieldRow('role', t('person.role'), h('select', { name: 'role' }, roleOrder.map(r => h('option', { value: r }, t(`role.${r}`))))),
      fieldRow('givenName', t('person.givenName'), h('input', { name: 'givenName', autocomplete: 'off' })),
      fieldRow('familyName', t('person.familyName'), h('input', { name: 'familyName', autocomplete: 'off' })),
      fieldRow('sex', t('person.sex'), h('select', { name: 'sex' }, h('option', { value: '' }, t('form.unknown')),
        ['FEMALE', 'MALE', 'UNKNOWN'].map(s => h('option', { value: s }, t(`sex.${s}`))))),
      fieldRow('dateOfBirth', t('person.dateOfBirth'), h('input', { type: 'date', name: 'dateOfBirth' })),
      fieldRow('phone', t('person.phone'), h('input', { type: 'tel', name: 'phone', autocomplete: 'off' }))),
    fieldRow('description', t('person.description'), h('textarea', { name: 'description', rows: 2 })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('case.addPerson'))));
  return append(section, h('details', {}, h('summary', {}, t('case.addPerson')), form));
}

/** The sections the center's plugin adds to its case page: a heading and the fields it groups under it. */
function declaredSections(c) {
  const center = session.centers.get(c.centerId);
  const definitions = new Map((center?.fields ?? []).map(f => [f.id, f]));
  return (center?.sections ?? []).map(s => h('section', { 'aria-labelledby': `section-${s.id}-h`, class: 'panel' },
    h('h2', { id: `section-${s.id}-h` }, label(s.labels, s.id)),
    h('dl', { class: 'facts wide' }, s.fields.filter(id => definitions.has(id)).map(id => [
      h('dt', {}, label(definitions.get(id).labels, id)),
      h('dd', {}, c.fields[id] ? fieldValueText(definitions.get(id), c.fields[id], c.persons)
        : h('span', { class: 'muted' }, t('case.notKnownYet')))]))));
}

/**
 * The center's custom fields: the filled ones not shown in a declared section as a list, and all of them to
 * edit where the API allows it.
 */
function details(c, page) {
  const definitions = session.centers.get(c.centerId)?.fields ?? [];
  const inSections = new Set((session.centers.get(c.centerId)?.sections ?? []).flatMap(s => s.fields));
  const filled = definitions.filter(f => c.fields[f.id] && !inSections.has(f.id));
  const section = h('section', { 'aria-labelledby': 'details-h', class: 'panel' },
    h('h2', { id: 'details-h' }, t('case.details')),
    filled.length === 0 ? h('p', { class: 'muted' }, t('case.noDetails')) : h('dl', { class: 'facts wide' },
      filled.map(f => [h('dt', {}, label(f.labels, f.id)), h('dd', {}, fieldValueText(f, c.fields[f.id], c.persons))])));
  if (!supports('patch', BASE) || c.closed || readOnly(c)) return section;
  const form = h('form', { class: 'inline-form', novalidate: true, onsubmit: e => {
    e.preventDefault();
    // only what changed is sent; an emptied input clears the value (null), so untouched fields stay as they are
    const fields = Object.fromEntries(definitions
      .map(f => [f.id, form.querySelector(`[name="fields.${f.id}"]`).value.trim()])
      .filter(([id, value]) => value !== (c.fields[id] ?? ''))
      .map(([id, value]) => [id, value || null]));
    change(page, form, () => request('PATCH', `/api/v1/cases/${c.id}`, { etag: page.etag, body: { fields } }), t('case.detailsSaved'));
  } },
    h('div', { class: 'grid' }, definitions.map(f => customFieldRow(f, { value: c.fields[f.id] ?? '', persons: c.persons }))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('form.save'))));
  return append(section, h('details', {}, h('summary', {}, t('case.editDetails')), form));
}

function assignment(c, page) {
  const section = h('section', { 'aria-labelledby': 'assign-h', class: 'panel' },
    h('h2', { id: 'assign-h' }, t('case.assignee')),
    h('p', {}, c.assignee ?? h('span', { class: 'muted' }, t('case.unassigned'))));
  if (!supports('put', `${BASE}/assignee`) || c.closed || readOnly(c)) return section;
  const assign = (form, assignee) => change(page, form,
    () => request('PUT', `/api/v1/cases/${c.id}/assignee`, { etag: page.etag, body: { assignee } }),
    assignee ? t('case.assigned', assignee) : t('case.unassignedNow'));
  const me = session.user.username;
  const form = h('form', { class: 'inline-form', novalidate: true, onsubmit: e => {
    e.preventDefault();
    assign(form, form.querySelector('[name=assignee]').value.trim() || null);
  } },
    fieldRow('assignee', t('case.assignTo'), h('input', { name: 'assignee', value: c.assignee ?? '', autocomplete: 'off' }), { hint: t('case.assignHint') }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'secondary' }, t('case.assign')),
      c.assignee !== me ? h('button', { type: 'button', onclick: () => assign(form, me) }, t('case.assignMe')) : null));
  return append(section, form);
}

function notesSection(items, page) {
  const form = h('form', { class: 'inline-form', novalidate: true, onsubmit: e => {
    e.preventDefault();
    const text = form.querySelector('[name=text]').value.trim();
    if (!text) {
      showProblems(form, [{ field: 'text', message: t('form.requiredMessage') }]);
      return;
    }
    change(page, form, () => request('POST', `/api/v1/cases/${page.id}/notes`, { body: { text } }), t('case.noteAdded'));
  } },
    fieldRow('text', t('case.newNote'), h('textarea', { name: 'text', rows: 3 })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('case.addNote'))));
  return h('section', { 'aria-labelledby': 'notes-h', class: 'panel' },
    h('h2', { id: 'notes-h' }, t('case.notes')),
    items.length === 0 ? h('p', { class: 'muted' }, t('case.noNotes')) : h('ol', { class: 'notes' }, [...items].reverse().map(note =>
      h('li', {}, h('p', { class: 'muted small' }, `${dateTime(note.at)} · ${note.author}`), h('p', { class: 'note-text' }, note.text)))),
    form);
}

function attachmentsSection(items, page) {
  const file = h('input', { type: 'file', name: 'file' });
  const form = h('form', { class: 'inline-form', novalidate: true, onsubmit: e => {
    e.preventDefault();
    if (!file.files.length) {
      showProblems(form, [{ field: 'file', message: t('form.requiredMessage') }]);
      return;
    }
    // the API takes the file itself as the body, its name as a parameter; the browser sends the file's type
    const chosen = file.files[0];
    change(page, form, () => request('POST',
      `/api/v1/cases/${page.id}/attachments?filename=${encodeURIComponent(chosen.name)}`, { body: chosen }),
    t('case.attachmentAdded'));
  } },
    fieldRow('file', t('case.file'), file, { hint: t('case.fileHint') }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t('case.upload'))));
  return h('section', { 'aria-labelledby': 'attachments-h', class: 'panel' },
    h('h2', { id: 'attachments-h' }, t('case.attachments')),
    items.length === 0 ? h('p', { class: 'muted' }, t('case.noAttachments')) : h('ul', { class: 'attachments' }, items.map(a =>
      h('li', {}, h('a', { href: `/api/v1/cases/${page.id}/attachments/${a.id}`, download: '' }, a.filename ?? a.id),
        ' ', h('span', { class: 'muted small' }, [a.contentType, size(a.size), a.uploadedBy, dateTime(a.uploadedAt)].filter(Boolean).join(' · '))))),
    form);
}

function timeline(c, events) {
  return h('section', { 'aria-labelledby': 'timeline-h', class: 'panel' },
    h('h2', { id: 'timeline-h' }, t('case.timeline')),
    h('ol', { class: 'timeline', reversed: true }, [...events].reverse().map(event => {
      const workflow = workflowOf(c);
      const what = event.action
        ? label(workflow?.actions.find(a => a.id === event.action)?.labels, event.action)
        : eventKind(event.kind);
      const move = event.fromStatus && event.toStatus && event.fromStatus !== event.toStatus
        ? `${stateLabel(c, event.fromStatus)} → ${stateLabel(c, event.toStatus)}`
        : event.toStatus && !event.fromStatus ? stateLabel(c, event.toStatus) : null;
      return h('li', {},
        h('p', { class: 'timeline-head' }, h('strong', {}, what), move ? h('span', { class: 'muted' }, ` · ${move}`) : null),
        h('p', { class: 'muted small' }, `${dateTime(event.at)} · ${event.actor}`),
        event.note ? h('p', { class: 'note-text' }, event.note) : null);
    })));
}

function eventKind(kind) {
  const key = `event.${kind}`;
  const text = t(key);
  return text === key ? kind : text;
}

function size(bytes) {
  if (typeof bytes !== 'number') return null;
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

