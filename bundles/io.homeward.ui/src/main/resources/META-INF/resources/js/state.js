// What the UI knows of the signed-in user and the deployment's centers, and the declarations it reads.
import { label, language } from './i18n.js';

export const session = {
  /** {username, displayName, centerId, roles, permissions, language, languages} while signed in, else null */
  user: null,
  /** every center of the deployment by id, as the API declares it */
  centers: new Map(),
  /** the `paths` of the API's OpenAPI description, null when the platform serves none */
  api: null,
};

/** Whether the signed-in user's roles allow a permission (the API's names, e.g. CASE_READ). */
export function may(permission) {
  return (session.user?.permissions ?? []).includes(permission);
}

/** The signed-in user's own center. */
export function home() {
  return session.centers.get(session.user?.centerId);
}

/** Whether the user's center is a regional hub (its API record has a `hub` member). */
export function isHub(center = home()) {
  return Boolean(center?.hub);
}

/** The workflow version a case runs under, as its center declares it. */
export function workflowOf(c) {
  const center = session.centers.get(c.centerId);
  return center?.workflows.find(w => w.id === c.workflowId && w.version === c.workflowVersion);
}

export function stateLabel(c, stateId = c.status) {
  const state = workflowOf(c)?.states.find(s => s.id === stateId);
  return label(state?.labels, stateId);
}

/**
 * The label of a state id as some center declares it (statistics count states across centers), preferring a
 * center that names it in the user's language.
 */
export function anyStateLabel(stateId) {
  const states = [...session.centers.values()].flatMap(center => center.workflows)
    .flatMap(workflow => workflow.states).filter(s => s.id === stateId);
  const state = states.find(s => s.labels[language()]) ?? states[0];
  return label(state?.labels, stateId);
}

export function categoryLabel(c) {
  const category = session.centers.get(c.centerId)?.categories.find(k => k.id === c.category);
  return label(category?.labels, c.category);
}

export function fieldDefinition(centerId, fieldId) {
  return session.centers.get(centerId)?.fields.find(f => f.id === fieldId);
}

/** The countries the user's center works in: its own and, for a hub, its members (as far as the API lists them). */
export function countriesOf(center = home()) {
  const members = Array.isArray(center?.hub?.members) ? center.hub.members : [];
  return [...new Set([center?.country, ...members].filter(Boolean))];
}

/**
 * Whether the platform's API offers an operation, as its OpenAPI description says (session.api holds its
 * `paths`). Parts of the case page appear as the deployment's API offers them.
 */
export function supports(method, path) {
  return Boolean(session.api?.[path]?.[method.toLowerCase()]);
}
