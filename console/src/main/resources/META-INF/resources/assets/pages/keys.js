import { api, ApiError } from '../api.js';
import { empty, fill, h, table, time, toast, uid } from '../dom.js';

export async function render(main, params, session) {
  if (!session.can('ADMIN')) {
    fill(main, h('h1', { text: 'API keys' }), h('p', { text: 'Only admins manage API keys.' }));
    return () => {};
  }
  const issued = h('div', { 'aria-live': 'polite' });
  const list = h('div');
  const nameId = uid('key');
  const roleId = uid('role');
  const name = h('input', { id: nameId, type: 'text', autocomplete: 'off', 'aria-describedby': `${nameId}-error` });
  const role = h('select', { id: roleId },
    h('option', { value: 'VIEWER' }, 'Viewer: reads everything but keys'),
    h('option', { value: 'OPERATOR' }, 'Operator: also runs, pauses, cancels, tests'),
    h('option', { value: 'ADMIN' }, 'Admin: also changes plans, storages and keys'));
  const error = h('p', { class: 'field-error', id: `${nameId}-error` });

  async function load() {
    const keys = await api('/keys');
    fill(list, keys.length === 0 ? empty('No keys', h('p', { text: 'Issue one above.' }))
      : table('API keys', ['Name', 'Role', 'Starts with', 'Created', 'By', ''], keys.map((k) => h('tr', {},
        h('td', { text: k.name }), h('td', { text: k.role.toLowerCase() }), h('td', {}, h('code', { text: `${k.prefix}…` })),
        h('td', {}, time(k.createdAt)), h('td', { text: k.createdBy || '—' }),
        h('td', {}, h('button', { type: 'button', class: 'danger', 'aria-label': `Revoke ${k.name}`, onclick: () => revoke(k) }, 'Revoke'))))));
  }

  async function revoke(key) {
    if (!window.confirm(`Revoke the key ${key.name}? Whatever uses it stops working.`)) return;
    try {
      await api(`/keys/${encodeURIComponent(key.id)}`, { method: 'DELETE' });
      toast('Key revoked');
      load();
    } catch (e) {
      toast(`Revoke: ${e.message}`);
    }
  }

  const form = h('form', { class: 'card inline', onsubmit: async (event) => {
    event.preventDefault();
    fill(error);
    name.removeAttribute('aria-invalid');
    try {
      const key = await api('/keys', { method: 'POST', body: { name: name.value.trim(), role: role.value } });
      const valueId = uid('issued');
      const value = h('input', { id: valueId, type: 'text', readonly: true, value: key.key, class: 'secret-once' });
      fill(issued, h('div', { class: 'card notice', role: 'status' },
        h('h2', { text: `Key “${key.name}” issued` }),
        h('label', { for: valueId, text: 'The key, shown only this once: copy it now' }),
        h('div', { class: 'copy' }, value,
          h('button', { type: 'button', onclick: async () => {
            try {
              await navigator.clipboard.writeText(key.key);
              toast('Copied');
            } catch (e) {
              value.select();
              toast('Select the key and copy it (Ctrl+C)');
            }
          } }, 'Copy')),
        h('p', { class: 'hint', text: 'Only its hash is kept: it cannot be shown again. Send it as “Authorization: Bearer <key>”.' }),
        h('button', { type: 'button', class: 'link', onclick: () => fill(issued) }, 'I have copied it; hide it')));
      name.value = '';
      load();
    } catch (e) {
      if (e instanceof ApiError) {
        name.setAttribute('aria-invalid', 'true');
        fill(error, e.fieldErrors.map((f) => f.message).join('; ') || e.message);
      } else throw e;
    }
  } },
  h('h2', { text: 'Issue a key' }),
  h('div', { class: 'field' }, h('label', { for: nameId, text: 'Name' }), name, error),
  h('div', { class: 'field' }, h('label', { for: roleId, text: 'Role' }), role),
  h('button', { type: 'submit', class: 'primary' }, 'Issue the key'));

  fill(main, h('h1', { text: 'API keys' }), issued, form, list);
  await load();
  return () => fill(issued);
}
