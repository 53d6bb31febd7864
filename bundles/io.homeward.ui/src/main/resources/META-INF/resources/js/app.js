// The app: session, the frame around every page (navigation, language, sign-out) and hash routing.
// Routes carry ids only (#/case/<uuid>), never names or search terms: URLs end up in history and logs.
import { h, replace } from './dom.js';
import { t, setLanguage, browserLanguage, language, languageName, UI_LANGUAGES } from './i18n.js';
import { request, get, optional, setCsrfToken, onSessionLost, ApiError } from './api.js';
import { announce, announceError, clearMessages, describe, navigated } from './messages.js';
import { session, home, isHub, may } from './state.js';
import { workView } from './views/work.js';
import { searchView, forgetSearch } from './views/search.js';
import { intakeView } from './views/intake.js';
import { caseView } from './views/case.js';
import { hubView } from './views/hub.js';
import { passwordView } from './views/password.js';

const main = document.getElementById('main');

const ROUTES = [
  { path: /^#\/work$/, href: '#/work', nav: 'nav.work', view: () => workView(main) },
  // searching lists cases: only for those who may read them (not a center's user administrator)
  { path: /^#\/search$/, href: '#/search', nav: 'nav.search', view: () => searchView(main), when: () => may('CASE_READ') },
  { path: /^#\/intake$/, href: '#/intake', nav: 'nav.intake', view: () => intakeView(main) },
  { path: /^#\/hub$/, href: '#/hub', nav: 'nav.hub', view: () => hubView(main), when: () => isHub() },
  { path: /^#\/case\/([0-9a-f-]{36})$/, view: m => caseView(main, m[1]) },
  { path: /^#\/password$/, view: () => passwordView(main, { required: false, done: async () => { location.hash = '#/work'; } }) },
];

async function boot() {
  await setLanguage(browserLanguage());
  applyChrome();
  onSessionLost(() => {
    endSession();
    showLogin(t('login.expired'));
  });
  window.addEventListener('hashchange', () => {
    navigated();
    route();
  });
  try {
    await startSession((await request('GET', '/api/v1/session')).body);
  } catch (error) {
    showLogin(error.status === 401 ? null : describe(error));
  }
}

/** Texts of the static page in the current language. */
function applyChrome() {
  document.getElementById('skip-link').textContent = t('skip');
}

async function startSession(body) {
  setCsrfToken(body.csrfToken);
  session.user = body.user;
  await setLanguage(body.user.language);
  applyChrome();
  if (body.user.mustChangePassword) {
    // a one-time password allows nothing but choosing one's own: no page of the app would load
    session.centers = new Map();
    renderTopbar(true);
    passwordView(main, { required: true, done: async () => startSession((await request('GET', '/api/v1/session')).body) });
    main.querySelector('h1')?.focus();
    return;
  }
  const [centers, openapi] = await Promise.all([get('/api/v1/centers'), optional('/api/v1/openapi.json')]);
  session.centers = new Map(centers.items.map(c => [c.id, c]));
  session.api = openapi?.paths ?? null;
  renderTopbar();
  if (!location.hash || location.hash === '#/login') location.hash = '#/work';
  else route();
}

function endSession() {
  session.user = null;
  forgetSearch();
  setCsrfToken(null);
  document.getElementById('topbar').hidden = true;
}

/** @param passwordOnly true while a one-time password must be changed: no navigation, only who and sign-out */
function renderTopbar(passwordOnly = false) {
  const bar = document.getElementById('topbar');
  const languages = (session.user.languages ?? []).filter(code => UI_LANGUAGES.includes(code));
  const selectId = 'language-select';
  replace(bar,
    h('div', { class: 'brand' }, h('span', { class: 'brand-name' }, 'Homeward'), h('span', { class: 'brand-center' }, home()?.name ?? '')),
    passwordOnly ? null : h('nav', { 'aria-label': t('nav.label') }, h('ul', {}, ROUTES.filter(r => r.nav && (!r.when || r.when())).map(r =>
      h('li', {}, h('a', { href: r.href, 'data-nav': r.nav }, t(r.nav)))))),
    h('div', { class: 'user' },
      languages.length > 1 && !passwordOnly ? h('span', { class: 'language' },
        h('label', { for: selectId }, t('language.label')),
        h('select', { id: selectId, onchange: e => changeLanguage(e.target.value) },
          languages.map(code => h('option', { value: code, selected: code === language() }, languageName(code))))) : null,
      h('span', { class: 'who' }, session.user.displayName),
      passwordOnly ? null : h('a', { href: '#/password', class: 'password-link' }, t('password.link')),
      h('button', { type: 'button', class: 'secondary', onclick: logout }, t('logout'))));
  bar.hidden = false;
}

async function changeLanguage(code) {
  try {
    await request('PUT', '/api/v1/session/language', { body: { language: code } });
  } catch (error) {
    announceError(error);
    return;
  }
  session.user.language = code;
  await setLanguage(code);
  applyChrome();
  renderTopbar();
  await route();
  document.getElementById('language-select')?.focus();
  announce(t('language.changed', languageName(code)), 'success');
}

async function logout() {
  try {
    await request('DELETE', '/api/v1/session');
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) {
      announceError(error);
      return;
    }
  }
  endSession();
  showLogin(t('login.signedOut'));
}

async function route() {
  if (!session.user) return;
  const match = ROUTES.map(r => ({ r, m: location.hash.match(r.path) })).find(x => x.m && (!x.r.when || x.r.when()));
  if (!match) {
    location.hash = '#/work';
    return;
  }
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === match.r.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  try {
    await match.r.view(match.m);
  } catch (error) {
    replace(main, h('h1', { tabindex: '-1' }, t('error.title')), h('p', {}, describe(error)));
  }
  // a new page: move focus to its heading so keyboard and screen-reader users start there
  main.querySelector('h1')?.focus();
}

function showLogin(message) {
  clearMessages();
  if (message) announce(message, 'info');
  const error = h('p', { class: 'field-error', id: 'login-error', hidden: true });
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit' }, t('login.submit'));
  const languageId = 'login-language';
  const form = h('form', { class: 'card login', novalidate: true, 'aria-describedby': 'login-error', onsubmit: async e => {
    e.preventDefault();
    error.hidden = true;
    if (!username.value.trim() || !password.value) {
      error.textContent = t('login.missing');
      error.hidden = false;
      (username.value.trim() ? password : username).focus();
      return;
    }
    submit.disabled = true;
    try {
      const answer = await request('POST', '/api/v1/session', { body: { username: username.value.trim(), password: password.value } });
      password.value = '';
      clearMessages();
      await startSession(answer.body);
    } catch (failure) {
      error.textContent = failure.status === 401 ? t('login.wrong') : describe(failure);
      error.hidden = false;
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
    }
  } },
    h('h1', { tabindex: '-1' }, t('login.title')),
    h('p', { class: 'muted' }, t('login.intro')),
    error,
    h('div', { class: 'field' }, h('label', { for: 'username' }, t('login.username')), username),
    h('div', { class: 'field' }, h('label', { for: 'password' }, t('login.password')), password),
    submit);
  const chooser = h('p', { class: 'login-language' },
    h('label', { for: languageId }, t('language.label')), ' ',
    h('select', { id: languageId, onchange: async e => {
      await setLanguage(e.target.value);
      applyChrome();
      showLogin();
      document.getElementById(languageId).focus();
    } }, UI_LANGUAGES.map(code => h('option', { value: code, selected: code === language() }, languageName(code)))));
  replace(main, h('div', { class: 'login-page' }, h('p', { class: 'login-brand' }, 'Homeward'), form, chooser));
  username.focus();
}

boot();
