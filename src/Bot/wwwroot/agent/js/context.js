// The context pane: what an agent needs before the first reply. The snapshot comes from GET /conversations/{id}
// ("context": trigger, evidence, language, skill, priority, summary, dialog, orders, refunds); every field may be
// missing, and a missing one is simply not shown. All values are set as text.
import { el, format, money, plain, timeOf } from './dom.js';

/** Builds the pane's content for one conversation's context (a DocumentFragment). */
export function renderContext(context, t, lang) {
  const fragment = document.createDocumentFragment();
  if (!context || typeof context !== 'object') {
    return fragment;
  }

  const handoff = facts([
    [t.trigger, label(t.triggers, context.trigger)],
    [t.skill, label(t.skills, context.skill)],
    [t.priority, label(t.priorities, context.priority)],
    [t.language, label(t.languages, context.language)],
  ]);
  const evidence = plain(context.evidence);
  if (handoff || evidence) {
    fragment.append(card('context-handoff', t.handoffTitle, handoff,
      evidence ? el('blockquote', 'quote', el('span', 'quote__label', t.evidence), el('span', 'quote__text', evidence)) : null));
  }

  const dialog = context.dialog;
  if (dialog && typeof dialog === 'object') {
    const name = plain(dialog.name) ?? '';
    const values = dialog.values && typeof dialog.values === 'object' && !Array.isArray(dialog.values) ? dialog.values : {};
    const keys = [...DRAFT_ORDER.filter((key) => Object.hasOwn(values, key)), ...Object.keys(values).filter((key) => !DRAFT_ORDER.includes(key) && !HIDDEN_VALUES.includes(key))];
    const rows = keys.map((key) => [Object.hasOwn(t.dialogFields, key) ? t.dialogFields[key] : key, draftValue(key, values[key], t, lang)]);
    if (plain(dialog.step) && plain(dialog.step) !== name) {
      rows.push([t.dialogFields.step, plain(dialog.step)]);
    }
    const isRefund = /refund/i.test(name);
    const section = card('context-draft', isRefund ? t.draftTitle : format(t.dialogTitle, { name }), facts(rows));
    section.classList.add('card--draft');
    if (isRefund && name) {
      section.querySelector('.card__title').append(el('span', 'tag', name));
    }
    fragment.append(section);
  }

  const summary = Array.isArray(context.summary) ? context.summary.map(plain).filter(Boolean) : [];
  if (summary.length) {
    fragment.append(card('context-summary', t.summaryTitle, el('ul', 'summary', summary.map((line) => el('li', null, line)))));
  }

  const orders = Array.isArray(context.orders) ? context.orders.filter((o) => o && typeof o === 'object') : [];
  if (orders.length) {
    fragment.append(card('context-orders', t.ordersTitle, el('ul', 'records', orders.map((order) => el('li', 'record',
      el('p', 'record__head', el('span', 'record__id', plain(order.orderId) ?? ''), statusTag(label(t.values, order.status))),
      plain(order.title) ? el('p', 'record__title', plain(order.title)) : null,
      order.amount !== undefined && order.amount !== null ? el('p', 'record__amount', money(order.amount, lang)) : null)))));
  }

  const refunds = Array.isArray(context.refunds) ? context.refunds.filter((r) => r && typeof r === 'object') : [];
  if (refunds.length) {
    fragment.append(card('context-refunds', t.refundsTitle, el('ul', 'records', refunds.map((refund) => {
      const history = Array.isArray(refund.history) ? refund.history.filter((h) => h && typeof h === 'object') : [];
      return el('li', 'record',
        el('p', 'record__head', el('span', 'record__id', plain(refund.requestId) ?? ''), statusTag(label(t.values, refund.status))),
        plain(refund.type) || plain(refund.orderId) ? el('p', 'record__title', [label(t.values, refund.type), plain(refund.orderId)].filter(Boolean).join(' · ')) : null,
        refund.amount !== undefined && refund.amount !== null ? el('p', 'record__amount', money(refund.amount, lang)) : null,
        history.length ? el('ol', 'timeline', history.map((step) => el('li', 'timeline__step',
          el('span', 'timeline__status', label(t.values, step.status) ?? ''),
          timeOf(step.at, lang) ? el('time', 'timeline__time', timeOf(step.at, lang)) : null,
          plain(step.note) ? el('span', 'timeline__note', plain(step.note)) : null))) : null);
    }))));
  }

  return fragment;
}

/** The refund draft's fields in the order an agent reads them; the dialog's bookkeeping is not shown. */
const DRAFT_ORDER = ['orderId', 'type', 'reason', 'reasonText', 'amount', 'paid', 'evidence'];
const HIDDEN_VALUES = ['allowedTypes', 'allowedReasons', 'editing'];

function draftValue(key, value, t, lang) {
  if (key === 'amount' || key === 'paid') {
    return money(value, lang);
  }
  if (key === 'evidence' && Array.isArray(value)) {
    return value.length ? format(t.evidenceCount, { n: value.length }) : null;
  }
  return label(t.values, value);
}

function card(id, title, ...body) {
  const section = el('section', 'card', el('h3', 'card__title', title), ...body);
  section.id = id;
  return section;
}

/** A definition list of [label, value] rows with a value; null when none has one. */
function facts(rows) {
  const present = rows.filter(([, value]) => value !== null && value !== undefined && value !== '');
  if (!present.length) {
    return null;
  }
  return el('dl', 'facts', present.map(([name, value]) => el('div', 'facts__row', el('dt', null, name), el('dd', null, value))));
}

function statusTag(status) {
  const text = plain(status);
  return text ? el('span', 'tag tag--status', text) : null;
}

/** The label of a known value (trigger, skill…), or the value itself. */
export function label(labels, value) {
  const text = plain(value);
  if (text === null) {
    return null;
  }
  const key = text.toLowerCase();
  return Object.hasOwn(labels, key) ? labels[key] : Object.hasOwn(labels, text) ? labels[text] : text;
}
