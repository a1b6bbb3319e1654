// Small DOM helpers. Every text goes in as text (textContent), never as HTML: nothing the API
// returns can become markup or script.

/** An element: h('a', {href: '#/', class: 'x', onclick: fn}, 'text', child, [more]). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'text') {
      el.textContent = value;
    } else if (key === 'value') {
      el.value = value;
    } else if (key === 'checked' || key === 'disabled' || key === 'selected' || key === 'hidden' || key === 'required' || key === 'multiple') {
      el[key] = Boolean(value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let ids = 0;
/** A fresh element id. */
export function uid(prefix = 'f') {
  ids += 1;
  return `${prefix}-${ids}`;
}

// ---- times: the browser's zone, UTC on hover ----

const localFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const utcFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

/** A <time> in the browser's zone, with UTC in its tooltip. */
export function time(iso, { relative = false } = {}) {
  if (!iso) return h('span', { class: 'muted', text: '—' });
  const date = new Date(iso);
  const label = relative ? `${ago(date)} (${localFormat.format(date)})` : localFormat.format(date);
  return h('time', { datetime: date.toISOString(), title: `${utcFormat.format(date)} UTC` }, relative ? ago(date) : label);
}

/** "3 min ago", "in 2 h". */
export function ago(date) {
  const seconds = Math.round((Date.now() - new Date(date).getTime()) / 1000);
  const future = seconds < 0;
  const s = Math.abs(seconds);
  let text;
  if (s < 45) text = `${s} s`;
  else if (s < 3600) text = `${Math.round(s / 60)} min`;
  else if (s < 86400 * 2) text = `${Math.round(s / 3600)} h`;
  else text = `${Math.round(s / 86400)} days`;
  return future ? `in ${text}` : `${text} ago`;
}

export function bytes(n) {
  if (n === undefined || n === null) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = Number(n);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function seconds(total) {
  if (total === undefined || total === null) return '—';
  const s = Math.max(0, Math.round(total));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** An API duration (ISO-8601 such as PT30S, or 30s as written) as people write it: 30s, 2h 30m. */
export function duration(text) {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(String(text || ''));
  if (!match) return text || '—';
  const [, d, hh, mm, ss] = match;
  const parts = [d && `${d}d`, hh && `${hh}h`, mm && `${mm}m`, ss && `${Number(ss)}s`].filter(Boolean);
  return parts.length ? parts.join(' ') : '0s';
}

/** How long between two instants, in words. */
export function between(from, to) {
  if (!from || !to) return '—';
  return seconds((new Date(to) - new Date(from)) / 1000);
}

// ---- status: always a word and a symbol, never colour alone ----

const STATUS = {
  QUEUED: ['◷', 'Queued', 'wait'],
  RUNNING: ['▶', 'Running', 'busy'],
  RETRYING: ['↻', 'Retrying', 'warn'],
  SUCCEEDED: ['✓', 'Succeeded', 'ok'],
  PARTIAL: ['◐', 'Partial', 'warn'],
  FAILED: ['✕', 'Failed', 'bad'],
  CANCELLED: ['■', 'Cancelled', 'muted'],
  TIMED_OUT: ['⏱', 'Timed out', 'bad'],
  REFUSED: ['✕', 'Refused', 'bad'],
  HEALTHY: ['✓', 'Healthy', 'ok'],
  FAILING: ['✕', 'Failing', 'bad'],
  OUT_OF_SYNC: ['⚠', 'Out of sync', 'warn'],
  PAUSED: ['‖', 'Paused', 'muted'],
  NEEDS_RESYNC: ['⟳', 'Needs resync', 'bad'],
  PENDING: ['◷', 'Pending', 'wait'],
  READY: ['✓', 'Ready', 'ok'],
  INIT_FAILED: ['✕', 'Init failed', 'bad'],
  REACHABLE: ['✓', 'Reachable', 'ok'],
  UNREACHABLE: ['✕', 'Unreachable', 'bad'],
  DELIVERED: ['✓', 'Delivered', 'ok'],
};

export function statusLabel(status) {
  return (STATUS[status] || ['•', String(status || 'unknown').toLowerCase()])[1];
}

/** A badge with a symbol and a word; the colour only repeats what the word says. */
export function badge(status, extra) {
  const [symbol, word, tone] = STATUS[status] || ['•', String(status || 'unknown'), 'muted'];
  return h('span', { class: `badge tone-${tone}`, 'data-status': status },
    h('span', { 'aria-hidden': 'true' }, symbol), ' ', extra ? `${word} ${extra}` : word);
}

/** A labelled progress bar, with the numbers as text beside it. */
export function progressBar(progress, label) {
  const percent = percentOf(progress);
  const bar = h('progress', { max: 100, value: percent, 'aria-label': label || 'Progress' });
  bar.textContent = `${percent}%`;
  return h('div', { class: 'progress' }, bar, h('span', { class: 'progress-text', text: `${percent}%` }));
}

export function percentOf(progress) {
  if (!progress) return 0;
  if (progress.bytesTotal > 0) return Math.min(100, Math.floor((progress.bytesDone * 100) / progress.bytesTotal));
  if (progress.filesTotal > 0) return Math.min(100, Math.floor((progress.filesDone * 100) / progress.filesTotal));
  return 0;
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** A table that scrolls sideways on narrow screens, reachable by keyboard. */
export function table(caption, headers, rows) {
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    h('table', {},
      h('caption', { class: 'visually-hidden', text: caption }),
      h('thead', {}, h('tr', {}, headers.map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, rows)));
}

/** A friendly box for "nothing here yet", with what to do next. */
export function empty(title, ...body) {
  return h('div', { class: 'empty' }, h('h3', { text: title }), ...body);
}

export function toast(text) {
  const box = document.getElementById('toast');
  if (!box) return;
  box.textContent = text;
  box.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => box.classList.remove('show'), 4000);
}

/** Previous and next for a paged list, or nothing when it has one page: onPage(page) loads one. */
export function pager(label, page, total, size, onPage) {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages < 2) return null;
  return h('nav', { class: 'pager', 'aria-label': label },
    h('button', { type: 'button', disabled: page === 0, onclick: () => onPage(page - 1) }, '← Previous'),
    h('span', { text: `Page ${page + 1} of ${pages}` }),
    h('button', { type: 'button', disabled: page + 1 >= pages, onclick: () => onPage(page + 1) }, 'Next →'));
}
