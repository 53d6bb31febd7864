// Cross-border and police work on the case page and in "My work": the police referral pack (what the INTERPOL
// Yellow Notice minimum lacks, as the API words it in the user's language), the referrals sent with their PDF and
// next step, transfer and share requests of the case, and the requests addressed to the user's center with
// accept and reject. Each part appears only where the platform's API offers it.
import { h, append } from '../dom.js';
import { t, dateTime } from '../i18n.js';
import { request, optional, query } from '../api.js';
import { announce, announceError } from '../messages.js';
import { session, supports } from '../state.js';
import { fieldRow, showProblems, clearProblems } from '../form.js';

const NEXT_STEP = { SENT: 'ACKNOWLEDGED', ACKNOWLEDGED: 'ACTED_ON' };

/**
 * The referral and transfer panels of a case.
 * @param reload shows the case again after a change
 */
export async function crossBorderPanels(c, reload) {
  const [pack, referrals, transfers] = await Promise.all([
    supports('get', '/api/v1/referral-packs/{caseId}') ? optional(`/api/v1/referral-packs/${c.id}`) : null,
    supports('get', '/api/v1/referrals') ? optional(`/api/v1/referrals${query({ caseId: c.id })}`) : null,
    supports('get', '/api/v1/transfers') ? optional(`/api/v1/transfers${query({ caseId: c.id })}`) : null,
  ]);
  const owned = c.centerId === session.user.centerId;
  return [
    pack ? referralPanel(c, pack, referrals?.items ?? [], reload) : null,
    transfers ? transferPanel(c, transfers.items ?? [], owned, reload) : null,
  ];
}

/** Requests addressed to the user's center and waiting for its decision, for "My work"; null when none. */
export async function incomingPanel(reload) {
  if (!supports('get', '/api/v1/transfers')) return null;
  const incoming = await optional(`/api/v1/transfers${query({ direction: 'incoming', status: 'PENDING' })}`);
  const items = incoming?.items ?? [];
  if (items.length === 0) return null;
  return h('section', { 'aria-labelledby': 'incoming-h', class: 'panel' },
    h('h2', { id: 'incoming-h' }, t('transfer.incoming'), ' ', h('span', { class: 'count' }, String(items.length))),
    h('p', { class: 'muted' }, t('transfer.incomingHint')),
    h('ul', { class: 'transfers' }, items.map(request => h('li', {},
      requestSummary(request),
      decisionForm(request, reload)))));
}

/** Runs a change; a 422 goes beside the form's fields, anything else into the page's messages. */
async function submit(form, send, done, reload) {
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    await send();
  } catch (error) {
    button.disabled = false;
    if (error.status === 422 && error.errors.length) showProblems(form, error.errors);
    else announceError(error);
    return;
  }
  await reload();
  announce(done, 'success');
}

function referralPanel(c, pack, referrals, reload) {
  const section = h('section', { 'aria-labelledby': 'referral-h', class: 'panel' },
    h('h2', { id: 'referral-h' }, t('referral.title')),
    pack.complete ? h('p', {}, t('referral.complete'))
      : [h('p', {}, t('referral.missing')), h('ul', { class: 'missing' }, pack.missing.map(m => h('li', {}, m.message)))],
    referrals.length === 0 ? h('p', { class: 'muted' }, t('referral.none')) : h('ul', { class: 'referrals' },
      [...referrals].reverse().map(r => h('li', {},
        h('p', {}, h('strong', {}, r.agency), ' ', h('span', { class: 'badge status' }, t(`referral.status.${r.status}`))),
        h('p', { class: 'muted small' }, t('referral.sent', dateTime(r.sentAt), r.sentBy),
          r.pack.missing.length ? ` · ${t('referral.sentIncomplete', r.pack.missing.length)}` : ''),
        h('p', {}, h('a', { href: `/api/v1/referrals/${r.id}/pdf`, download: '' }, t('referral.pdf')), ' · ',
          h('a', { href: `/api/v1/referrals/${r.id}`, download: `referral-${r.id}.json` }, t('referral.json'))),
        NEXT_STEP[r.status] && supports('post', '/api/v1/referrals/{referralId}/status') ? stepForm(r, reload) : null))));
  if (!supports('post', '/api/v1/referrals') || c.closed) return section;
  const form = h('form', { class: 'inline-form', novalidate: true, onsubmit: e => {
    e.preventDefault();
    clearProblems(form);
    const agency = form.querySelector('[name=agency]').value.trim();
    const note = form.querySelector('[name=note]').value.trim();
    submit(form, () => request('POST', '/api/v1/referrals', { body: { caseId: c.id, agency, note: note || null } }),
      t('referral.done', agency), reload);
  } },
    fieldRow('agency', t('referral.agency'), h('input', { name: 'agency', autocomplete: 'off' }), { required: true }),
    fieldRow('note', t('case.note'), h('textarea', { name: 'note', rows: 2 })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('referral.send'))));
  return append(section, h('details', {}, h('summary', {}, t('referral.send')), form));
}

function stepForm(referral, reload) {
  const next = NEXT_STEP[referral.status];
  const form = h('form', { class: 'inline-form', novalidate: true, onsubmit: e => {
    e.preventDefault();
    const note = form.querySelector('[name=note]').value.trim();
    submit(form, () => request('POST', `/api/v1/referrals/${referral.id}/status`, { body: { status: next, note: note || null } }),
      t(`referral.status.${next}`), reload);
  } },
    fieldRow('note', t('case.note'), h('input', { name: 'note', autocomplete: 'off' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, t(`referral.mark.${next}`))));
  return form;
}

function transferPanel(c, requests, owned, reload) {
  const section = h('section', { 'aria-labelledby': 'transfer-h', class: 'panel' },
    h('h2', { id: 'transfer-h' }, t('transfer.title')),
    requests.length === 0 ? h('p', { class: 'muted' }, t('transfer.none'))
      : h('ul', { class: 'transfers' }, [...requests].reverse().map(r => h('li', {}, requestSummary(r)))));
  if (!owned || c.closed || !supports('post', '/api/v1/transfers')) return section;
  const others = [...session.centers.values()].filter(center => center.id !== c.centerId);
  const form = h('form', { class: 'inline-form', novalidate: true, onsubmit: e => {
    e.preventDefault();
    clearProblems(form);
    const data = new FormData(form);
    submit(form, () => request('POST', '/api/v1/transfers', { body: {
      caseId: c.id, kind: data.get('kind'), toCenterId: data.get('toCenterId'), reason: data.get('reason').trim(),
    } }), t('transfer.asked'), reload);
  } },
    h('div', { class: 'grid' },
      fieldRow('kind', t('transfer.kind'), h('select', { name: 'kind' },
        ['SHARE', 'TRANSFER'].map(kind => h('option', { value: kind }, t(`transfer.kind.${kind}`))))),
      fieldRow('toCenterId', t('transfer.to'), h('select', { name: 'toCenterId' },
        others.map(center => h('option', { value: center.id }, center.name))))),
    fieldRow('reason', t('transfer.reason'), h('textarea', { name: 'reason', rows: 2 }), { required: true }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('transfer.ask'))));
  return append(section, h('details', {}, h('summary', {}, t('transfer.ask')), form));
}

/** One request: what, between which centers, where it stands, and the reasons on both sides. */
function requestSummary(r) {
  const name = id => session.centers.get(id)?.name ?? id;
  return [
    h('p', {}, h('strong', {}, t(`transfer.kind.${r.kind}`)), ` ${r.caseNumber} · ${name(r.fromCenterId)} → ${name(r.toCenterId)} `,
      h('span', { class: 'badge status' }, t(`transfer.status.${r.status}`))),
    h('p', { class: 'muted small' }, `${dateTime(r.requestedAt)} · ${r.requestedBy}`),
    h('p', { class: 'note-text' }, r.reason),
    r.decidedAt ? h('p', { class: 'muted small' }, t('transfer.decided', r.decidedBy, dateTime(r.decidedAt)), ': ', r.decisionReason) : null,
  ];
}

function decisionForm(r, reload) {
  let decision = 'ACCEPT';
  const form = h('form', { class: 'inline-form', novalidate: true, onsubmit: e => {
    e.preventDefault();
    clearProblems(form);
    const reason = form.querySelector('[name=reason]').value.trim();
    submit(form, () => request('POST', `/api/v1/transfers/${r.id}/decision`, { body: { decision, reason } }),
      t(`transfer.status.${decision === 'ACCEPT' ? 'ACCEPTED' : 'REJECTED'}`), reload);
  } },
    fieldRow('reason', t('transfer.reason'), h('input', { name: 'reason', autocomplete: 'off' }), { required: true }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', onclick: () => { decision = 'ACCEPT'; } }, t('transfer.accept')),
      h('button', { type: 'submit', class: 'secondary', onclick: () => { decision = 'REJECT'; } }, t('transfer.reject'))));
  return form;
}
