// The Agent API (/api/agent, design.md §3) and the knowledge search, as the console calls them: JSON in and out,
// the agent's token as a bearer, and one place that notices a 401 (the token expired or was never valid) so every
// caller goes back to the sign-in form the same way.

const SESSION_KEY = 'servicebot.agent.session';

/** Resolved against the page (/agent/), so the console also works under a path base. */
const API_ROOT = new URL('../api/', location.href);

export const apiUrl = (path) => new URL(path.replace(/^\//, ''), API_ROOT).href;

export class ApiError extends Error {
  constructor(status, body, retryAfter) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter;
  }
}

let unauthorizedHandler = () => {};

/** What to do when any call answers 401 (the console signs out and shows the form). */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

// ---- the session (sessionStorage: one tab, gone when the tab closes) --------------------------------------------

export function loadSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
    if (session?.token && (!session.expiresAt || session.expiresAt > Date.now())) {
      return session;
    }
  } catch {
    // unreadable or refused storage: sign in again
  }
  clearSession();
  return null;
}

function saveSession(session) {
  try {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  } catch {
    // not kept across a reload; the console still works in this page
  }
}

export function clearSession() {
  try {
    sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // nothing kept
  }
}

let current = null;

export const session = () => current;

export function useSession(value) {
  current = value;
}

// ---- requests ----------------------------------------------------------------------------------------------------

async function request(method, path, body, { authorized = true, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (authorized && current?.token) {
    headers.Authorization = `Bearer ${current.token}`;
  }

  let response;
  try {
    response = await fetch(apiUrl(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (error) {
    if (error?.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(0, null, null);
  }

  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }

  if (!response.ok) {
    const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    const error = new ApiError(response.status, json, Number.isFinite(retryAfter) ? retryAfter : null);
    if (response.status === 401 && authorized) {
      unauthorizedHandler(error);
    }
    throw error;
  }

  return { status: response.status, body: json };
}

const enc = encodeURIComponent;

export async function login(name, password) {
  const { body } = await request('POST', 'agent/login', { login: name, password }, { authorized: false });
  const expiresIn = Number(body?.expires_in ?? body?.expiresIn);
  const value = {
    token: body.token,
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? Date.now() + expiresIn * 1000 : null,
    login: body.login ?? name,
    name: body.name ?? body.login ?? name,
    role: body.role === 'supervisor' ? 'supervisor' : 'agent',
  };
  saveSession(value);
  current = value;
  return value;
}

export const queue = async () => (await request('GET', 'agent/queue')).body ?? {};
export const takeNext = async () => (await request('POST', 'agent/next')).body; // null on 204: nothing waits
export const accept = (id) => request('POST', `agent/conversations/${enc(id)}/accept`);
export const conversation = async (id, watermark) =>
  (await request('GET', `agent/conversations/${enc(id)}${watermark ? `?watermark=${enc(watermark)}` : ''}`)).body ?? {};
export const sendMessage = async (id, text) => (await request('POST', `agent/conversations/${enc(id)}/messages`, { text })).body;
export const addNote = (id, text) => request('POST', `agent/conversations/${enc(id)}/notes`, { text });
export const transfer = (id, target) => request('POST', `agent/conversations/${enc(id)}/transfer`, target);
export const returnToBot = (id) => request('POST', `agent/conversations/${enc(id)}/return-to-bot`);
export const resolve = (id, disposition, note) => request('POST', `agent/conversations/${enc(id)}/resolve`, { disposition, note });
export const supervisor = async () => (await request('GET', 'agent/supervisor')).body ?? {};
export const heartbeat = () => request('POST', 'agent/heartbeat');

/** GET /api/kb/search: {query, locale, outcome, hits: [{id, question, confidence, answer: {html, text, markdown}}], reply}. */
export const searchKnowledge = async (q, lang, signal) =>
  (await request('GET', `kb/search?q=${enc(q)}&lang=${enc(lang)}&top=5`, undefined, { signal })).body ?? {};
