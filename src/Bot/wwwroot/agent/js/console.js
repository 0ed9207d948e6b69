// The agent console at /agent: sign-in, the live queue, one open conversation (transcript, composer, actions), its
// context, knowledge search, private notes, and for supervisors the team view. Plain ES modules, no framework; no
// inline handlers (the Content-Security-Policy forbids them): everything is wired here. Texts come from strings.js.
import * as api from './api.js';
import { renderContext, label } from './context.js';
import { $, clock, el, format, plain, timeOf } from './dom.js';
import { createLive, liveAvailable } from './live.js';
import { DISPOSITIONS, LOCALES, SKILLS, STRINGS } from './strings.js';
import { Transcript, isCustomer } from './transcript.js';

const LANGUAGE_KEY = 'servicebot.agent.lang';
const HEARTBEAT_MS = 10_000;
const POLL_MS = 15_000; // the queue is refetched this often when the hub is not connected
const TYPING_THROTTLE_MS = 2_500;
const CUSTOMER_TYPING_MS = 4_000;

const state = {
  lang: initialLanguage(),
  view: 'login',
  queue: { waiting: [], mine: [], fetchedAt: 0 },
  unread: new Set(),
  open: null, // { id, owner, watermark, context, customerName, everMine }
  live: null,
  liveState: 'connecting',
  supervisor: null,
  timers: [],
  kbAbort: null,
  lastTyping: 0,
  customerTypingTimer: 0,
  throttleTimer: 0,
};

const t = () => STRINGS[state.lang];
const transcript = new Transcript($('transcript'), t, () => state.lang);

function initialLanguage() {
  const fromQuery = parseLanguage(new URLSearchParams(location.search).get('lang'));
  if (fromQuery) {
    return fromQuery;
  }
  try {
    return parseLanguage(localStorage.getItem(LANGUAGE_KEY)) ?? 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function parseLanguage(value) {
  const lower = (value ?? '').toLowerCase();
  return lower.startsWith('zh') ? 'zh-CN' : lower.startsWith('en') ? 'en' : null;
}

// ---- texts -------------------------------------------------------------------------------------------------------

function applyTexts() {
  const strings = t();
  document.documentElement.lang = state.lang;
  document.title = strings.pageTitle;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = strings[element.dataset.i18n];
  }
  for (const element of document.querySelectorAll('[data-i18n-aria-label]')) {
    element.setAttribute('aria-label', strings[element.dataset.i18nAriaLabel]);
  }
  for (const element of document.querySelectorAll('[data-i18n-placeholder]')) {
    element.setAttribute('placeholder', strings[element.dataset.i18nPlaceholder]);
  }
  for (const button of document.querySelectorAll('.lang-switch__option')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === state.lang));
  }
  fillSelect($('resolve-disposition'), DISPOSITIONS.map((d) => [d, strings.dispositions[d]]));
  fillSelect($('transfer-skill'), SKILLS.map((s) => [s, strings.skills[s]]));

  renderMe();
  renderLive();
  renderQueue();
  if (state.open) {
    renderChatHeader();
    renderContextPane();
  }
  renderSupervisor();
}

function fillSelect(select, options) {
  const chosen = select.value;
  select.replaceChildren(...options.map(([value, text]) => {
    const option = el('option', null, text);
    option.value = value;
    return option;
  }));
  if (chosen) {
    select.value = chosen;
  }
}

function switchLanguage(lang) {
  if (!LOCALES.includes(lang) || lang === state.lang) {
    return;
  }
  state.lang = lang;
  try {
    localStorage.setItem(LANGUAGE_KEY, lang);
  } catch {
    // not remembered; the switch still works for this page
  }
  applyTexts();
}

// ---- toasts ------------------------------------------------------------------------------------------------------

function toast(message, kind = 'info') {
  const item = el('p', `toast toast--${kind}`, message);
  $('toasts').append(item);
  setTimeout(() => item.remove(), 5000);
}

function reason(error) {
  const strings = t();
  switch (error?.status) {
    case 0: return strings.networkError;
    case 403: return strings.forbidden;
    case 404: return strings.notFound;
    case 409: return strings.conflict;
    default: return plain(error?.body?.title) ?? plain(error?.body?.detail) ?? `HTTP ${error?.status ?? '?'}`;
  }
}

function failed(error) {
  if (error?.status !== 401) {
    toast(format(t().actionFailed, { reason: reason(error) }), 'error');
  }
}

// ---- views -------------------------------------------------------------------------------------------------------

function setView(view) {
  state.view = view;
  document.body.dataset.view = view;
  $('login-view').hidden = view !== 'login';
  $('desk-view').hidden = view !== 'desk';
  $('supervisor-view').hidden = view !== 'supervisor';
  const signedIn = view !== 'login';
  $('logout').hidden = !signedIn;
  $('me').hidden = !signedIn;
  $('live').hidden = !signedIn;
  $('views').hidden = !signedIn || api.session()?.role !== 'supervisor';
  for (const tab of document.querySelectorAll('[data-view-tab]')) {
    tab.setAttribute('aria-pressed', String(tab.dataset.viewTab === view));
  }
  if (view === 'supervisor') {
    loadSupervisor();
  }
}

function renderMe() {
  const me = api.session();
  if (!me) {
    return;
  }
  $('me-name').textContent = me.name;
  $('me-avatar').textContent = Array.from(me.name ?? '?')[0]?.toUpperCase() ?? '?';
  $('me-role').textContent = me.role === 'supervisor' ? t().roleSupervisor : t().roleAgent;
}

// ---- sign-in -----------------------------------------------------------------------------------------------------

let throttleUntil = 0;

function showLoginError(message) {
  const box = $('login-error');
  box.textContent = message ?? '';
  box.hidden = !message;
}

function renderThrottle() {
  clearTimeout(state.throttleTimer);
  const seconds = Math.ceil((throttleUntil - Date.now()) / 1000);
  const submit = $('login-submit');
  if (seconds > 0) {
    showLoginError(format(t().loginThrottled, { seconds }));
    submit.disabled = true;
    state.throttleTimer = setTimeout(renderThrottle, 1000);
  } else if (throttleUntil) {
    throttleUntil = 0;
    submit.disabled = false;
    showLoginError(null);
  }
}

async function submitLogin(event) {
  event.preventDefault();
  const name = $('login-name').value.trim();
  const password = $('login-password').value;
  if (!name || !password || throttleUntil > Date.now()) {
    return;
  }
  const submit = $('login-submit');
  submit.disabled = true;
  submit.textContent = t().loginBusy;
  showLoginError(null);
  try {
    const session = await api.login(name, password);
    $('login-password').value = '';
    signedIn(session);
  } catch (error) {
    if (error?.status === 401 || error?.status === 400) {
      showLoginError(t().loginFailed);
      $('login-password').select();
    } else if (error?.status === 429) {
      const after = error.retryAfter ?? Number(error.body?.retryAfter ?? error.body?.retryAfterSeconds) ?? 0;
      throttleUntil = Date.now() + Math.max(1, Number.isFinite(after) ? after : 30) * 1000;
      renderThrottle();
    } else {
      showLoginError(t().loginUnavailable);
    }
  } finally {
    submit.textContent = t().loginSubmit;
    submit.disabled = throttleUntil > Date.now();
  }
}

function signedIn(session) {
  api.useSession(session);
  state.unread.clear();
  setView('desk');
  applyTexts();
  heartbeat();
  every(HEARTBEAT_MS, heartbeat);
  every(1000, tick);
  every(POLL_MS, () => {
    if (!state.live?.online()) {
      loadQueue();
      if (state.open) {
        refreshConversation();
      }
    }
    if (state.view === 'supervisor') {
      loadSupervisor();
    }
  });
  loadQueue();
  startLive();
}

function every(ms, fn) {
  state.timers.push(setInterval(fn, ms));
}

async function signOut(messageKey) {
  for (const timer of state.timers) {
    clearInterval(timer);
  }
  state.timers = [];
  const live = state.live;
  state.live = null;
  closeConversation();
  api.clearSession();
  api.useSession(null);
  state.queue = { waiting: [], mine: [], fetchedAt: 0 };
  state.supervisor = null;
  setView('login');
  showLoginError(messageKey ? t()[messageKey] : null);
  $('login-name').focus();
  await live?.stop();
}

async function heartbeat() {
  try {
    await api.heartbeat();
  } catch {
    // a missed beat is retried in 10 s; a 401 already signed out
  }
}

// ---- real time ---------------------------------------------------------------------------------------------------

function startLive() {
  if (!liveAvailable()) {
    console.warn('ServiceBot agent console: vendor/signalr.js did not load; run tools/signalr/install.sh. The queue is polled instead.');
    state.liveState = 'offline';
    renderLive();
    return;
  }
  state.live = createLive(() => api.session()?.token ?? '', {
    queueChanged: () => {
      loadQueue();
      if (state.view === 'supervisor') {
        loadSupervisor();
      }
    },
    activity: onActivity,
    conversationChanged: onConversationChanged,
    state: (value) => {
      state.liveState = value;
      renderLive();
    },
    reconnected: () => {
      loadQueue();
      if (state.open) {
        watchOpen();
      }
    },
  });
  state.live.start();
}

function renderLive() {
  const strings = t();
  const labels = { connecting: strings.liveConnecting, online: strings.liveOnline, reconnecting: strings.liveReconnecting, offline: strings.liveOffline };
  $('live').dataset.state = state.liveState;
  $('live-text').textContent = labels[state.liveState];
}

function onActivity(conversationId, activity) {
  if (!activity || typeof activity !== 'object') {
    return;
  }
  if (state.open?.id !== conversationId) {
    if (isCustomer(activity) && activity.type === 'message' && state.queue.mine.some((m) => m.conversationId === conversationId)) {
      state.unread.add(conversationId);
      renderQueue();
    }
    return;
  }
  if (activity.type === 'typing') {
    if (isCustomer(activity)) {
      showCustomerTyping();
    }
    return;
  }
  if (isCustomer(activity)) {
    hideCustomerTyping();
  }
  transcript.add([activity]);
}

function showCustomerTyping() {
  $('typing').hidden = false;
  clearTimeout(state.customerTypingTimer);
  state.customerTypingTimer = setTimeout(hideCustomerTyping, CUSTOMER_TYPING_MS);
}

function hideCustomerTyping() {
  clearTimeout(state.customerTypingTimer);
  $('typing').hidden = true;
}

function onConversationChanged(conversationId, owner) {
  loadQueue();
  if (state.open?.id === conversationId && owner && typeof owner === 'object') {
    state.open.owner = owner;
    renderChatHeader();
  }
}

// ---- the queue ---------------------------------------------------------------------------------------------------

let queueLoading = null;
let queueAgain = false;

/** Refetches GET /queue; calls while one is in flight coalesce into one more. */
async function loadQueue() {
  if (queueLoading) {
    queueAgain = true;
    return queueLoading;
  }
  queueLoading = (async () => {
    try {
      const body = await api.queue();
      state.queue = {
        waiting: Array.isArray(body.waiting) ? body.waiting.filter((w) => w?.conversationId) : [],
        mine: Array.isArray(body.mine) ? body.mine.filter((m) => m?.conversationId) : [],
        fetchedAt: Date.now(),
      };
      for (const id of state.unread) {
        if (!state.queue.mine.some((m) => m.conversationId === id)) {
          state.unread.delete(id);
        }
      }
      renderQueue();
    } catch (error) {
      if (error?.status !== 401) {
        console.warn('ServiceBot agent console: the queue did not load', error);
      }
    } finally {
      queueLoading = null;
    }
    if (queueAgain) {
      queueAgain = false;
      await loadQueue();
    }
  })();
  return queueLoading;
}

function renderQueue() {
  const strings = t();
  const { waiting, mine } = state.queue;
  $('waiting-count').textContent = String(waiting.length);
  $('mine-count').textContent = String(mine.length);
  $('waiting-empty').hidden = waiting.length > 0;
  $('mine-empty').hidden = mine.length > 0;
  $('take-next').disabled = waiting.length === 0;

  $('mine-list').replaceChildren(...mine.map((item) => {
    const row = el('li', 'row row--mine');
    row.dataset.conversationId = item.conversationId;
    row.classList.toggle('row--open', state.open?.id === item.conversationId);
    const since = item.since ? new Date(item.since).getTime() : NaN;
    const sinceText = el('span', 'row__wait');
    if (Number.isFinite(since)) {
      sinceText.dataset.since = String(since);
      sinceText.textContent = format(strings.since, { time: clock((Date.now() - since) / 1000) });
    }
    const open = el('button', 'button button--ghost button--small', strings.open);
    open.type = 'button';
    open.dataset.action = 'open';
    row.append(
      el('div', 'row__main',
        el('p', 'row__title', shortId(item.conversationId), state.unread.has(item.conversationId) ? el('span', 'badge', strings.unread) : null),
        el('p', 'row__tags', tags(item, strings)),
        sinceText),
      open);
    return row;
  }));

  $('waiting-list').replaceChildren(...waiting.map((item) => {
    const row = el('li', 'row row--waiting');
    row.dataset.conversationId = item.conversationId;
    row.dataset.priority = plain(item.priority)?.toLowerCase() ?? 'other';
    const wait = el('span', 'row__wait row__wait--ticking');
    wait.dataset.waitBase = String(Number(item.waitingSeconds) || 0);
    wait.textContent = clock(waitingNow(item.waitingSeconds));
    const acceptButton = el('button', 'button button--primary button--small', strings.accept);
    acceptButton.type = 'button';
    acceptButton.dataset.action = 'accept';
    const position = Number(item.position);
    row.append(
      el('div', 'row__main',
        el('p', 'row__title',
          position > 0 ? el('span', 'row__position', format(strings.position, { n: position })) : null,
          wait,
          item.offline ? el('span', 'tag tag--muted', strings.offline) : null),
        el('p', 'row__trigger', label(strings.triggers, item.trigger) ?? ''),
        el('p', 'row__tags', tags(item, strings))),
      acceptButton);
    return row;
  }));
}

function tags(item, strings) {
  return [
    item.priority ? el('span', `tag tag--priority tag--${String(item.priority).toLowerCase()}`, label(strings.priorities, item.priority)) : null,
    item.skill ? el('span', 'tag', label(strings.skills, item.skill)) : null,
    item.language ? el('span', 'tag tag--muted', label(strings.languages, item.language)) : null,
  ];
}

const waitingNow = (base) => (Number(base) || 0) + (Date.now() - state.queue.fetchedAt) / 1000;

const shortId = (id) => (String(id).length > 14 ? `${String(id).slice(0, 6)}…${String(id).slice(-6)}` : String(id));

/** Once a second: the waiting and "yours for" clocks, and the supervisor's longest wait. */
function tick() {
  for (const element of document.querySelectorAll('[data-wait-base]')) {
    element.textContent = clock(waitingNow(element.dataset.waitBase));
  }
  for (const element of document.querySelectorAll('[data-since]')) {
    element.textContent = format(t().since, { time: clock((Date.now() - Number(element.dataset.since)) / 1000) });
  }
  if (state.supervisor) {
    $('sup-longest').textContent = clock((Number(state.supervisor.longestWaitSeconds) || 0) + (Date.now() - state.supervisor.fetchedAt) / 1000);
  }
}

async function acceptConversation(id, button) {
  if (button) {
    button.disabled = true;
  }
  try {
    await api.accept(id);
    await openConversation(id);
  } catch (error) {
    refusal(error);
  } finally {
    loadQueue();
  }
}

/** A lost race or a full desk said in words (409 bodies name the outcome: Taken, AtCapacity, NotOwner…). */
function refusal(error) {
  const outcome = plain(error?.body?.outcome);
  if (error?.status === 409 && outcome === 'AtCapacity') {
    toast(t().atCapacity, 'warn');
  } else if (error?.status === 409) {
    toast(t().alreadyTaken, 'warn');
  } else {
    failed(error);
  }
}

async function takeNext() {
  const button = $('take-next');
  button.disabled = true;
  try {
    const claimed = await api.takeNext();
    if (claimed?.conversationId) {
      await openConversation(claimed.conversationId);
    } else {
      toast(t().nothingWaiting);
    }
  } catch (error) {
    refusal(error);
  } finally {
    await loadQueue();
  }
}

// ---- the open conversation ---------------------------------------------------------------------------------------

async function openConversation(id) {
  if (state.open?.id === id) {
    await refreshConversation();
    return;
  }
  closeConversation();
  state.open = { id, owner: null, watermark: null, context: null, customerName: null, everMine: false };
  state.unread.delete(id);
  transcript.clear();
  hideCustomerTyping();
  $('notes').replaceChildren();
  $('chat').dataset.state = 'loading';
  $('chat-placeholder').hidden = false;
  $('chat-placeholder-title').textContent = t().chatLoading;
  $('chat-placeholder-text').textContent = '';
  renderQueue();
  const ok = await refreshConversation();
  if (!ok || state.open?.id !== id) {
    return;
  }
  $('chat-placeholder').hidden = true;
  $('chat-open').hidden = false;
  $('chat').dataset.state = 'open';
  $('note-card').hidden = false;
  watchOpen();
  $('composer-input').focus();
}

/**
 * Live activities of the open conversation from what is shown on; then one refetch, for what was appended between
 * the GET and the Watch (the hub sends on the next change, not at once). Duplicates are dropped by id.
 */
async function watchOpen() {
  const open = state.open;
  if (open && state.live?.online()) {
    await state.live.watch(open.id, open.watermark);
    if (state.open === open) {
      await refreshConversation();
    }
  }
}

/** GET /conversations/{id} (from the last watermark), merged into what is shown: activities once each by id. */
async function refreshConversation() {
  const open = state.open;
  if (!open) {
    return false;
  }
  try {
    const body = await api.conversation(open.id, open.watermark);
    if (state.open !== open) {
      return false;
    }
    if (body.owner && typeof body.owner === 'object') {
      open.owner = body.owner;
    }
    if (body.watermark !== undefined && body.watermark !== null) {
      open.watermark = String(body.watermark);
    }
    if (body.context && typeof body.context === 'object') {
      open.context = body.context;
    }
    const activities = Array.isArray(body.transcript) ? body.transcript : [];
    open.customerName ??= plain(open.context?.customer?.name) ?? activities.find((a) => isCustomer(a) && a.from?.name)?.from.name ?? null;
    transcript.add(activities);
    if (Array.isArray(body.notes)) {
      renderNotes(body.notes);
    }
    renderChatHeader();
    renderContextPane();
    return true;
  } catch (error) {
    if (error?.status === 401) {
      return false;
    }
    if (state.open === open && $('chat-open').hidden) {
      closeConversation();
    }
    failed(error);
    return false;
  }
}

function closeConversation(messageKey) {
  const open = state.open;
  if (open) {
    state.live?.unwatch(open.id);
  }
  state.open = null;
  transcript.clear();
  hideCustomerTyping();
  $('chat-open').hidden = true;
  $('chat-placeholder').hidden = false;
  $('chat').dataset.state = 'empty';
  $('chat-placeholder-title').textContent = messageKey ? t()[messageKey] : t().chatEmptyTitle;
  $('chat-placeholder-text').textContent = t().chatEmptyText;
  $('context-body').replaceChildren();
  $('context-body').hidden = true;
  $('context-empty').hidden = false;
  $('note-card').hidden = true;
  $('composer-input').value = '';
  renderQueue();
}

/** May this agent write here? The owner is this agent (or not known yet). */
function canReply() {
  const owner = state.open?.owner;
  const me = api.session()?.login;
  return !owner || (owner.kind === 'agent' && (!owner.agent || owner.agent === me));
}

function ownerText(owner) {
  const strings = t();
  switch (owner?.kind) {
    case 'bot': return strings.ownerBot;
    case 'queued': return strings.ownerQueued;
    case 'offered': return strings.ownerOffered;
    case 'agent': return format(strings.ownerAgent, { agent: plain(owner.agent) ?? '?' });
    default: return plain(owner?.kind) ?? '?';
  }
}

function renderChatHeader() {
  const open = state.open;
  if (!open) {
    return;
  }
  const strings = t();
  const context = open.context ?? {};
  const name = open.customerName ?? strings.customer;
  $('chat-title').textContent = name;
  $('chat-avatar').textContent = Array.from(name)[0]?.toUpperCase() ?? '?';
  $('chat-meta').replaceChildren(
    el('span', 'chat__id', open.id),
    context.skill ? el('span', 'tag', label(strings.skills, context.skill)) : null,
    context.language ? el('span', 'tag tag--muted', label(strings.languages, context.language)) : null);

  const mine = canReply();
  const banner = $('chat-banner');
  if (mine) {
    open.everMine = true;
    banner.hidden = true;
  } else {
    // It was this agent's and is not any more (transferred, returned, taken back by a sweep), or it never was (a
    // supervisor reading another agent's conversation).
    $('chat-banner-text').textContent = open.everMine ? strings.notOwnerNow : format(strings.readOnly, { owner: ownerText(open.owner) });
    banner.hidden = false;
  }
  for (const id of ['composer-input', 'composer-send', 'return-to-bot', 'transfer', 'resolve']) {
    $(id).disabled = !mine;
  }
  $('chat').classList.toggle('chat--readonly', !mine);
}

function renderContextPane() {
  const open = state.open;
  const body = $('context-body');
  if (!open) {
    return;
  }
  body.replaceChildren(renderContext(open.context, t(), state.lang));
  body.hidden = !body.hasChildNodes();
  $('context-empty').hidden = body.hasChildNodes();
  const language = plain(open.context?.language)?.toLowerCase();
  if (language && !$('kb-query').value) {
    $('kb-lang').value = language.startsWith('en') ? 'en' : 'zh';
  }
}

// ---- composer ----------------------------------------------------------------------------------------------------

async function sendReply(event) {
  event?.preventDefault();
  const open = state.open;
  const input = $('composer-input');
  const text = input.value.trim();
  if (!open || !text || !canReply()) {
    return;
  }
  input.value = '';
  const pending = transcript.addPending(text, api.session()?.name ?? t().agentLabel);
  try {
    const body = await api.sendMessage(open.id, text);
    pending.confirm(body?.id ?? body?.activityId ?? null);
  } catch (error) {
    pending.fail(format(t().sendFailed, { reason: reason(error) }));
    if (error?.status === 403 || error?.status === 409) {
      refreshConversation();
    }
  }
  input.focus();
}

function composerKey(event) {
  // Enter sends; Shift+Enter is a new line; Enter that ends an IME composition (Chinese input) only commits it.
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
    event.preventDefault();
    sendReply();
  }
}

function composerInput() {
  const open = state.open;
  const now = Date.now();
  if (open && now - state.lastTyping > TYPING_THROTTLE_MS && $('composer-input').value) {
    state.lastTyping = now;
    state.live?.typing(open.id);
  }
}

// ---- conversation actions ----------------------------------------------------------------------------------------

async function returnToBot() {
  const open = state.open;
  if (!open) {
    return;
  }
  $('return-to-bot').disabled = true;
  try {
    await api.returnToBot(open.id);
    toast(t().returnedToBot, 'ok');
    closeConversation('returnedToBot');
  } catch (error) {
    failed(error);
    renderChatHeader();
  } finally {
    loadQueue();
  }
}

function openDialog(id) {
  const dialog = $(id);
  dialog.querySelector('.dialog__error').hidden = true;
  dialog.showModal();
}

async function submitTransfer(event) {
  event.preventDefault();
  const open = state.open;
  if (!open) {
    $('transfer-dialog').close();
    return;
  }
  const toAgent = $('transfer-form').elements.target.value === 'agent';
  const agent = $('transfer-agent').value.trim();
  if (toAgent && !agent) {
    $('transfer-agent').focus();
    return;
  }
  try {
    await api.transfer(open.id, toAgent ? { toAgent: agent } : { toSkill: $('transfer-skill').value });
    $('transfer-dialog').close();
    toast(t().transferred, 'ok');
    closeConversation('transferred');
  } catch (error) {
    const box = $('transfer-error');
    box.textContent = format(t().actionFailed, { reason: reason(error) });
    box.hidden = error?.status === 401;
  } finally {
    loadQueue();
  }
}

async function submitResolve(event) {
  event.preventDefault();
  const open = state.open;
  if (!open) {
    $('resolve-dialog').close();
    return;
  }
  try {
    await api.resolve(open.id, $('resolve-disposition').value, $('resolve-note').value.trim());
    $('resolve-dialog').close();
    $('resolve-note').value = '';
    toast(t().resolved, 'ok');
    closeConversation('resolved');
  } catch (error) {
    const box = $('resolve-error');
    box.textContent = format(t().actionFailed, { reason: reason(error) });
    box.hidden = error?.status === 401;
  } finally {
    loadQueue();
  }
}

async function submitNote(event) {
  event.preventDefault();
  const open = state.open;
  const input = $('note-input');
  const text = input.value.trim();
  if (!open || !text) {
    return;
  }
  try {
    await api.addNote(open.id, text);
    input.value = '';
    $('notes').prepend(noteItem(api.session()?.name ?? api.session()?.login, text, new Date().toISOString()));
    toast(t().noteSaved, 'ok');
  } catch (error) {
    failed(error);
  }
}

/** The notes GET /conversations/{id} returns ([{agent, text, at}]), newest first. */
function renderNotes(notes) {
  const items = notes.filter((n) => n && typeof n === 'object' && plain(n.text))
    .sort((a, b) => String(b.at ?? '').localeCompare(String(a.at ?? '')))
    .map((n) => noteItem(plain(n.agent), plain(n.text), n.at));
  $('notes').replaceChildren(...items);
}

function noteItem(author, text, at) {
  const time = timeOf(at, state.lang);
  return el('li', 'notes__item', el('span', 'notes__author', author ?? ''), time ? el('time', 'notes__time', time) : null, el('span', 'notes__text', text));
}

// ---- knowledge ---------------------------------------------------------------------------------------------------

async function searchKnowledge(event) {
  event.preventDefault();
  const q = $('kb-query').value.trim();
  if (!q) {
    return;
  }
  state.kbAbort?.abort();
  const abort = new AbortController();
  state.kbAbort = abort;
  const status = $('kb-status');
  const list = $('kb-hits');
  try {
    const body = await api.searchKnowledge(q, $('kb-lang').value, abort.signal);
    const hits = Array.isArray(body.hits) ? body.hits.filter((h) => h && typeof h === 'object') : [];
    status.hidden = hits.length > 0;
    status.textContent = hits.length ? '' : t().kbNoHits;
    list.replaceChildren(...hits.map((hit) => knowledgeHit(hit)));
  } catch (error) {
    if (error?.name === 'AbortError') {
      return;
    }
    status.hidden = false;
    status.textContent = t().kbFailed;
    list.replaceChildren();
  }
}

function knowledgeHit(hit) {
  const strings = t();
  // Plain text only: the answer's HTML is never put in the page, and what is inserted is what the customer will read.
  const answer = plain(hit.answer?.text) ?? plain(hit.answer?.markdown) ?? '';
  const confidence = Number(hit.confidence);
  const insert = el('button', 'button button--ghost button--small', strings.kbInsert);
  insert.type = 'button';
  insert.dataset.action = 'insert';
  insert.disabled = !answer;
  const item = el('li', 'kb__hit',
    el('p', 'kb__question', plain(hit.question) ?? plain(hit.id) ?? ''),
    Number.isFinite(confidence) ? el('span', 'kb__confidence', format(strings.kbConfidence, { percent: Math.round(confidence * 100) })) : null,
    el('p', 'kb__answer', answer),
    insert);
  item.dataset.entry = plain(hit.id) ?? '';
  insert.addEventListener('click', () => insertIntoComposer(answer));
  return item;
}

/** Puts text into the composer for editing, at the caret (never sends it). */
function insertIntoComposer(text) {
  const input = $('composer-input');
  if (input.disabled) {
    return;
  }
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? input.value.length;
  const before = input.value.slice(0, start);
  const after = input.value.slice(end);
  const gap = before && !before.endsWith('\n') ? '\n' : '';
  input.value = before + gap + text + after;
  const caret = (before + gap + text).length;
  input.focus();
  input.setSelectionRange(caret, caret);
}

// ---- supervisor --------------------------------------------------------------------------------------------------

async function loadSupervisor() {
  if (api.session()?.role !== 'supervisor') {
    return;
  }
  try {
    const body = await api.supervisor();
    state.supervisor = { ...body, fetchedAt: Date.now() };
    renderSupervisor();
  } catch (error) {
    if (error?.status !== 401) {
      console.warn('ServiceBot agent console: the supervisor view did not load', error);
    }
  }
}

function renderSupervisor() {
  const data = state.supervisor;
  if (!data) {
    return;
  }
  const strings = t();
  $('sup-waiting').textContent = String(Number(data.waiting) || 0);
  tick();
  const agents = Array.isArray(data.agents) ? data.agents.filter((a) => a && typeof a === 'object') : [];
  $('sup-empty').hidden = agents.length > 0;
  $('sup-agents').replaceChildren(...agents.map((agent) => {
    const load = Number(agent.load) || 0;
    const capacity = Number(agent.capacity) || 0;
    const meter = el('meter', 'load__meter');
    meter.min = 0;
    meter.max = Math.max(1, capacity);
    meter.value = load;
    const row = el('tr', agent.online ? 'agent agent--online' : 'agent',
      el('td', null, el('span', 'agent__name', plain(agent.name) ?? plain(agent.login) ?? ''), el('span', 'agent__login', plain(agent.login) ?? '')),
      el('td', null, el('span', 'presence', el('span', 'presence__dot'), agent.online ? strings.supOnline : strings.supOffline)),
      el('td', 'load', meter, el('span', 'load__text', `${load} / ${capacity}`)));
    row.dataset.login = plain(agent.login) ?? '';
    return row;
  }));
}

// ---- wiring ------------------------------------------------------------------------------------------------------

function wire() {
  for (const button of document.querySelectorAll('.lang-switch__option')) {
    button.addEventListener('click', () => switchLanguage(button.dataset.lang));
  }
  for (const tab of document.querySelectorAll('[data-view-tab]')) {
    tab.addEventListener('click', () => setView(tab.dataset.viewTab));
  }
  $('login-form').addEventListener('submit', submitLogin);
  $('logout').addEventListener('click', () => signOut('loggedOut'));
  $('take-next').addEventListener('click', takeNext);
  $('queue').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    const row = event.target.closest('[data-conversation-id]');
    if (!button || !row) {
      return;
    }
    if (button.dataset.action === 'accept') {
      acceptConversation(row.dataset.conversationId, button);
    } else if (button.dataset.action === 'open') {
      openConversation(row.dataset.conversationId);
    }
  });
  $('composer').addEventListener('submit', sendReply);
  $('composer-input').addEventListener('keydown', composerKey);
  $('composer-input').addEventListener('input', composerInput);
  $('return-to-bot').addEventListener('click', returnToBot);
  $('chat-dismiss').addEventListener('click', () => closeConversation());
  $('transfer').addEventListener('click', () => openDialog('transfer-dialog'));
  $('resolve').addEventListener('click', () => openDialog('resolve-dialog'));
  $('transfer-form').addEventListener('submit', submitTransfer);
  $('resolve-form').addEventListener('submit', submitResolve);
  for (const button of document.querySelectorAll('[data-close]')) {
    button.addEventListener('click', () => button.closest('dialog').close());
  }
  $('transfer-agent').addEventListener('focus', () => {
    $('transfer-form').elements.target.value = 'agent';
  });
  $('transfer-skill').addEventListener('focus', () => {
    $('transfer-form').elements.target.value = 'skill';
  });
  $('note-form').addEventListener('submit', submitNote);
  $('kb-form').addEventListener('submit', searchKnowledge);
  api.onUnauthorized(() => {
    if (state.view !== 'login') {
      signOut('sessionExpired');
    }
  });
}

function start() {
  wire();
  applyTexts();
  const session = api.loadSession();
  if (session) {
    signedIn(session);
  } else {
    setView('login');
    $('login-name').focus();
  }
  document.body.dataset.ready = 'true';
}

start();
