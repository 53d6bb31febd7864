// Intake: the form a center declares — its categories and custom fields, with the fields its workflow's initial
// state requires marked — plus the child, the reporter and the risk. The API validates; its 422 problems come
// back in the user's language and are shown beside the fields. Below the child, the cases that may already be
// about this child (views/duplicates.js).
import { h, replace } from '../dom.js';
import { t, label } from '../i18n.js';
import { request } from '../api.js';
import { announce, announceError } from '../messages.js';
import { home, isHub, countriesOf } from '../state.js';
import { fieldRow, customFieldRow, customFieldValues, showProblems, clearProblems, countryOptions } from '../form.js';
import { intakeMatches } from './duplicates.js';

const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const SEXES = ['FEMALE', 'MALE', 'UNKNOWN'];

export async function intakeView(main) {
  const center = home();
  const category = h('select', { name: 'category' }, h('option', { value: '' }, t('form.choose')),
    center.categories.map(c => h('option', { value: c.id }, label(c.labels, c.id))));
  const members = countriesOf(center);
  // a hub takes intakes for its member countries; a national center's cases are in its own country
  const country = isHub(center) ? h('select', { name: 'country' }, countryOptions(center.country, members.length > 1 ? members : undefined)) : null;
  const customFields = h('div', { class: 'grid' });

  /** The fields the chosen category's workflow requires when a case opens, plus the hub's for the country. */
  const requiredNow = () => {
    const chosen = center.categories.find(c => c.id === category.value);
    const workflow = center.workflows.filter(w => w.id === chosen?.workflowId).sort((a, b) => b.version - a.version)[0];
    const initial = workflow?.states.find(s => s.id === workflow.initialState);
    const byCountry = center.hub?.countries?.[country?.value]?.requiredAtIntake ?? [];
    return new Set([...(initial?.requiredFields ?? []), ...byCountry]);
  };
  const renderFields = () => {
    const values = customFieldValues(form);
    const required = requiredNow();
    // a person field points at a person already linked to the case, so it can only be set once the case exists
    const fields = center.fields.filter(f => f.type !== 'PERSON')
      .sort((a, b) => required.has(b.id) - required.has(a.id));
    replace(customFields, fields.map(f => customFieldRow(f, { value: values[f.id] ?? '', required: required.has(f.id) })));
  };
  category.addEventListener('change', renderFields);
  country?.addEventListener('change', renderFields);

  const text = (name, attributes = {}) => h('input', { type: 'text', name, ...attributes });
  const riskLevel = h('select', { name: 'riskLevel' }, h('option', { value: '' }, t('form.choose')),
    RISK_LEVELS.map(level => h('option', { value: level }, t(`risk.${level}`))));
  const submit = h('button', { type: 'submit' }, t('intake.submit'));

  const form = h('form', { class: 'card intake', novalidate: true, onsubmit: async e => {
    e.preventDefault();
    clearProblems(form);
    const data = new FormData(form);
    // the request's shape, not the center's rules: those are the API's to check and explain
    const missing = [];
    if (!data.get('category')) missing.push({ field: 'category', message: t('form.requiredMessage') });
    if (!data.get('riskLevel')) missing.push({ field: 'riskLevel', message: t('form.requiredMessage') });
    if (missing.length) {
      showProblems(form, missing);
      return;
    }
    const person = (role, prefix) => ({
      role,
      givenName: data.get(`${prefix}.givenName`)?.trim() || null,
      familyName: data.get(`${prefix}.familyName`)?.trim() || null,
      sex: data.get(`${prefix}.sex`) || null,
      dateOfBirth: data.get(`${prefix}.dateOfBirth`) || null,
      description: data.get(`${prefix}.description`)?.trim() || null,
      phone: data.get(`${prefix}.phone`)?.trim() || null,
    });
    const child = person('CHILD', 'child');
    const reporter = person('REPORTER', 'reporter');
    const persons = [child];
    if (reporter.givenName || reporter.familyName || reporter.phone) persons.push(reporter);
    submit.disabled = true;
    try {
      const created = (await request('POST', '/api/v1/cases', { body: {
        centerId: center.id, category: data.get('category'), country: data.get('country') || null,
        riskLevel: data.get('riskLevel'), riskReason: data.get('riskReason').trim(),
        fields: customFieldValues(form), persons,
      } })).body;
      announce(t('intake.opened', created.number), 'success', { acrossNavigation: true });
      location.hash = `#/case/${created.id}`;
    } catch (error) {
      if (error.status === 422 && error.errors.length) showProblems(form, error.errors);
      else announceError(error);
    } finally {
      submit.disabled = false;
    }
  } },
    h('fieldset', {}, h('legend', {}, t('intake.case')),
      h('div', { class: 'grid' },
        fieldRow('category', t('cases.category'), category, { required: true }),
        country ? fieldRow('country', t('cases.country'), country, { required: true }) : null)),
    h('fieldset', { id: 'intake-child' }, h('legend', {}, t('intake.child')),
      h('div', { class: 'grid' },
        fieldRow('persons[0].givenName', t('person.givenName'), text('child.givenName', { autocomplete: 'off' })),
        fieldRow('persons[0].familyName', t('person.familyName'), text('child.familyName', { autocomplete: 'off' })),
        fieldRow('persons[0].sex', t('person.sex'), h('select', { name: 'child.sex' }, h('option', { value: '' }, t('form.unknown')),
          SEXES.map(s => h('option', { value: s }, t(`sex.${s}`))))),
        fieldRow('persons[0].dateOfBirth', t('person.dateOfBirth'), h('input', { type: 'date', name: 'child.dateOfBirth' }))),
      fieldRow('persons[0].description', t('person.description'), h('textarea', { name: 'child.description', rows: 2 }), { hint: t('person.descriptionHint') })),
    h('fieldset', {}, h('legend', {}, t('intake.reporter')),
      h('div', { class: 'grid' },
        fieldRow('persons[1].givenName', t('person.givenName'), text('reporter.givenName', { autocomplete: 'off' })),
        fieldRow('persons[1].familyName', t('person.familyName'), text('reporter.familyName', { autocomplete: 'off' })),
        fieldRow('persons[1].phone', t('person.phone'), h('input', { type: 'tel', name: 'reporter.phone', autocomplete: 'off' })))),
    h('fieldset', {}, h('legend', {}, t('intake.risk')),
      h('div', { class: 'grid' }, fieldRow('riskLevel', t('cases.risk'), riskLevel, { required: true })),
      fieldRow('riskReason', t('intake.riskReason'), h('textarea', { name: 'riskReason', rows: 2 }), { required: true, hint: t('intake.riskReasonHint') })),
    h('fieldset', {}, h('legend', {}, t('intake.details', center.name)), customFields),
    h('div', { class: 'actions' }, submit, h('a', { href: '#/work', class: 'button secondary' }, t('form.cancel'))));
  renderFields();
  // "do we already know this child?" while the child's names are typed, right below them
  const matches = intakeMatches(form);
  if (matches) form.querySelector('#intake-child').after(matches);
  replace(main, h('h1', { tabindex: '-1' }, t('intake.title')), h('p', { class: 'muted' }, t('intake.intro')), form);
}
