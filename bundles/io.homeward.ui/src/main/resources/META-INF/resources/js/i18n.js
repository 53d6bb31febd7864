// The UI's own words ("chrome") come from one small dictionary per language in messages/; the names of a
// center's categories, fields, states and actions come from the center's declaration, in every language it
// declares, through label().

/** Languages the UI chrome is translated into; a user may work in any of them their center offers. */
export const UI_LANGUAGES = ['en', 'nl', 'fr', 'de', 'el', 'ro'];

const ENDONYMS = { en: 'English', nl: 'Nederlands', fr: 'Français', de: 'Deutsch', el: 'Ελληνικά', ro: 'Română' };

const STORED = 'homeward.language';
let current = 'en';
let words = {};
let english = {};

/** Loads the dictionary of a language (English fills any gap) and marks the page as written in it. */
export async function setLanguage(code) {
  const language = UI_LANGUAGES.includes(code) ? code : 'en';
  english = (await import('./messages/en.js')).default;
  words = language === 'en' ? english : (await import(`./messages/${language}.js`)).default;
  current = language;
  document.documentElement.lang = language;
  // the sign-in page of this browser then opens in the language last worked in (a setting, not personal data)
  localStorage.setItem(STORED, language);
}

export function language() {
  return current;
}

/** For the page before anyone signs in: the language last used in this browser, else its first preferred one we speak. */
export function browserLanguage() {
  const stored = localStorage.getItem(STORED);
  if (UI_LANGUAGES.includes(stored)) return stored;
  for (const tag of navigator.languages ?? []) {
    const code = tag.slice(0, 2).toLowerCase();
    if (UI_LANGUAGES.includes(code)) return code;
  }
  return 'en';
}

/** The name of a language in that language, e.g. "Ελληνικά" for el. */
export function languageName(code) {
  return ENDONYMS[code] ?? code;
}

/** t('search.found', 3) — the chrome text for a key, with {0}, {1}… filled in; the key itself if unknown. */
export function t(key, ...args) {
  const text = words[key] ?? english[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

/** A declared label in the user's language, else English, else any the declaration has, else the fallback. */
export function label(labels, fallback = '') {
  if (!labels) return fallback;
  return labels[current] ?? labels.en ?? Object.values(labels)[0] ?? fallback;
}

export function dateTime(iso) {
  return iso ? new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '';
}

export function date(isoDate) {
  // a plain yyyy-MM-dd is a calendar day: format it as such, not as midnight UTC in the browser's zone
  return isoDate ? new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`)) : '';
}

/** A span of time as people say it: "3 h 20 min", "2 days 4 h". */
export function duration(ms) {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return t('time.daysHours', days, hours);
  if (hours > 0) return t('time.hoursMinutes', hours, mins);
  return t('time.minutes', mins);
}

/** A count as the user's language writes it: 10,000 in English, 10.000 in Dutch. */
export function number(n) {
  return new Intl.NumberFormat(current).format(n);
}

export function countryName(code) {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([current], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
