// The console reads and acts through the dashboard's gateway, which forwards to each service's public API with
// the user's own token: a service's refusal (403, naming the role it needs) is shown as the service wrote it.
import { esc } from './html.js';
import { login } from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super((status === 403 ? 'Not allowed: ' : '') + (problem.detail || problem.title || ('HTTP ' + status)));
    this.status = status;
    this.problem = problem;
  }
}

async function exchange(method, service, path, body) {
  // The gateway takes actions only with this header, which a page on another site cannot send.
  const init = { method, headers: { 'X-Modelway-Console': '1' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch('api/console/' + service + path, init);
  // The session ended (logged out elsewhere, or its tokens can no longer be renewed): log in again.
  if (response.status === 401) return login();
  const text = await response.text();
  let parsed = text;
  if ((response.headers.get('Content-Type') || '').includes('json') && text) {
    parsed = JSON.parse(text);
  }
  if (!response.ok) {
    throw new ApiError(response.status, typeof parsed === 'object' ? parsed : { detail: text || response.statusText });
  }
  return { body: parsed, total: Number(response.headers.get('X-Total-Count')) };
}

async function call(method, service, path, body) {
  return (await exchange(method, service, path, body)).body;
}

/** The last n items of an oldest-first paged list (versions), whatever its length. */
async function newest(service, path, n) {
  const sep = path.includes('?') ? '&' : '?';
  const first = await exchange('GET', service, path + sep + 'limit=1');
  const offset = Math.max(0, (first.total || 0) - n);
  return call('GET', service, path + sep + 'limit=' + n + '&offset=' + offset);
}

export const api = {
  get: (service, path) => call('GET', service, path),
  put: (service, path, body) => call('PUT', service, path, body),
  post: (service, path, body) => call('POST', service, path, body),
  newest,
  // The dashboard's own APIs (drift, live accuracy, overview).
  own: async path => {
    const response = await fetch('api/' + path);
    if (response.status === 401) return login();
    const parsed = await response.json();
    if (!response.ok) throw new ApiError(response.status, parsed);
    return parsed;
  },
};

/**
 * Runs a read and answers a fallback instead of failing the whole page: when there is nothing (404, e.g. a
 * model without a training spec) or, if notes are given, when the service is down (502), noted for the page.
 */
export async function optional(promise, fallback, notes) {
  try {
    return await promise;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return fallback;
    if (notes && e instanceof ApiError && e.status === 502) {
      notes.push(e.message);
      return fallback;
    }
    throw e;
  }
}

export function notices(notes) {
  return notes.map(n => '<div class="message error notice">' + esc(n) + '</div>').join('');
}
