// Calls to the dashboard's API. The session cookie authenticates; writes carry the CSRF token
// from the XSRF-TOKEN cookie; X-Requested-With makes a lost session a plain 401 (no password
// dialog), after which the page goes to the login form. Accept-Language is the page's language, in
// which the server words features, values and reasons.
import { lang } from './i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const errors = (this.body as { errors?: { field: string; message: string }[] })?.errors ?? [];
    for (const e of errors) out[e.field] = e.message;
    return out;
  }
}

function csrf(): string | null {
  const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : null;
}

/** A body already written as JSON text (e.g. by ids.ts's jsonWithId: an id's exact digits). */
export class RawJson {
  constructor(readonly text: string) {}
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json', 'Accept-Language': lang() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = csrf();
  if (method !== 'GET' && token) headers['X-XSRF-TOKEN'] = token;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : body instanceof RawJson ? body.text : JSON.stringify(body), credentials: 'same-origin' });
  if (res.status === 401) {
    // The route after '#' goes along: the login page sends the browser back to it once signed in.
    window.location.href = 'login' + window.location.hash;
    throw new ApiError(401, null);
  }
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, data);
  return data as T;
}

export const get = <T>(path: string): Promise<T> => call<T>('GET', path);
export const post = <T>(path: string, body: unknown): Promise<T> => call<T>('POST', path, body);
