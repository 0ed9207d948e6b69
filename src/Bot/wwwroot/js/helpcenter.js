// The help-center page: language, topics, the human button, the contact footer, and Bot Framework Web Chat talking
// Direct Line 3.0 to this service. No inline handlers (the Content-Security-Policy forbids them): everything is wired
// here. Texts come from strings.js only.
import { LOCALES, STRINGS, WEB_CHAT_LOCALES } from './strings.js';

const LANGUAGE_KEY = 'servicebot.helpcenter.lang';
const DEMO_USERS = Object.freeze({ 'c-alice': 'Alice', 'c-bob': 'Bob', 'c-carol': 'Carol' });
const DEFAULT_USER = 'c-alice';

// Direct Line connection states, as Web Chat reports them (botframework-directlinejs ConnectionStatus).
const CONNECTION = Object.freeze({ Online: 2, ExpiredToken: 3, FailedToConnect: 4, Ended: 5 });

const ICONS = Object.freeze({
  refund: 'M4 5.5h12v9H4zM4 8.5h12M7.5 12h2.5',
  progress: 'M10 3.5a6.5 6.5 0 1 0 6.5 6.5M10 6.5V10l2.5 2M13.5 3.5h3v3',
  shipping: 'M2.5 6h9v7.5h-9zM11.5 9h3l2.5 2.5v2h-5.5M5.5 15.5a1.3 1.3 0 1 0 0-.1M14 15.5a1.3 1.3 0 1 0 0-.1',
  platform: 'M10 2.5l6 2.5v4.5c0 3.8-2.6 6.5-6 8-3.4-1.5-6-4.2-6-8V5zM7.3 10l2 2 3.5-3.8',
});

const state = {
  lang: initialLanguage(),
  user: initialUser(),
  store: null,
  directLine: null,
  status: 'connecting',
  contact: null,
};

const $ = (id) => document.getElementById(id);
const text = () => STRINGS[state.lang];

function initialLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  const fromQuery = parseLanguage(asked);
  if (fromQuery) {
    return fromQuery;
  }

  try {
    return parseLanguage(localStorage.getItem(LANGUAGE_KEY)) ?? 'zh-CN';
  } catch {
    return 'zh-CN'; // storage refused (private mode, disabled cookies): Chinese first
  }
}

function parseLanguage(value) {
  const lower = (value ?? '').toLowerCase();
  return lower.startsWith('zh') ? 'zh-CN' : lower.startsWith('en') ? 'en' : null;
}

function initialUser() {
  const asked = new URLSearchParams(location.search).get('user');
  return asked && Object.hasOwn(DEMO_USERS, asked) ? asked : DEFAULT_USER;
}

// ---- page texts --------------------------------------------------------------------------------------------------

function applyTexts() {
  const t = text();
  document.documentElement.lang = state.lang;
  document.title = t.pageTitle;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t[element.dataset.i18n];
  }
  for (const element of document.querySelectorAll('[data-i18n-aria-label]')) {
    element.setAttribute('aria-label', t[element.dataset.i18nAriaLabel]);
  }
  for (const button of document.querySelectorAll('.lang-switch__option')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === state.lang));
  }

  renderActions(t.actions);
  renderTopics(t.topics);
  renderStatus();
  renderContact();
}

function renderActions(actions) {
  const list = $('action-list');
  list.replaceChildren(...actions.map((action) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'action';
    button.dataset.send = action.text;
    button.append(icon(ICONS[action.icon]), span('action__label', action.label));
    item.append(button);
    return item;
  }));
}

function renderTopics(topics) {
  const list = $('topic-list');
  list.replaceChildren(...topics.map((question) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'topic';
    button.dataset.send = question;
    button.append(span('topic__text', question), chevron());
    item.append(button);
    return item;
  }));
}

function icon(path) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'action__icon');
  const shape = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  shape.setAttribute('d', path);
  svg.append(shape);
  return svg;
}

function chevron() {
  const svg = icon('M8 5l5 5-5 5');
  svg.setAttribute('class', 'topic__chevron');
  return svg;
}

function span(className, content) {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = content;
  return element;
}

function renderStatus() {
  const t = text();
  const labels = { connecting: t.statusConnecting, online: t.statusOnline, offline: t.statusOffline, unavailable: t.statusUnavailable };
  $('chat-status').dataset.state = state.status;
  $('chat-status-text').textContent = labels[state.status];
  const ready = state.status === 'online';
  $('human-button').disabled = !ready;
  for (const button of document.querySelectorAll('[data-send]')) {
    button.disabled = !ready;
  }
}

function setStatus(status) {
  if (state.status !== status) {
    state.status = status;
    renderStatus();
  }
}

// ---- contact footer (policy values from the knowledge base) ------------------------------------------------------

async function loadContact() {
  try {
    const response = await fetch('api/helpcenter/contact', { headers: { Accept: 'application/json' } });
    if (response.ok) {
      state.contact = await response.json();
      renderContact();
    }
  } catch {
    // The footer keeps its labels; the chat says the rest.
  }
}

function renderContact() {
  const contact = state.contact;
  const hotline = $('hotline');
  hotline.textContent = contact?.hotline ?? '';
  hotline.href = contact?.hotline ? `tel:${contact.hotline.replace(/[^0-9+]/g, '')}` : '#';
  $('hotline-hours').textContent = contact?.hotlineHours?.[state.lang] ?? '';
  $('service-hours').textContent = contact?.serviceHours?.[state.lang] ?? '';
}

// ---- notices in the chat pane ------------------------------------------------------------------------------------

let notice = null; // the keys shown, so a language switch re-renders it

function showNotice(titleKey, textKey, detailKey, canRetry) {
  notice = { titleKey, textKey, detailKey, canRetry };
  renderNotice();
}

function hideNotice() {
  notice = null;
  renderNotice();
}

function renderNotice() {
  const box = $('chat-notice');
  box.hidden = notice === null;
  if (notice) {
    const t = text();
    $('chat-notice-title').textContent = t[notice.titleKey];
    $('chat-notice-text').textContent = t[notice.textKey];
    $('chat-notice-detail').textContent = notice.detailKey ? t[notice.detailKey] : '';
    $('chat-retry').hidden = !notice.canRetry;
  }
}

// ---- Web Chat ----------------------------------------------------------------------------------------------------

function webChatAvailable() {
  return typeof window.WebChat?.renderWebChat === 'function';
}

async function connect() {
  hideNotice();
  setStatus('connecting');
  let token;
  try {
    const response = await fetch('api/demo/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ user: { id: state.user, name: DEMO_USERS[state.user] }, locale: state.lang }),
    });
    if (!response.ok) {
      throw new Error(`token endpoint answered ${response.status}`);
    }
    ({ token } = await response.json());
  } catch (error) {
    console.warn('ServiceBot help center: no Direct Line token', error);
    setStatus('unavailable');
    showNotice('unavailableTitle', 'unavailableText', null, true);
    return;
  }

  state.directLine = window.WebChat.createDirectLine({ token, domain: `${location.origin}/v3/directline` });
  // No welcome of the page's own: the service greets as soon as the conversation is opened, in the language the
  // token was asked for, and that greeting is the first message of the transcript.
  state.store = window.WebChat.createStore({}, () => (next) => (action) => {
    if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
      setStatus('online');
    } else if (action.type === 'DIRECT_LINE/UPDATE_CONNECTION_STATUS') {
      const status = action.payload?.connectionStatus;
      if (status === CONNECTION.Online) {
        setStatus('online');
      } else if (status === CONNECTION.FailedToConnect || status === CONNECTION.Ended || status === CONNECTION.ExpiredToken) {
        setStatus('unavailable');
        showNotice('unavailableTitle', 'unavailableText', null, true);
      } else if (state.status === 'online') {
        setStatus('offline');
      }
    }
    return next(action);
  });
  renderWebChat();
}

function styleOptions() {
  const t = text();
  return {
    accent: '#c2410c',
    backgroundColor: '#f6f7f9',
    primaryFont: '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif',
    rootHeight: '100%',
    rootWidth: '100%',
    avatarSize: 36,
    botAvatarInitials: t.botAvatar,
    botAvatarBackgroundColor: '#c2410c',
    userAvatarInitials: t.userAvatar,
    userAvatarBackgroundColor: '#475569',
    bubbleBackground: '#ffffff',
    bubbleBorderColor: '#e4e7ec',
    bubbleBorderRadius: 14,
    bubbleBorderWidth: 1,
    bubbleNubSize: 0,
    bubbleMaxWidth: 560,
    bubbleMinHeight: 36,
    bubbleTextColor: '#1f2937',
    bubbleFromUserBackground: '#c2410c',
    bubbleFromUserBorderColor: '#c2410c',
    bubbleFromUserBorderRadius: 14,
    bubbleFromUserNubSize: 0,
    bubbleFromUserTextColor: '#ffffff',
    groupTimestamp: 300000,
    markdownRespectCRLF: true,
    paddingRegular: 12,
    sendBoxBackground: '#ffffff',
    sendBoxBorderTop: 'solid 1px #e4e7ec',
    sendBoxButtonColor: '#667085',
    sendBoxButtonColorOnHover: '#c2410c',
    sendBoxHeight: 56,
    sendBoxPlaceholderColor: '#98a2b3',
    sendBoxTextColor: '#1f2937',
    suggestedActionLayout: 'flow',
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBorderColor: '#f3b08f',
    suggestedActionBorderRadius: 18,
    suggestedActionBorderWidth: 1,
    suggestedActionTextColor: '#c2410c',
    suggestedActionHeight: 36,
    suggestedActionBackgroundColorOnHover: '#fff4ed',
    hideUploadButton: false,
    uploadAccept: 'image/*',
    uploadMultiple: true,
    typingAnimationDuration: 5000,
    transcriptOverlayButtonBackground: 'rgba(194, 65, 12, .85)',
    transcriptOverlayButtonBackgroundOnHover: '#c2410c',
  };
}

function renderWebChat() {
  if (!state.directLine) {
    return;
  }

  const t = text();
  window.WebChat.renderWebChat(
    {
      directLine: state.directLine,
      store: state.store,
      userID: state.user,
      username: DEMO_USERS[state.user],
      locale: WEB_CHAT_LOCALES[state.lang],
      // The agent sees the customer typing while a person has the conversation (the service keeps it only then).
      sendTypingIndicator: true,
      styleOptions: styleOptions(),
      overrideLocalizedStrings: {
        TEXT_INPUT_PLACEHOLDER: t.sendBoxPlaceholder,
        TEXT_INPUT_UPLOAD_BUTTON_ALT: t.uploadButtonAlt,
      },
    },
    $('webchat'),
  );
}

function send(message) {
  if (state.store && state.status === 'online') {
    state.store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: message } });
    state.store.dispatch({ type: 'WEB_CHAT/FOCUS_SEND_BOX' });
  }
}

// ---- wiring ------------------------------------------------------------------------------------------------------

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
  renderNotice();
  // Same store and Direct Line: the conversation stays, Web Chat's own texts change and every message from now on
  // carries the new locale, which the bot answers in.
  renderWebChat();
}

function wire() {
  for (const button of document.querySelectorAll('.lang-switch__option')) {
    button.addEventListener('click', () => switchLanguage(button.dataset.lang));
  }

  $('topics').addEventListener('click', (event) => {
    const button = event.target.closest('[data-send]');
    if (button && !button.disabled) {
      send(button.dataset.send);
      setTopicsOpen(false);
    }
  });

  $('topics-toggle').addEventListener('click', () => setTopicsOpen($('topics-toggle').getAttribute('aria-expanded') !== 'true'));
  $('human-button').addEventListener('click', () => send(text().humanMessage));
  $('chat-retry').addEventListener('click', () => connect());
}

function setTopicsOpen(open) {
  $('topics-toggle').setAttribute('aria-expanded', String(open));
  $('topics').classList.toggle('topics--open', open);
}

function start() {
  applyTexts();
  wire();
  loadContact();
  if (!webChatAvailable()) {
    console.warn('ServiceBot help center: vendor/webchat.js did not load; run tools/webchat/install.sh.');
    setStatus('unavailable');
    showNotice('widgetMissingTitle', 'widgetMissingText', 'widgetMissingDetail', false);
    document.body.dataset.widget = 'missing';
    return;
  }

  document.body.dataset.widget = 'ready';
  connect();
}

start();
