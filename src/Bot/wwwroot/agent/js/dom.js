// Small DOM helpers for the agent console. Text goes in as text nodes only: nothing here parses markup, so text from
// a customer, an order or the knowledge base can never become an element or run a script.

export const $ = (id) => document.getElementById(id);

/**
 * An element with an optional class and children. Children that are strings (or numbers) become text nodes;
 * null, undefined and false are skipped, so optional parts read naturally.
 */
export function el(tag, className, ...children) {
  const element = document.createElement(tag);
  if (className) {
    element.className = className;
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Fills {name} placeholders of a string from strings.js. */
export function format(template, values = {}) {
  return String(template ?? '').replace(/\{(\w+)\}/g, (whole, key) => (Object.hasOwn(values, key) ? String(values[key]) : whole));
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function clock(totalSeconds) {
  const seconds = Math.max(0, Math.floor(Number(totalSeconds) || 0));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A value of unknown shape as one line of text (objects and lists flattened), or null when there is nothing. */
export function plain(value) {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  if (Array.isArray(value)) {
    const parts = value.map(plain).filter((part) => part !== null);
    return parts.length ? parts.join('、') : null;
  }
  if (typeof value === 'object') {
    const parts = Object.entries(value).map(([key, inner]) => {
      const text = plain(inner);
      return text === null ? null : `${key}: ${text}`;
    }).filter((part) => part !== null);
    return parts.length ? parts.join(', ') : null;
  }
  return String(value);
}

/** ¥1,899.00 for numbers and numeric strings ("1899.00"); other strings are shown as they came. */
export function money(value, lang) {
  const number = typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  if (typeof number === 'number' && Number.isFinite(number)) {
    return new Intl.NumberFormat(lang, { style: 'currency', currency: 'CNY' }).format(number);
  }
  return plain(value);
}

/** A timestamp for a transcript line (time of day; the date too when it is not today). */
export function timeOf(value, lang) {
  const date = value ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    return null;
  }
  const today = new Date().toDateString() === date.toDateString();
  return date.toLocaleString(lang, today ? { hour: '2-digit', minute: '2-digit' } : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** An http(s) URL of this page's origin or another, or null (never javascript:, data: …). */
export function safeUrl(value) {
  try {
    const url = new URL(String(value), location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
