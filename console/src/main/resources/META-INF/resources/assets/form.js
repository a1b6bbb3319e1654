// What the forms share: a labelled field with its hint (its default) and a place for its error;
// repeatable rows; and the API's problem+json shown at the fields it names. data-field holds the
// API's names for what an element shows (space-separated when it shows several), so that a problem
// finds its field by the name the API gives it.

import { duration, fill, h, uid } from './dom.js';

/** A labelled input with a hint and a place for its error; names, when given, become data-field. */
export function field(label, names, input, hint) {
  input.id = input.id || uid('f');
  if (names) input.dataset.field = names;
  input.setAttribute('aria-describedby', `${input.id}-hint ${input.id}-error`);
  return h('div', { class: 'field' },
    h('label', { for: input.id, text: label }),
    input,
    h('p', { class: 'hint', id: `${input.id}-hint`, text: hint || '' }),
    h('p', { class: 'field-error', id: `${input.id}-error` }));
}

/** A checkbox with its label after it, a hint and a place for its error. */
export function check(label, names, checked, hint) {
  const input = h('input', { type: 'checkbox', id: uid('check'), checked, 'data-field': names });
  input.setAttribute('aria-describedby', `${input.id}-hint ${input.id}-error`);
  const element = h('div', { class: 'field' },
    h('div', { class: 'check' }, input, h('label', { for: input.id, text: label })),
    h('p', { class: 'hint', id: `${input.id}-hint`, text: hint || '' }),
    h('p', { class: 'field-error', id: `${input.id}-error` }));
  return { element, input };
}

/**
 * The headers and signing secret of a webhook or an HTTP hook. A stored one's header values and
 * secret are sealed, never shown: left empty they are kept (for the same URL), and a box removes
 * them (the API reads headers {} as none and a secret "" as removed). keptHeaders: the names of
 * the stored headers; secretSet: whether a secret is stored; signs: what the secret signs.
 * Answers {elements, into(value)}: into puts the person's choice into the request's value.
 */
export function headersAndSecret(name, keptHeaders, secretSet, signs) {
  const headers = h('textarea', { rows: 2 });
  const secret = h('input', { type: 'password', autocomplete: 'new-password' });
  const dropHeaders = keptHeaders.length
    ? check('Remove its headers', undefined, false, `No longer sends ${keptHeaders.join(', ')}.`) : null;
  const dropSecret = secretSet
    ? check('Remove its signing secret', undefined, false, `Its ${signs} are no longer signed.`) : null;
  const elements = [
    field('Headers', `${name}.headers`, headers, keptHeaders.length
      ? `Has ${keptHeaders.join(', ')}: leave empty to keep them (for the same URL); their values are never shown.`
      : 'One per line, “Name: value”. Optional.'),
    dropHeaders?.element,
    field('Signing secret', `${name}.secret`, secret, secretSet
      ? 'Leave empty to keep the current one. Never shown again.'
      : `Optional; ${signs} are signed with it (X-Syncplan-Signature).`),
    dropSecret?.element,
  ];
  const into = (value) => {
    if (headers.value.trim()) value.headers = headersOf(headers.value);
    else if (dropHeaders?.input.checked) value.headers = {};
    if (secret.value) value.secret = secret.value;
    else if (dropSecret?.input.checked) value.secret = '';
    return value;
  };
  return { elements, into };
}

/** Checkboxes for a list of values ([[value, label]]), as one field with a place for its error. */
export function checkboxes(legend, names, options, chosen) {
  const id = uid('group');
  const group = h('fieldset', { class: 'checks', id, 'data-field': names },
    h('legend', { text: legend }),
    options.map(([value, label]) => {
      const box = uid('box');
      return h('span', { class: 'check' },
        h('input', { type: 'checkbox', id: box, value, checked: chosen.includes(value) }),
        h('label', { for: box, text: label }));
    }),
    h('p', { class: 'field-error', id: `${id}-error` }));
  group.values = () => [...group.querySelectorAll('input:checked')].map((b) => b.value);
  return group;
}

/**
 * Rows the person adds and removes (emails, webhooks, hooks …), each a fieldset named as the API
 * names its item (prefix[i]) with a place for the item's own problems. After a removal the rows are
 * numbered again, legends and field names both, so that a problem still finds its row.
 * build(name, item) answers {children, value}; onChange hears of a removal.
 */
export function rows(prefix, noun, build, { onChange = () => {}, remove = `Remove this ${noun.toLowerCase()}` } = {}) {
  const list = h('div', { class: 'rows' });
  const indexed = new RegExp(`^${prefix.replace(/[.[\]]/g, '\\$&')}\\[\\d+\\]`);
  function renumber() {
    [...list.children].forEach((row, i) => {
      row.querySelector('legend').textContent = `${noun} ${i + 1}`;
      [row, ...row.querySelectorAll('[data-field]')].forEach((el) => {
        el.dataset.field = el.dataset.field.split(' ').map((n) => n.replace(indexed, `${prefix}[${i}]`)).join(' ');
      });
    });
  }
  function add(item) {
    const name = `${prefix}[${list.childElementCount}]`;
    const id = uid('row');
    const { children, value } = build(name, item);
    const row = h('fieldset', { class: 'row', id, 'data-field': name },
      h('legend', { text: `${noun} ${list.childElementCount + 1}` }),
      h('p', { class: 'field-error', id: `${id}-error` }),
      children,
      h('button', { type: 'button', class: 'link', onclick: () => { row.remove(); renumber(); onChange(); } }, remove));
    row.value = value;
    list.append(row);
  }
  return { element: list, add, values: () => [...list.children].map((row) => row.value()) };
}

/** Header lines ("Name: value", one per line) as an object. */
function headersOf(text) {
  const headers = {};
  text.split('\n').map((l) => l.trim()).filter(Boolean).forEach((line) => {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  });
  return headers;
}

/** A duration the API answered, as people write it when it is one unit (30s), else as it came. */
export function durationText(iso) {
  if (!iso) return '';
  const written = duration(iso);
  return written.includes(' ') ? iso : written;
}

const CONTROLS = 'input, select, textarea';

/** The element showing the API's field name, or the nearest enclosing name (hooks[0] for hooks[0].http). */
function fieldNamed(form, name) {
  const shown = [...form.querySelectorAll('[data-field]')].filter((el) => !el.disabled && !el.closest('[hidden]'));
  for (let current = name; current;) {
    const found = shown.find((el) => el.dataset.field.split(' ').includes(current));
    if (found) return found;
    const shorter = current.replace(/(\[[^\]]*\]|\.[^.[]*)$/, '');
    current = shorter === current ? '' : shorter;
  }
  return null;
}

export function clearErrors(form, summary) {
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  form.querySelectorAll('.invalid').forEach((el) => el.classList.remove('invalid'));
  form.querySelectorAll('.field-error').forEach((el) => fill(el));
  summary.hidden = true;
}

/**
 * Shows an ApiError's problems next to the fields they name, opening a folded section that holds
 * one; the others, and the detail, in the summary. The first field with a problem gets the focus.
 */
export function showErrors(form, summary, error, notDone) {
  const problems = error.fieldErrors;
  const unplaced = [];
  let first = null;
  for (const problem of problems) {
    const target = fieldNamed(form, problem.field);
    const box = target && document.getElementById(`${target.id}-error`);
    if (box) {
      if (target.matches(CONTROLS)) target.setAttribute('aria-invalid', 'true');
      else target.classList.add('invalid');
      if (box.childElementCount) box.append(' ');
      box.append(h('span', { text: problem.message }));
      for (let folded = target.closest('details'); folded; folded = folded.parentElement.closest('details')) folded.open = true;
      first = first || target;
    } else {
      unplaced.push(problem);
    }
  }
  fill(summary, h('h2', { text: problems.length ? `${problems.length} problem${problems.length === 1 ? '' : 's'} to fix` : notDone }),
    h('p', { text: error.problem.detail || error.message }),
    unplaced.length ? h('ul', {}, unplaced.map((u) => h('li', { text: `${u.field}: ${u.message}` }))) : null);
  summary.hidden = false;
  const focus = first && (first.matches(CONTROLS) ? first : first.querySelector(CONTROLS));
  (focus || summary).focus();
}
