// Possible duplicates — "do we already know this child?". On the intake form, the cases whose children may be the
// child being typed, each a link to open that case instead of a new one; on the case page, the other cases that may
// be about the same child, with "Same child" and "Not the same" for those who may change cases, and the decisions
// taken, undoable with a reason. Only ever cases the user may read: the API never proposes another.
import { h, replace, append } from '../dom.js';
import { t, label, date, dateTime, countryName } from '../i18n.js';
import { request, optional, query } from '../api.js';
import { announce, announceError } from '../messages.js';
import { session, supports } from '../state.js';
import { fieldRow, showProblems, clearProblems } from '../form.js';

/** Quiet time after the last keystroke before asking the API, so that typing a name costs one request, not ten. */
const DEBOUNCE_MS = 250;
/** Fewer letters than this in the two names together propose too much to be of use. */
const MIN_LETTERS = 2;
/** The longest reason the API takes. */
const REASON_LENGTH = 1000;

/**
 * The "Possible matches" panel of the intake form. It watches the child's family name, given name and date of
 * birth in `form` and shows the candidates for them; it reads the inputs and never writes them, so what the user
 * typed stays as typed. A newer keystroke cancels the request of an older one, and a late answer to an outdated
 * request is never shown.
 * @return the panel, or null when the platform's API offers no candidates
 */
export function intakeMatches(form) {
  if (!supports('get', '/api/v1/duplicates/candidates')) return null;
  const inputs = ['child.familyName', 'child.givenName', 'child.dateOfBirth'].map(name => form.querySelector(`[name="${name}"]`));
  const [familyName, givenName, dateOfBirth] = inputs;
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const list = h('ul', { class: 'candidates' });
  const panel = h('section', { class: 'panel matches', 'aria-labelledby': 'matches-h', hidden: true },
    h('h2', { id: 'matches-h' }, t('duplicate.matches')), status, list);
  let timer = null;
  let pending = null;
  let asking = null;
  let shown = '';

  const look = async () => {
    const params = { familyName: familyName.value.trim(), givenName: givenName.value.trim(), dateOfBirth: dateOfBirth.value };
    const asked = query(params);
    if (asked === shown || (pending && asked === asking)) return;
    pending?.abort();
    pending = null;
    if ((params.familyName + params.givenName).replace(/\s/g, '').length < MIN_LETTERS) {
      shown = asked;
      panel.hidden = true;
      replace(list);
      status.textContent = '';
      return;
    }
    const mine = new AbortController();
    pending = mine;
    asking = asked;
    panel.hidden = false;
    panel.setAttribute('aria-busy', 'true');
    status.textContent = t('duplicate.looking');
    let found;
    try {
      found = (await request('GET', `/api/v1/duplicates/candidates${asked}`, { signal: mine.signal })).body?.items ?? [];
    } catch (error) {
      if (mine.signal.aborted || error?.name === 'AbortError') return;
      found = null;
    }
    // an answer to an outdated request (the user typed on meanwhile) is dropped: the newer request shows its own
    if (pending !== mine) return;
    pending = null;
    shown = found ? asked : '';
    panel.removeAttribute('aria-busy');
    if (found === null) {
      replace(list);
      status.textContent = t('duplicate.unavailable');
      return;
    }
    status.textContent = found.length === 0 ? t('duplicate.noMatch')
      : found.length === 1 ? t('duplicate.foundOne') : t('duplicate.found', found.length);
    replace(list, found.map(candidate => h('li', { class: 'candidate', 'data-case': candidate.caseId },
      candidateSummary(candidate),
      h('p', {}, h('a', { href: `#/case/${candidate.caseId}` }, t('duplicate.open', candidate.caseNumber))))));
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(look, DEBOUNCE_MS);
  };
  for (const input of inputs) {
    input.addEventListener('input', later);
    input.addEventListener('change', later);
  }
  return panel;
}

/**
 * The "Possible same child" section of a case page: the candidates and the decisions about the case.
 * @param reload shows the case again after a change
 * @return the section, or null when the platform's API offers no candidates
 */
export async function sameChildSection(c, reload) {
  if (!supports('get', '/api/v1/duplicates/candidates') || !supports('get', '/api/v1/duplicates/links')) return null;
  // the case page shows without this section rather than not at all when these reads fail
  const [candidates, links] = await Promise.all([
    optional(`/api/v1/duplicates/candidates${query({ caseId: c.id })}`).catch(() => null),
    optional(`/api/v1/duplicates/links${query({ caseId: c.id })}`).catch(() => null),
  ]);
  if (!candidates && !links) return null;
  // a decision names the other case by id: its number is read from it (the API lists only decisions about cases
  // the user may read)
  const decisions = links?.items ?? [];
  const others = new Map(await Promise.all([...new Set(decisions.map(l => l.otherCaseId))]
    .map(async id => [id, (await optional(`/api/v1/cases/${id}`).catch(() => null))?.number ?? null])));
  const mayDecide = (session.user?.permissions ?? []).includes('CASE_UPDATE');
  const items = candidates?.items ?? [];
  return h('section', { 'aria-labelledby': 'same-child-h', class: 'panel same-child' },
    h('h2', { id: 'same-child-h' }, t('duplicate.title')),
    items.length === 0 ? h('p', { class: 'muted' }, t('duplicate.none')) : h('ul', { class: 'candidates' }, items.map(candidate =>
      h('li', { class: 'candidate', 'data-case': candidate.caseId },
        candidateSummary(candidate),
        mayDecide && supports('post', '/api/v1/duplicates/links') ? decideControls(c, candidate, reload) : null))),
    decisions.length === 0 ? null : [
      h('h3', {}, t('duplicate.decisions')),
      h('ul', { class: 'case-links' }, decisions.map(link => linkItem(link, others.get(link.otherCaseId),
        mayDecide && link.undoneAt == null && supports('post', '/api/v1/duplicates/links/{linkId}/undo'), reload)))]);
}

/** One candidate: its case number and child, born when, where, in which state, why it is proposed, and its score. */
function candidateSummary(candidate) {
  const name = [candidate.givenName, candidate.familyName].filter(Boolean).join(' ') || t('person.unnamed');
  const facts = [
    candidate.dateOfBirth ? t('duplicate.born', date(candidate.dateOfBirth)) : null,
    countryName(candidate.country),
    stateName(candidate.centerId, candidate.status),
  ].filter(Boolean).join(' · ');
  return [
    h('p', { class: 'candidate-head' }, h('strong', {}, candidate.caseNumber), ' ', name),
    h('p', { class: 'muted small' }, facts),
    h('p', { class: 'reasons' },
      h('span', { class: 'visually-hidden' }, t('duplicate.why'), ' '),
      candidate.reasons.map(reason => [h('span', { class: 'badge reason', 'data-reason': reason }, t(`duplicate.reason.${reason}`)), ' ']),
      h('span', { class: 'muted small' }, t('duplicate.score', candidate.score))),
  ];
}

/** What a center calls one of its states, in any of its workflow versions; the id when unknown. */
function stateName(centerId, stateId) {
  const states = (session.centers.get(centerId)?.workflows ?? []).flatMap(w => w.states);
  return label(states.find(s => s.id === stateId)?.labels, stateId);
}

/** "Same child" and "Not the same": each asks for the reason before anything is recorded. */
function decideControls(c, candidate, reload) {
  let sameChild = true;
  const reason = h('textarea', { name: 'reason', rows: 2, maxlength: REASON_LENGTH });
  const reasonRow = fieldRow('reason', t('duplicate.sameReason'), reason, { required: true });
  const confirm = h('button', { type: 'submit' }, t('duplicate.confirmSame'));
  const form = h('form', { class: 'inline-form decide', novalidate: true, hidden: true, onsubmit: e => {
    e.preventDefault();
    clearProblems(form);
    const why = reason.value.trim();
    if (!why) {
      showProblems(form, [{ field: 'reason', message: t('form.requiredMessage') }]);
      return;
    }
    submit(form, () => request('POST', '/api/v1/duplicates/links', { body: { caseId: c.id, otherCaseId: candidate.caseId, sameChild, reason: why } }),
      t(sameChild ? 'duplicate.decidedSame' : 'duplicate.decidedNotSame', candidate.caseNumber), reload);
  } },
    reasonRow,
    h('div', { class: 'actions' }, confirm,
      h('button', { type: 'button', class: 'secondary', onclick: () => { form.hidden = true; } }, t('form.cancel'))));
  const ask = same => {
    sameChild = same;
    reasonRow.querySelector('label').firstChild.textContent = t(same ? 'duplicate.sameReason' : 'duplicate.notSameReason');
    confirm.textContent = t(same ? 'duplicate.confirmSame' : 'duplicate.confirmNotSame');
    clearProblems(form);
    form.hidden = false;
    reason.focus();
  };
  return [
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', 'data-decision': 'same', onclick: () => ask(true) }, t('duplicate.sameChild')),
      h('button', { type: 'button', class: 'secondary', 'data-decision': 'not-same', onclick: () => ask(false) }, t('duplicate.notSame'))),
    form,
  ];
}

/** One decision: what, about which case, who decided when and why, and whether (and why) it was undone. */
function linkItem(link, otherNumber, mayUndo, reload) {
  const other = otherNumber ?? t('duplicate.anotherCase');
  const item = h('li', { class: link.undoneAt == null ? 'case-link' : 'case-link undone', 'data-link': link.id },
    h('p', {}, h('a', { href: `#/case/${link.otherCaseId}`, class: 'case-link-title' },
      t(link.sameChild ? 'duplicate.linkSame' : 'duplicate.linkNotSame', other)), ' ',
      link.undoneAt == null ? null : h('span', { class: 'badge' }, t('duplicate.undone'))),
    h('p', { class: 'muted small' }, t('duplicate.decidedBy', link.decidedBy, dateTime(link.decidedAt))),
    h('p', { class: 'note-text' }, link.reason),
    link.undoneAt == null ? null : [
      h('p', { class: 'muted small' }, t('duplicate.undoneBy', link.undoneBy, dateTime(link.undoneAt))),
      h('p', { class: 'note-text' }, link.undoReason)]);
  if (!mayUndo) return item;
  const form = h('form', { class: 'inline-form', novalidate: true, onsubmit: e => {
    e.preventDefault();
    clearProblems(form);
    const why = form.querySelector('[name=reason]').value.trim();
    if (!why) {
      showProblems(form, [{ field: 'reason', message: t('form.requiredMessage') }]);
      return;
    }
    submit(form, () => request('POST', `/api/v1/duplicates/links/${link.id}/undo`, { body: { reason: why } }),
      t('duplicate.undoneNow'), reload);
  } },
    fieldRow('reason', t('duplicate.undoReason'), h('textarea', { name: 'reason', rows: 2, maxlength: REASON_LENGTH }), { required: true }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t('duplicate.undo'))));
  return append(item, h('details', { class: 'action' }, h('summary', {}, t('duplicate.undo')), form));
}

/**
 * Runs a decision; a 422 goes beside the reason, a 409 (someone decided meanwhile) shows the case as it is now,
 * anything else goes into the page's messages.
 */
async function submit(form, send, done, reload) {
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    await send();
  } catch (error) {
    button.disabled = false;
    if (error.status === 422 && error.errors.length) {
      showProblems(form, error.errors);
    } else if (error.status === 409) {
      await reload();
      announce(t('duplicate.conflict'), 'info');
    } else {
      announceError(error);
    }
    return;
  }
  await reload();
  announce(done, 'success');
}
