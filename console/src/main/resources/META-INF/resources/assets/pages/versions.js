// Every version of one path of a plan: the destination's current file and each kept in a revision,
// newest first, each with (for operators) a restore.

import { api, ApiError } from '../api.js';
import { bytes, empty, fill, h, table, time, uid } from '../dom.js';
import { restoreHref, revisionHref, versionsHref } from '../history.js';

const CURRENT = {
  ABSENT: 'Not at the destination now: deleted there, or never there.',
  FAILED: 'The executor could not look at the destination',
  UNKNOWN: 'No executor of the plan’s pool answered in time: the current file is not known',
};

export async function render(main, { id, query }, session) {
  const path = (query.get('path') || '').trim();
  let plan;
  try {
    plan = await api(`/plans/${encodeURIComponent(id)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      fill(main, h('h1', { text: 'Plan not found' }), h('p', {}, h('a', { href: '#/plans', text: 'All plans' })));
      return () => {};
    }
    throw e;
  }
  const op = session.can('OPERATOR');
  const inputId = uid('path');
  const input = h('input', { id: inputId, type: 'text', value: path, autocomplete: 'off', spellcheck: 'false', required: true,
    placeholder: 'docs/report.txt', 'aria-describedby': `${inputId}-hint ${inputId}-error` });
  const error = h('p', { class: 'field-error', id: `${inputId}-error` });
  const results = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'lookup', onsubmit: (e) => {
    e.preventDefault();
    const wanted = input.value.trim().replace(/^\/+/, '');
    if (!wanted) {
      input.setAttribute('aria-invalid', 'true');
      fill(error, 'Name a file, relative to the destination.');
      input.focus();
      return;
    }
    window.location.hash = versionsHref(id, wanted);
  } },
  h('div', { class: 'field' },
    h('label', { for: inputId, text: 'Path of a file, relative to the destination' }),
    h('div', { class: 'inline' }, input, h('button', { type: 'submit' }, 'Show versions')),
    h('p', { class: 'hint', id: `${inputId}-hint`, text: 'As the plan names it, even through its encryption: e.g. docs/report.txt.' }),
    error));

  fill(main,
    h('h1', { text: path ? `Versions of ${path}` : 'Versions of a path' }),
    h('p', {}, 'In ', h('a', { href: `#/plans/${encodeURIComponent(id)}`, text: plan.name }), ': the destination’s current file and every older version its history keeps.'),
    form, results);
  if (!path) {
    fill(results, empty('Which file?', h('p', { text: 'Type its path above, or open a revision of the plan and choose “Versions” beside a file.' })));
    return () => {};
  }

  fill(results, h('p', { class: 'muted', text: 'Asking an executor what the destination holds now…' }));
  let answer;
  try {
    answer = await api(`/plans/${encodeURIComponent(id)}/versions?${new URLSearchParams({ path })}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) {
      input.setAttribute('aria-invalid', 'true');
      fill(error, (e.fieldErrors.find((f) => f.field === 'path') || { message: e.message }).message);
      fill(results);
      return () => {};
    }
    throw e;
  }
  const now = answer.current;
  const rows = [];
  rows.push(h('tr', {},
    h('th', { scope: 'row' }, 'Current, at the destination'),
    now.status === 'FOUND'
      ? [h('td', { text: bytes(now.size) }), h('td', {}, time(now.modifiedAt)), h('td', { text: '—' })]
      : h('td', { colspan: 3, text: `${CURRENT[now.status] || now.status}${now.error && now.status !== 'UNKNOWN' ? `: ${now.error}` : ''}` }),
    op ? h('td', { class: 'row-actions' }, now.status === 'FOUND'
      ? h('a', { class: 'button', href: restoreHref(id, { path, when: 'current' }), 'aria-label': `Restore the current version of ${path}` }, 'Restore…')
      : null) : null));
  for (const kept of answer.kept) {
    rows.push(h('tr', {},
      h('th', { scope: 'row' }, 'Kept in ', h('a', { href: revisionHref(id, kept.revision, path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '') }, time(kept.revisionMadeAt)),
        kept.side === 'SOURCE' ? ' (the source’s history)' : ''),
      h('td', { text: bytes(kept.size) }),
      h('td', {}, time(kept.modifiedAt)),
      h('td', {}, kept.runId ? h('a', { href: `#/runs/${encodeURIComponent(kept.runId)}`, text: 'the run' }) : h('span', { class: 'muted', text: 'not known' })),
      op ? h('td', { class: 'row-actions' },
        h('a', { class: 'button', href: restoreHref(id, { path, revision: kept.revision }), 'aria-label': `Restore ${path} as kept in ${kept.revision}` }, 'Restore…')) : null));
  }
  fill(results,
    table(`Versions of ${path}`, ['Version', 'Size', 'Modified', 'Replaced or deleted by', op ? 'Actions' : null].filter(Boolean), rows),
    answer.kept.length === 0 ? h('p', { class: 'muted', text: 'The history keeps no older version of this file.' }) : null);
  return () => {};
}
