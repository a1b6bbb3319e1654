import { api, ApiError } from '../api.js';
import { badge, empty, fill, h, table, time, toast, uid } from '../dom.js';

export async function render(main, params, session) {
  if (params.mode === 'new' || params.mode === 'edit') return form(main, params, session);
  const list = await api('/storages?size=500');
  const results = {};
  fill(main,
    h('div', { class: 'title-row' }, h('h1', { text: 'Storages' }),
      session.can('ADMIN') ? h('a', { class: 'button primary', href: '#/storages/new', text: 'New storage' }) : null),
    h('p', { class: 'muted', text: 'A storage is a place plans read from or write to through rclone: SFTP, S3, WebDAV and 50 more. Its secrets are sealed and never shown again.' }),
    list.items.length === 0
      ? empty('No storages yet', h('p', {}, 'Plans between local folders need none. For a remote place, ',
        session.can('ADMIN') ? h('a', { href: '#/storages/new', text: 'add a storage' }) : 'ask an admin to add a storage', '.'))
      : table('Storages', ['Name', 'Backend', 'Options', 'Secrets', 'Changed', 'Actions'], list.items.map((s) => {
        const result = h('span', { 'aria-live': 'polite' });
        results[s.id] = result;
        return h('tr', {},
          h('td', { text: s.name }),
          h('td', { text: s.type }),
          h('td', {}, Object.entries(s.options || {}).map(([k, v]) => h('div', { class: 'small' }, h('code', { text: k }), ` = ${v}`))),
          h('td', { text: (s.secrets || []).length ? `${s.secrets.join(', ')} (set)` : 'none' }),
          h('td', {}, time(s.updatedAt)),
          h('td', { class: 'actions' },
            session.can('OPERATOR') ? h('button', { type: 'button', onclick: () => test(s, result) }, 'Test') : null,
            session.can('ADMIN') ? h('a', { class: 'button', href: `#/storages/${encodeURIComponent(s.id)}/edit` }, 'Edit') : null,
            session.can('ADMIN') ? h('button', { type: 'button', class: 'danger', onclick: () => remove(s) }, 'Delete') : null,
            result));
      })));

  async function test(storage, result) {
    fill(result, ' testing…');
    try {
      const answer = await api(`/storages/${encodeURIComponent(storage.id)}/test`, { method: 'POST', body: {} });
      fill(result, ' ', badge(answer.status), answer.message ? ` ${answer.message}` : '');
    } catch (e) {
      fill(result, ' ', e.status === 504 ? 'No executor answered in time; is one running for the pool?' : e.message);
    }
  }

  async function remove(storage) {
    if (!window.confirm(`Delete the storage ${storage.name}? Plans using it must be changed first.`)) return;
    try {
      await api(`/storages/${encodeURIComponent(storage.id)}`, { method: 'DELETE' });
      toast('Storage deleted');
      render(main, params, session);
    } catch (e) {
      toast(`Delete: ${e.message}`);
    }
  }
  return () => {};
}

async function form(main, { id, mode }, session) {
  if (!session.can('ADMIN')) {
    fill(main, h('h1', { text: 'Storage' }), h('p', { text: 'Only admins create and change storages.' }));
    return () => {};
  }
  const editing = mode === 'edit';
  const storage = editing ? await api(`/storages/${encodeURIComponent(id)}`) : null;
  const backends = await api('/storages/backends');
  const names = Object.keys(backends).sort();
  const field = (label, path, input, hint) => {
    input.id = input.id || uid('storage');
    input.dataset.field = path;
    input.setAttribute('aria-describedby', `${input.id}-hint ${input.id}-error`);
    return h('div', { class: 'field' }, h('label', { for: input.id, text: label }), input,
      h('p', { class: 'hint', id: `${input.id}-hint`, text: hint || '' }), h('p', { class: 'field-error', id: `${input.id}-error` }));
  };
  const name = h('input', { type: 'text', value: storage?.name || '', autocomplete: 'off' });
  const type = h('select', {}, h('option', { value: '' }, 'Choose a backend…'),
    names.map((n) => h('option', { value: n, selected: storage?.type === n }, n)));
  const options = h('div', { class: 'rows' });
  const secrets = h('div', { class: 'rows' });
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: -1, hidden: true });

  function drawBackend() {
    const backend = backends[type.value];
    fill(options);
    fill(secrets);
    if (!backend) return;
    const current = storage && storage.type === type.value ? storage.options : {};
    const shown = backend.options.filter((o) => !backend.forbidden.includes(o));
    for (const option of shown) {
      const input = h('input', { type: 'text', value: current[option] ?? '', autocomplete: 'off', spellcheck: 'false', 'data-option': option });
      options.append(field(option, `options.${option}`, input, ''));
    }
    for (const secret of backend.secrets) {
      const isSet = storage && storage.type === type.value && (storage.secrets || []).includes(secret);
      const input = h('input', { type: 'password', autocomplete: 'new-password', 'data-secret': secret });
      secrets.append(field(secret, `secrets.${secret}`, input,
        `${isSet ? 'Set. Leave empty to keep it. ' : ''}Never shown again.${backend.obscured.includes(secret) ? ' Give it in clear: syncplan obscures it for rclone.' : ''}`));
    }
  }
  type.addEventListener('change', drawBackend);
  drawBackend();

  const formEl = h('form', { novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    formEl.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    formEl.querySelectorAll('.field-error').forEach((el) => fill(el));
    summary.hidden = true;
    const body = { name: name.value.trim(), type: type.value, options: {}, secrets: {} };
    options.querySelectorAll('input[data-option]').forEach((i) => { if (i.value.trim()) body.options[i.dataset.option] = i.value.trim(); });
    secrets.querySelectorAll('input[data-secret]').forEach((i) => { if (i.value) body.secrets[i.dataset.secret] = i.value; });
    try {
      if (editing) await api(`/storages/${encodeURIComponent(id)}`, { method: 'PUT', body, ifMatch: storage.etag });
      else await api('/storages', { method: 'POST', body });
      toast(editing ? 'Storage saved' : 'Storage created');
      window.location.hash = '#/storages';
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const unplaced = [];
      for (const p of e.fieldErrors) {
        const target = formEl.querySelector(`[data-field="${CSS.escape(p.field)}"]`);
        const box = target && document.getElementById(`${target.id}-error`);
        if (box) { target.setAttribute('aria-invalid', 'true'); box.append(h('span', { text: p.message })); } else unplaced.push(p);
      }
      fill(summary, h('h2', { text: 'Not saved' }), h('p', { text: e.problem.detail || e.message }),
        unplaced.length ? h('ul', {}, unplaced.map((u) => h('li', { text: `${u.field}: ${u.message}` }))) : null);
      summary.hidden = false;
      (formEl.querySelector('[aria-invalid]') || summary).focus();
    }
  } },
  summary,
  field('Name', 'name', name, 'Required; plans name it in their source or destination.'),
  field('Backend', 'type', type, 'The rclone backend; its options and secrets follow.'),
  h('fieldset', {}, h('legend', { text: 'Options' }), h('p', { class: 'hint', text: 'Leave empty what you do not need; rclone uses its defaults.' }), options),
  h('fieldset', {}, h('legend', { text: 'Secrets' }), secrets),
  h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'primary' }, editing ? 'Save the storage' : 'Create the storage'),
    h('a', { class: 'button', href: '#/storages' }, 'Cancel')));
  fill(main, h('h1', { text: editing ? `Edit ${storage.name}` : 'New storage' }), formEl);
  return () => {};
}
