// The case page's alert panel, for centers whose plugin declares an alert plan: the case's alerts with the plan's
// criteria met, unmet or unknown at the request and at the decision, the CAP messages published, and what the user
// may do next as the plan says — request; approve or refuse (never one's own request: four eyes, which the store
// enforces); issue, choosing the photo among the case's image attachments (none unless chosen); publish an update;
// cancel.
import { h, append } from '../dom.js';
import { t, label, dateTime } from '../i18n.js';
import { request } from '../api.js';
import { session } from '../state.js';
import { fieldRow, clearProblems, choiceText } from '../form.js';

const OPEN = ['REQUESTED', 'APPROVED', 'ACTIVE'];
const GRADES = {
  urgency: ['IMMEDIATE', 'EXPECTED', 'FUTURE', 'PAST', 'UNKNOWN'],
  severity: ['EXTREME', 'SEVERE', 'MODERATE', 'MINOR', 'UNKNOWN'],
  certainty: ['OBSERVED', 'LIKELY', 'POSSIBLE', 'UNLIKELY', 'UNKNOWN'],
};

/**
 * @param alerts the case's alerts, oldest first
 * @param change (form, send, doneMessage) => runs a change and shows the case again
 * @param attachments the case's attachments: its images are the photos an issuer may choose
 * @return the panel, or null when the case's center has no alert plan
 */
export function alertsSection(c, alerts, change, attachments = []) {
  const plan = session.centers.get(c.centerId)?.alertPlan;
  if (!plan) return null;
  const roles = session.user?.roles ?? [];
  const may = allowed => allowed.some(role => roles.includes(role));
  const own = c.centerId === session.user?.centerId;
  const section = h('section', { 'aria-labelledby': 'alerts-h', class: 'panel' },
    h('h2', { id: 'alerts-h' }, label(plan.event, t('alert.title'))));
  append(section, alerts.length === 0 ? h('p', { class: 'muted' }, t('alert.none'))
    : h('ul', { class: 'alerts' }, [...alerts].reverse().map(a => alertItem(a, own && may(plan.deciders), change, attachments))));
  if (own && !c.closed && may(plan.requesters) && !alerts.some(a => OPEN.includes(a.status))) {
    append(section, requestForm(c, change));
  }
  return section;
}

function alertItem(a, decider, change, attachments) {
  const mine = a.requestedBy === session.user?.username;
  return h('li', { class: 'alert-item', 'data-alert': a.id },
    h('p', {}, h('span', { class: 'badge alert-status' }, t(`alert.status.${a.status}`)), ' ',
      h('span', { class: 'muted small' }, t('alert.requestedBy', a.requestedBy, dateTime(a.requestedAt)))),
    h('p', { class: 'note-text' }, a.requestReason),
    criteria(a.decidedAt ? a.decisionEvidence : a.evaluation),
    a.decidedAt ? h('p', { class: 'muted small' }, t('alert.decidedBy', a.decidedBy, dateTime(a.decidedAt))) : null,
    a.decisionReasons ? h('p', { class: 'note-text' }, a.decisionReasons) : null,
    a.messages.length ? h('p', { class: 'small' }, t('alert.messages'), ' ', a.messages.map((m, i) => [i ? ' · ' : '',
      h('a', { href: `/api/v1/alerts/messages/${m.id}`, target: '_blank', rel: 'noopener' }, `${m.type} ${dateTime(m.sent)}`)])) : null,
    decider ? next(a, mine, change, attachments) : null);
}

function criteria(results) {
  return h('ul', { class: 'criteria' }, results.map(r => h('li', {},
    h('span', { class: `badge outcome-${r.outcome.toLowerCase()}` }, t(`alert.outcome.${r.outcome}`)), ' ',
    label(r.labels, r.criterionId),
    r.value ? h('span', { class: 'muted' }, ` (${r.evidence === 'child-age' ? r.value : choiceText(r.value)})`) : null)));
}

/** The decider's next step for the alert, by its status. */
function next(a, mine, change, attachments) {
  const base = `/api/v1/alerts/${a.id}`;
  switch (a.status) {
    case 'REQUESTED':
      return mine ? h('p', { class: 'muted' }, t('alert.fourEyes')) : decisionForm(base, change);
    case 'APPROVED': {
      // the public sees the photo: the issuer picks it explicitly, never "the first image"
      const images = attachments.filter(f => (f.contentType ?? '').startsWith('image/'));
      const form = h('form', { class: 'inline-form', onsubmit: e => {
        e.preventDefault();
        clearProblems(form);
        const photoId = new FormData(form).get('photoId') || null;
        change(form, () => request('POST', `${base}/issue`, { body: { photoId } }), t('alert.issued'));
      } },
        fieldRow('photoId', t('alert.photo'), h('select', { name: 'photoId' },
          h('option', { value: '' }, t('alert.noPhoto')),
          images.map(f => h('option', { value: f.id }, f.filename ?? f.id)))),
        h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('alert.issue'))));
      return form;
    }
    case 'ACTIVE':
      return [textForm(`${base}/updates`, 'note', t('alert.note'), t('alert.update'), t('alert.updated'), change),
        textForm(`${base}/cancellation`, 'reason', t('alert.reasons'), t('alert.cancel'), t('alert.cancelled'), change)];
    default:
      return null;
  }
}

function decisionForm(base, change) {
  const form = h('form', { class: 'inline-form', novalidate: true, onsubmit: e => {
    e.preventDefault();
    clearProblems(form);
    const data = new FormData(form);
    const approve = e.submitter?.value === 'approve';
    const body = { approve, reasons: data.get('reasons').trim() };
    if (approve) Object.keys(GRADES).forEach(k => { body[k] = data.get(k); });
    change(form, () => request('POST', `${base}/decision`, { body }), t('alert.decided'));
  } },
    fieldRow('reasons', t('alert.reasons'), h('textarea', { name: 'reasons', rows: 2 }), { required: true }),
    h('div', { class: 'grid' }, Object.entries(GRADES).map(([name, values]) =>
      fieldRow(name, t(`alert.${name}`), h('select', { name }, values.map(v => h('option', { value: v }, v)))))),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', value: 'approve' }, t('alert.approve')),
      h('button', { type: 'submit', value: 'refuse', class: 'secondary' }, t('alert.refuse'))));
  return h('details', { class: 'action' }, h('summary', {}, t('alert.decide')), form);
}

function requestForm(c, change) {
  const form = h('form', { class: 'inline-form', novalidate: true, onsubmit: e => {
    e.preventDefault();
    clearProblems(form);
    const reason = new FormData(form).get('reason').trim();
    change(form, () => request('POST', '/api/v1/alerts', { body: { caseId: c.id, reason } }), t('alert.requested'));
  } },
    fieldRow('reason', t('alert.reason'), h('textarea', { name: 'reason', rows: 2 }), { required: true }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('alert.request'))));
  return h('details', { class: 'action' }, h('summary', {}, t('alert.request')), form);
}

function textForm(path, name, text, button, done, change) {
  const form = h('form', { class: 'inline-form', novalidate: true, onsubmit: e => {
    e.preventDefault();
    clearProblems(form);
    change(form, () => request('POST', path, { body: { [name]: new FormData(form).get(name).trim() } }), done);
  } },
    fieldRow(name, text, h('textarea', { name, rows: 2 }), { required: true }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, button)));
  return h('details', { class: 'action' }, h('summary', {}, button), form);
}
