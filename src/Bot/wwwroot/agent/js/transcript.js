// One conversation's transcript in the chat pane: customer messages on the left, the bot's and agents' on the right,
// events (handoff.status …) as small system lines. Activities are kept once each (by id): the same one may come from
// GET /conversations/{id}, from the hub, and again after a reconnect. Every text is set as text, never as markup.
import { el, format, plain, safeUrl, timeOf } from './dom.js';

export class Transcript {
  /** @param {HTMLOListElement} list  @param {() => object} strings the current locale's strings */
  constructor(list, strings, lang) {
    this.list = list;
    this.strings = strings;
    this.lang = lang;
    this.seen = new Map(); // activity id → its <li>
    this.pending = []; // the agent's own messages sent but not yet seen back
  }

  clear() {
    this.seen.clear();
    this.pending = [];
    this.list.replaceChildren();
  }

  /** Adds activities not shown yet, in order; returns how many were new messages from the customer. */
  add(activities) {
    let fromCustomer = 0;
    for (const activity of activities ?? []) {
      if (!activity || typeof activity !== 'object' || activity.type === 'typing') {
        continue;
      }
      const id = activity.id ?? null;
      if (id !== null && this.seen.has(id)) {
        this.seen.get(id).classList.remove('line--pending');
        continue;
      }
      if (this.confirmPending(activity)) {
        continue;
      }
      const line = this.render(activity);
      if (!line) {
        continue;
      }
      if (id !== null) {
        line.dataset.id = id;
        this.seen.set(id, line);
      }
      this.list.append(line);
      if (isCustomer(activity) && activity.type === 'message') {
        fromCustomer += 1;
      }
    }
    this.scrollToEnd();
    return fromCustomer;
  }

  /** The agent's message shown at once, as pending until the hub (or a refetch) brings it back. */
  addPending(text, name) {
    const line = this.message('agent', name, text, null, []);
    line.classList.add('line--pending');
    this.list.append(line);
    const entry = { text, line };
    this.pending.push(entry);
    this.scrollToEnd();
    return {
      // Accepted by the server: shown as sent. With its id, the copy the hub brings is known by it; without one,
      // the entry stays to be matched by its text.
      confirm: (id) => {
        line.classList.remove('line--pending');
        if (id && !this.seen.has(id)) {
          line.dataset.id = id;
          this.seen.set(id, line);
          this.pending = this.pending.filter((p) => p !== entry);
        }
      },
      fail: (reason) => {
        line.classList.remove('line--pending');
        line.classList.add('line--failed');
        line.append(el('p', 'line__error', reason));
        this.pending = this.pending.filter((p) => p !== entry);
      },
    };
  }

  confirmPending(activity) {
    if (activity.type !== 'message' || isCustomer(activity)) {
      return false;
    }
    const index = this.pending.findIndex((p) => p.text === activity.text);
    if (index < 0) {
      return false;
    }
    const [entry] = this.pending.splice(index, 1);
    entry.line.classList.remove('line--pending');
    if (activity.id) {
      entry.line.dataset.id = activity.id;
      this.seen.set(activity.id, entry.line);
    }
    return true;
  }

  scrollToEnd() {
    this.list.scrollTop = this.list.scrollHeight;
  }

  render(activity) {
    const t = this.strings();
    if (activity.type === 'message') {
      const side = isCustomer(activity) ? 'customer' : isBot(activity) ? 'bot' : 'agent';
      const fallbackName = side === 'customer' ? t.customer : side === 'bot' ? t.bot : t.agentLabel;
      const name = typeof activity.from?.name === 'string' && activity.from.name ? activity.from.name : fallbackName;
      const actions = Array.isArray(activity.suggestedActions?.actions) ? activity.suggestedActions.actions : [];
      return this.message(side, name, activity.text, activity.timestamp, activity.attachments, actions);
    }
    if (activity.type === 'event' || activity.type === 'conversationUpdate') {
      return this.system(activity);
    }
    return null;
  }

  message(side, name, text, timestamp, attachments, actions = []) {
    const line = el('li', `line line--${side}`);
    const time = timeOf(timestamp, this.lang());
    line.append(el('p', 'line__who', name, time ? el('time', 'line__time', time) : null));
    const bubble = el('div', 'line__bubble');
    if (typeof text === 'string' && text !== '') {
      bubble.append(el('p', 'line__text', text));
    }
    for (const attachment of Array.isArray(attachments) ? attachments : []) {
      bubble.append(this.attachment(attachment));
    }
    if (actions.length) {
      const titles = actions.map((a) => plain(a?.title ?? a?.value)).filter(Boolean);
      if (titles.length) {
        bubble.append(el('p', 'line__choices', this.strings().choices, ...titles.map((title) => el('span', 'chip', title))));
      }
    }
    line.append(bubble);
    return line;
  }

  attachment(attachment) {
    const t = this.strings();
    const label = plain(attachment?.name) ?? plain(attachment?.contentType) ?? t.attachment;
    const url = attachment?.contentUrl ? safeUrl(attachment.contentUrl) : null;
    const chip = el(url ? 'a' : 'span', 'attachment', `${t.attachment}: `, label);
    if (url) {
      chip.href = url;
      chip.target = '_blank';
      chip.rel = 'noopener noreferrer';
    }
    return chip;
  }

  system(activity) {
    const t = this.strings();
    let text;
    if (activity.type === 'conversationUpdate') {
      text = t.customerJoined;
    } else if (activity.name === 'handoff.status') {
      text = statusText(activity.value, t);
    } else if (activity.name === 'handoff.initiate') {
      text = t.statusInitiate;
    } else {
      text = format(t.systemEvent, { name: plain(activity.name) ?? '?' });
    }
    const time = timeOf(activity.timestamp, this.lang());
    return el('li', 'line line--system', el('span', 'line__system', text, time ? el('time', 'line__time', time) : null));
  }
}

export function statusText(value, t) {
  const kind = value?.state ?? value?.kind ?? value?.owner?.kind ?? value?.status;
  const agent = plain(value?.agentName ?? value?.agent ?? value?.owner?.agent) ?? t.agentLabel;
  const position = Number(value?.position);
  switch (kind) {
    case 'queued':
      return position > 0 ? format(t.statusQueued, { n: position }) : t.statusQueuedNoPosition;
    case 'offered':
      return format(t.statusOffered, { agent });
    case 'agent':
      return format(t.statusAgent, { agent });
    case 'bot':
      return t.statusBot;
    default:
      return format(t.systemEvent, { name: 'handoff.status' });
  }
}

export const isCustomer = (activity) => activity?.from?.role === 'user';

/** The bot's own messages (the bot's account without an agent's name); agents speak from the bot's account too. */
const isBot = (activity) => activity?.from?.role === 'bot' && (!activity.from.name || activity.from.name === 'ServiceBot') && !activity.channelData?.agent;
