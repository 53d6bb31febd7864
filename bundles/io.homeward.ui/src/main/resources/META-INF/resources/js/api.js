// Every call to the REST API goes through request(): it sends the user's language (validation messages come
// back in it), the CSRF token on state-changing requests, If-Match where the caller read an ETag, and turns
// every failure into an ApiError carrying the RFC 9457 problem.
import { language, t } from './i18n.js';

let csrfToken = null;
let sessionLost = () => {};

/** A failed request: `status` (0 when the server could not be reached) and the problem the API answered. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }

  /** The field problems of a 422, each {field, message}. */
  get errors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

export function setCsrfToken(token) {
  csrfToken = token;
}

/** Called when the API answers 401 to anything but the session itself: the session expired or was ended. */
export function onSessionLost(callback) {
  sessionLost = callback;
}

/**
 * @param body a plain object is sent as JSON; FormData or a Blob as they are
 * @param etag sent as If-Match, so that a change based on an outdated read is refused (412)
 * @param signal an AbortSignal that cancels the request: it then rejects with the browser's AbortError, not an ApiError
 * @return {status, etag, body}
 */
export async function request(method, path, { body, etag, signal } = {}) {
  const headers = { Accept: 'application/json, application/problem+json', 'Accept-Language': language() };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (etag) headers['If-Match'] = etag;
  let payload = body;
  if (body !== undefined && !(body instanceof FormData) && !(body instanceof Blob)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store', signal });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError(0, { detail: t('error.network') });
  }
  const type = response.headers.get('Content-Type') ?? '';
  const data = type.includes('json') && response.status !== 204 ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/api/v1/session')) sessionLost();
    throw new ApiError(response.status, data);
  }
  return { status: response.status, etag: response.headers.get('ETag'), body: data };
}

export async function get(path) {
  return (await request('GET', path)).body;
}

/** Like get(), but null when the platform does not serve the path (an endpoint this deployment lacks). */
export async function optional(path) {
  try {
    return await get(path);
  } catch (error) {
    if (error.status === 404 || error.status === 405) return null;
    throw error;
  }
}

/** '?a=1&b=x' from the non-empty entries of an object. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
