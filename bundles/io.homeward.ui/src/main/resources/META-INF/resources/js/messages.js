// Messages to the user: one polite live region at the top of the page, read out by screen readers.
import { h, replace } from './dom.js';
import { t } from './i18n.js';

let keep = false;

/**
 * Shows a message; kind is 'info', 'success' or 'error'. Replaces the previous one. A message shown just before
 * moving to another page (e.g. "case opened") survives that move once.
 */
export function announce(text, kind = 'info', { acrossNavigation = false } = {}) {
  keep = acrossNavigation;
  const region = document.getElementById('messages');
  const close = h('button', { type: 'button', class: 'link', onclick: () => region.replaceChildren() }, t('message.dismiss'));
  replace(region, h('div', { class: `message message-${kind}` }, h('p', {}, text), close));
}

/** On moving to another page: old messages go, unless one was meant for the new page. */
export function navigated() {
  if (!keep) clearMessages();
  keep = false;
}

export function clearMessages() {
  document.getElementById('messages').replaceChildren();
}

/** What to tell a person about a failed request: calm, actionable, never a stack trace. */
export function describe(error) {
  switch (error.status) {
    case 0: return t('error.network');
    case 403: return t('error.forbidden');
    case 404: return t('error.notFound');
    case 412: return t('error.stale');
    case 429: return t('error.throttled');
    case 503: return t('error.plugin');
    default:
      // 4xx details are written for the person who made the request; a 500 names an incident id for support
      return error.problem?.detail || t('error.generic');
  }
}

/** Shows what went wrong with a request as an error message. */
export function announceError(error) {
  announce(describe(error), 'error');
}
