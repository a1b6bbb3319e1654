// The one way the console talks to syncplan: the public API under /api/v1, with the bearer
// token kept in this tab's sessionStorage (never a cookie, never localStorage).

const TOKEN = 'syncplan.token';
let authFailure = () => {};

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  /** Field problems of a 400: [{field, message}]. */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN, value);
  else sessionStorage.removeItem(TOKEN);
}

/** What happens on 401 or 403: the app sends the person back to sign-in. */
export function onAuthFailure(handler) {
  authFailure = handler;
}

function headers(extra = {}) {
  const all = { Accept: 'application/json', ...extra };
  const current = token();
  if (current) all.Authorization = `Bearer ${current}`;
  return all;
}

async function problemOf(response) {
  try {
    const type = response.headers.get('content-type') || '';
    if (type.includes('json')) return await response.json();
    return { detail: await response.text() };
  } catch (e) {
    return {};
  }
}

/**
 * Calls the API: api('/plans', {method: 'POST', body: {...}}). Answers the JSON (or text), or
 * throws ApiError with the problem+json the API answered.
 */
export async function api(path, { method = 'GET', body, ifMatch, contentType, signal, quietAuth } = {}) {
  const extra = {};
  if (body !== undefined) extra['Content-Type'] = contentType || 'application/json';
  if (ifMatch) extra['If-Match'] = ifMatch;
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers: headers(extra),
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
    cache: 'no-store',
    credentials: 'omit',
  });
  if (response.status === 401 || response.status === 403) {
    const problem = await problemOf(response);
    if (!quietAuth) authFailure(response.status, problem);
    throw new ApiError(response.status, problem);
  }
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  if (response.status === 204) return null;
  const type = response.headers.get('content-type') || '';
  const result = type.includes('json') ? await response.json() : await response.text();
  if (result && typeof result === 'object' && !Array.isArray(result)) {
    Object.defineProperty(result, 'etag', { value: response.headers.get('ETag'), enumerable: false });
  }
  return result;
}

/**
 * Follows a Server-Sent Events stream with fetch, which, unlike EventSource, can send the bearer
 * token. Calls onEvent(name, data) for each event; reconnects after a drop (with Last-Event-ID)
 * until stopped or until onEvent returns false. Answers a function that stops it.
 */
export function follow(path, onEvent, { onState = () => {} } = {}) {
  const controller = new AbortController();
  let lastId = null;
  let stopped = false;
  let delay = 1000;

  async function connect() {
    while (!stopped) {
      try {
        const extra = { Accept: 'text/event-stream' };
        if (lastId) extra['Last-Event-ID'] = lastId;
        const response = await fetch(`/api/v1${path}`, {
          headers: headers(extra),
          signal: controller.signal,
          cache: 'no-store',
          credentials: 'omit',
        });
        if (response.status === 401 || response.status === 403) {
          authFailure(response.status, await problemOf(response));
          return;
        }
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        onState('live');
        delay = 1000;
        const finished = await read(response.body, (name, data, id) => {
          if (id) lastId = id;
          return onEvent(name, data);
        });
        if (finished) return;
      } catch (e) {
        if (stopped || controller.signal.aborted) return;
      }
      onState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 15000);
    }
  }

  connect();
  return () => {
    stopped = true;
    controller.abort();
  };
}

/** Reads an event stream; true when onEvent asked to stop. */
async function read(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let name = 'message';
  let data = [];
  let id = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return false;
    buffer += value;
    let newline;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (data.length) {
          let parsed;
          try {
            parsed = JSON.parse(data.join('\n'));
          } catch (e) {
            parsed = data.join('\n');
          }
          if (onEvent(name, parsed, id) === false) {
            reader.cancel();
            return true;
          }
        }
        name = 'message';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let text = colon < 0 ? '' : line.slice(colon + 1);
      if (text.startsWith(' ')) text = text.slice(1);
      if (field === 'event') name = text;
      else if (field === 'data') data.push(text);
      else if (field === 'id') id = text;
    }
  }
}

/** Plan names by id, read once per plan (the list and the plan come from memory on the server). */
const planNames = new Map();
export async function planName(planId) {
  if (!planNames.has(planId)) {
    planNames.set(planId, api(`/plans/${encodeURIComponent(planId)}`).then((plan) => plan.name).catch(() => planId));
  }
  return planNames.get(planId);
}
