// The plan form's hooks: run before or after each run, each with one action, a command the
// operator offers on the plan's pool or an HTTP request. An HTTP hook's URL, header values and
// secret are sealed (the API shows its host and the names of its headers), as a webhook's are: an
// edit keeps the stored hooks unless a row is changed, added or removed, and then asks for each
// HTTP hook's URL again; header values and the secret left empty are kept for the same URL, unless
// their "Remove" boxes are ticked.

import { h } from '../dom.js';
import { check, durationText, field, headersAndSecret, rows } from '../form.js';

const WHEN = [
  ['BEFORE', 'Before each run'],
  ['AFTER_SUCCESS', 'After a successful run'],
  ['AFTER_FAILURE', 'After a failed run'],
  ['AFTER', 'After every run'],
];
const select = (options, value) => h('select', {}, options.map(([v, t]) => h('option', { value: v, selected: v === value }, t)));

/** answers {element, value()}: value() is the hooks to send, undefined to keep them as they are. */
export function hooksEditor(stored, editing) {
  let changed = false;
  const touch = () => { changed = true; };

  const hooks = rows('hooks', 'Hook', (name, k = { on: 'BEFORE', timeout: '', http: null, command: '' }) => {
    const sealed = k.http && k.http.host;
    const on = select(WHEN, k.on);
    const timeout = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', value: durationText(k.timeout), placeholder: '5m' });
    const abort = check('A failure fails the run before rclone starts', `${name}.abortOnError`, k.abortOnError,
      'Before-hooks only. Default: off (the run goes ahead).');
    const action = select([['command', 'A command the pool offers'], ['http', 'An HTTP request']], k.http ? 'http' : 'command');
    const command = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', value: k.command || '', placeholder: 'snapshot-db' });
    const url = h('input', { type: 'url', placeholder: sealed ? `the URL at ${k.http.host}, given again` : 'https://ci.example.com/hooks/backup-done' });
    const method = select([['POST', 'POST (default)'], ['PUT', 'PUT']], k.http?.method || 'POST');
    const signing = headersAndSecret(`${name}.http`, sealed ? k.http.headers || [] : [], Boolean(sealed && k.http.secretSet), 'requests');
    const commandBox = field('Command', `${name}.command`, command,
      'The name of a command the operator defined for the plan’s pool (syncplan.api.pools.<pool>.hooks).');
    const httpBox = h('div', {},
      field('URL', `${name}.http.url`, url, sealed
        ? 'Sealed: shown only by its host. Give it again to change the hooks.'
        : 'Required. The request carries the run’s webhook body, signed like a webhook’s.'),
      field('Method', `${name}.http.method`, method),
      signing.elements);
    const show = () => {
      abort.element.hidden = on.value !== 'BEFORE';
      commandBox.hidden = action.value !== 'command';
      httpBox.hidden = action.value !== 'http';
    };
    on.addEventListener('change', show);
    action.addEventListener('change', show);
    show();
    return {
      children: [
        field('When', `${name}.on`, on),
        field('Timeout', `${name}.timeout`, timeout, 'Required, e.g. 30s or 5m: the hook, with what it started, is stopped then. At most the operator’s maximum (10m by default).'),
        abort.element,
        field('Action', null, action),
        commandBox, httpBox,
      ],
      value: () => {
        const value = { on: on.value, timeout: timeout.value.trim() };
        if (on.value === 'BEFORE' && abort.input.checked) value.abortOnError = true;
        if (action.value === 'command') {
          value.command = command.value.trim();
        } else {
          value.http = signing.into({ url: url.value.trim(), method: method.value });
        }
        return value;
      },
    };
  }, { onChange: touch });
  hooks.element.addEventListener('input', touch);
  hooks.element.addEventListener('change', touch);
  (stored || []).forEach((k) => hooks.add(k));

  const element = h('fieldset', { id: 'hooks', 'data-field': 'hooks' }, h('legend', { text: 'Hooks' }),
    h('p', { class: 'hint', text: 'Run before or after each run: a command the operator offers on the plan’s pool, or an HTTP request. Default: none.' }),
    h('p', { class: 'field-error', id: 'hooks-error' }),
    hooks.element,
    h('button', { type: 'button', onclick: () => { hooks.add(); touch(); } }, 'Add a hook'));
  return { element, value: () => (!editing || changed ? hooks.values() : undefined) };
}
