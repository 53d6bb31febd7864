// Changing one's own password: from the top bar at any time, and first of all after a one-time password, which
// allows nothing else (the API refuses every other request until it is changed).
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { request } from '../api.js';
import { announce, describe } from '../messages.js';

/** The store's least length of a password (AccountServiceImpl.MIN_PASSWORD_LENGTH), checked here first. */
const MIN_LENGTH = 12;

/**
 * @param required true after a one-time password: the user can do nothing else yet
 * @param done what follows a change (the user's session is kept; their other sessions end)
 */
export function passwordView(main, { required, done }) {
  const error = h('p', { class: 'field-error', id: 'password-error', role: 'alert', hidden: true });
  const field = (id, label, autocomplete) => {
    const input = h('input', { id, name: id, type: 'password', autocomplete, required: true });
    return [input, h('div', { class: 'field' }, h('label', { for: id }, t(label)), input)];
  };
  const [current, currentField] = field('current-password', 'password.current', 'current-password');
  const [fresh, freshField] = field('new-password', 'password.new', 'new-password');
  const [repeat, repeatField] = field('repeat-password', 'password.repeat', 'new-password');
  const submit = h('button', { type: 'submit' }, t('password.submit'));
  const refuse = (message, input) => {
    error.textContent = message;
    error.hidden = false;
    input.focus();
  };
  const form = h('form', { class: 'card', novalidate: true, 'aria-describedby': 'password-error', onsubmit: async e => {
    e.preventDefault();
    error.hidden = true;
    if (!current.value) return refuse(t('password.missingCurrent'), current);
    if (fresh.value.length < MIN_LENGTH) return refuse(t('password.tooShort', MIN_LENGTH), fresh);
    if (fresh.value !== repeat.value) return refuse(t('password.mismatch'), repeat);
    submit.disabled = true;
    try {
      await request('PUT', '/api/v1/session/password', { body: { currentPassword: current.value, newPassword: fresh.value } });
      current.value = fresh.value = repeat.value = '';
      await done();
      announce(t('password.changed'), 'success');
    } catch (failure) {
      // what was typed stays, but for a wrong current password, typed again from scratch
      if (failure.status === 401) {
        current.value = '';
        refuse(t('password.wrongCurrent'), current);
      } else {
        refuse(describe(failure), fresh);
      }
    } finally {
      submit.disabled = false;
    }
  } },
    h('h1', { tabindex: '-1' }, t('password.title')),
    h('p', { class: 'muted' }, t(required ? 'password.required' : 'password.intro', MIN_LENGTH)),
    error, currentField, freshField, repeatField, submit);
  replace(main, form);
}
