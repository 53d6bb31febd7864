// Form building shared by intake, workflow actions and field editing: labelled inputs for a center's declared
// fields, and the API's 422 problems shown beside the fields they concern.
import { h, replace, uid } from './dom.js';
import { t, label, countryName } from './i18n.js';
import { COUNTRY_CODES } from './countries.js';
import { personName } from './cases.js';

/**
 * A labelled field. `field` is the name the API uses for it in a 422 problem (e.g. "riskReason",
 * "fields.police-station"), so that its message lands right here.
 */
export function fieldRow(field, text, input, { required = false, hint = null } = {}) {
  const id = input.id || (input.id = uid());
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const described = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
  input.setAttribute('aria-describedby', described);
  if (required) input.setAttribute('aria-required', 'true');
  return h('div', { class: 'field', 'data-field': field },
    h('label', { for: id }, text, required ? h('span', { class: 'required' }, ' ', t('form.required')) : null),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    input, error);
}

/** The words for a declared choice: yes/no and the like in the UI's language where it knows them, else as declared. */
export function choiceText(value) {
  const key = `choice.${value}`;
  const text = t(key);
  return text === key ? value : text;
}

/** A value as a person reads it, by the field's type. */
export function fieldValueText(definition, value, persons = []) {
  if (value === undefined || value === null || value === '') return '';
  switch (definition?.type) {
    case 'CHOICE': return choiceText(value);
    case 'COUNTRY': return countryName(value);
    case 'PERSON': {
      const person = persons.find(p => p.id === value);
      return person ? personName(person) : value;
    }
    default: return value;
  }
}

/** A sorted list of country options, names in the UI's language. */
export function countryOptions(selected, codes = COUNTRY_CODES) {
  return [...codes].sort((a, b) => countryName(a).localeCompare(countryName(b)))
    .map(code => h('option', { value: code, selected: code === selected }, countryName(code)));
}

/** The input for one of a center's declared fields, by its type; name is "fields.<id>". */
export function customFieldRow(definition, { value = '', required = false, persons = [] } = {}) {
  const name = `fields.${definition.id}`;
  let input;
  switch (definition.type) {
    case 'DATE':
      input = h('input', { type: 'date', name, value });
      break;
    case 'NUMBER':
      input = h('input', { type: 'text', inputmode: 'numeric', name, value });
      break;
    case 'CHOICE':
      input = h('select', { name }, h('option', { value: '' }, t('form.choose')),
        definition.choices.map(choice => h('option', { value: choice, selected: choice === value }, choiceText(choice))));
      break;
    case 'COUNTRY':
      input = h('select', { name }, h('option', { value: '' }, t('form.choose')), countryOptions(value));
      break;
    case 'PERSON':
      input = h('select', { name }, h('option', { value: '' }, t('form.choose')),
        persons.map(p => h('option', { value: p.id, selected: p.id === value }, `${personName(p)} (${t(`role.${p.details.role}`)})`)));
      break;
    default:
      input = definition.maxLength > 200
        ? h('textarea', { name, maxlength: definition.maxLength, rows: 3 }, value)
        : h('input', { type: 'text', name, maxlength: definition.maxLength, value });
  }
  return fieldRow(name, label(definition.labels, definition.id), input, { required });
}

/** The custom field values of a form: "fields.<id>" inputs, empty ones left out. */
export function customFieldValues(form) {
  const values = {};
  for (const element of form.querySelectorAll('[name^="fields."]')) {
    const value = element.value.trim();
    if (value) values[element.name.slice('fields.'.length)] = value;
  }
  return values;
}

export function clearProblems(form) {
  for (const error of form.querySelectorAll('.field-error')) {
    error.hidden = true;
    error.textContent = '';
  }
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  form.querySelector('.error-summary')?.remove();
}

/**
 * Shows a 422's problems: each beside its field, and all of them in a summary at the top of the form
 * (with links to the fields), which takes the focus so that the user hears what to fix.
 */
export function showProblems(form, problems) {
  clearProblems(form);
  const items = problems.map(problem => {
    const row = problem.field ? closestRow(form, problem.field) : null;
    // code-less messages start with the API's field name ("riskReason: ..."), which the label already says
    const message = problem.field && problem.message.startsWith(`${problem.field}: `)
      ? problem.message.slice(problem.field.length + 2) : problem.message;
    if (row) {
      const error = row.querySelector('.field-error');
      error.textContent = message;
      error.hidden = false;
      row.querySelector('input, select, textarea')?.setAttribute('aria-invalid', 'true');
      const target = row.querySelector('input, select, textarea');
      const name = row.querySelector('label')?.firstChild?.textContent ?? '';
      return h('li', {}, h('a', { href: `#${target.id}`, onclick: e => { e.preventDefault(); target.focus(); } },
        message.includes(name) ? message : `${name}: ${message}`));
    }
    return h('li', {}, message);
  });
  const summary = h('div', { class: 'error-summary', tabindex: '-1', role: 'alert' },
    h('h2', {}, t('form.problems', problems.length)), h('ul', {}, items));
  form.prepend(summary);
  summary.focus();
}

/** The row of a field, or of the nearest enclosing one ("persons[0].givenName" falls back to "persons"). */
function closestRow(form, field) {
  let name = field;
  while (name) {
    const row = [...form.querySelectorAll('[data-field]')].find(r => r.dataset.field === name);
    if (row) return row;
    const cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('['));
    name = cut > 0 ? name.slice(0, cut) : '';
  }
  return null;
}

/** Replaces a container's content with a one-line problem for a failed request. */
export function showFailure(container, text) {
  replace(container, h('p', { class: 'field-error', role: 'alert' }, text));
}
