// The console reads and acts through the dashboard's gateway, which forwards to each service's public API.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
  }
}

async function call(method, service, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch('api/console/' + service + path, init);
  const text = await response.text();
  let parsed = text;
  if ((response.headers.get('Content-Type') || '').includes('json') && text) {
    parsed = JSON.parse(text);
  }
  if (!response.ok) {
    throw new ApiError(response.status, typeof parsed === 'object' ? parsed : { detail: text || response.statusText });
  }
  return parsed;
}

export const api = {
  get: (service, path) => call('GET', service, path),
  put: (service, path, body) => call('PUT', service, path, body),
  post: (service, path, body) => call('POST', service, path, body),
  // The dashboard's own APIs (drift, live accuracy, overview).
  own: async path => {
    const response = await fetch('api/' + path);
    const parsed = await response.json();
    if (!response.ok) throw new ApiError(response.status, parsed);
    return parsed;
  },
};

/** Runs a read and answers a fallback instead of failing the whole page, e.g. when a model has no alias yet. */
export async function optional(promise, fallback) {
  try {
    return await promise;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return fallback;
    throw e;
  }
}
