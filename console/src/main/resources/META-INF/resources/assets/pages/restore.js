// The restore form: what (a path or the whole tree), when (an instant in the browser's zone, a
// revision, or the current files), where (a new folder, the destination, or for admins the
// source after an explicit confirmation), with the API's problems shown at their fields. A
// started restore is a run: the page goes to it.

import { api, ApiError } from '../api.js';
import { fill, h, uid } from '../dom.js';
import { keepsHistory, revisionInstant } from '../history.js';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'your time zone';
const localFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** An instant as a datetime-local input takes it, in the browser's zone, to the second. */
function localInput(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function endpoint(e) {
  return e.storage ? `${e.storageName || e.storage}: ${e.path || '/'}` : e.path;
}

/** A labelled input with its hint and a place for its error; data-field names it as the API does. */
function field(label, names, input, hint) {
  input.id = input.id || uid('restore');
  input.dataset.field = names;
  input.setAttribute('aria-describedby', `${input.id}-hint ${input.id}-error`);
  return h('div', { class: 'field' },
    h('label', { for: input.id, text: label }),
    input,
    h('p', { class: 'hint', id: `${input.id}-hint`, text: hint || '' }),
    h('p', { class: 'field-error', id: `${input.id}-error` }));
}

/** A radio choice with its label and what it reveals. */
function choice(name, value, label, checked, ...more) {
  const id = uid(name);
  return h('div', { class: 'choice' },
    h('input', { type: 'radio', name, id, value, checked }),
    h('label', { for: id, text: label }),
    more.length ? h('div', { class: 'reveal' }, more) : null);
}

export async function render(main, { id, query }, session) {
  const plan = await api(`/plans/${encodeURIComponent(id)}`);
  const back = `#/plans/${encodeURIComponent(id)}`;
  if (!session.can('OPERATOR')) {
    fill(main, h('h1', { text: `Restore from ${plan.name}` }),
      h('p', {}, 'Only operators and admins restore. ', h('a', { href: back, text: 'Back to the plan' })));
    return () => {};
  }
  const admin = session.can('ADMIN');
  const [storages, revisions] = await Promise.all([
    api('/storages?size=500').then((r) => r.items).catch(() => []),
    keepsHistory(plan) || query.get('revision')
      ? api(`/plans/${encodeURIComponent(id)}/revisions?size=200`).then((r) => r.items).catch(() => [])
      : Promise.resolve([]),
  ]);

  const given = query.get('revision');
  const when = given ? 'revision' : query.get('asOf') ? 'asOf' : query.get('when') === 'current' || !keepsHistory(plan) ? 'current' : 'asOf';
  const path = h('input', { type: 'text', value: query.get('path') || '', autocomplete: 'off', spellcheck: 'false', placeholder: 'docs/report.txt' });
  const asOf = h('input', { type: 'datetime-local', step: 1, value: localInput(query.get('asOf') ? new Date(query.get('asOf')) : new Date()) });
  const revisionNames = revisions.map((r) => r.revision);
  if (given && !revisionNames.includes(given)) revisionNames.unshift(given);
  const revision = h('select', {}, revisionNames.map((name) => {
    const made = revisionInstant(name);
    return h('option', { value: name, selected: name === given }, made ? `${localFormat.format(new Date(made))} (${name})` : name);
  }));
  const storage = h('select', {}, h('option', { value: '' }, 'A local folder of the executor'),
    storages.map((s) => h('option', { value: s.id }, `Storage: ${s.name} (${s.type})`)));
  const folder = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: '/srv/restored' });
  const confirmSource = h('input', { type: 'checkbox', id: uid('confirm') });
  const overwrite = h('input', { type: 'checkbox', id: uid('overwrite'), 'data-field': 'overwrite' });
  const overwriteNewer = h('input', { type: 'checkbox', id: uid('newer'), 'data-field': 'overwriteNewer' });
  const dryRun = h('input', { type: 'checkbox', id: uid('dry'), 'data-field': 'dryRun' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Start the restore');
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: -1, hidden: true });

  const whatBox = h('fieldset', {}, h('legend', { text: 'What' }),
    choice('what', 'path', 'A file or a folder', Boolean(query.get('path')),
      field('Path, relative to the destination', 'path', path, 'A folder brings back everything under it.')),
    choice('what', 'all', 'The whole tree', !query.get('path')));
  const whenBox = h('fieldset', {}, h('legend', { text: 'As it was' }),
    choice('when', 'asOf', 'At a moment', when === 'asOf',
      field(`Date and time (${zone})`, 'asOf', asOf, `Each file as it was then. Not in the future, not before the plan was created (${localFormat.format(new Date(plan.createdAt))}).`)),
    revisionNames.length ? choice('when', 'revision', 'In one revision', when === 'revision',
      field('Revision', 'revision', revision, 'Exactly what that revision folder keeps.')) : null,
    choice('when', 'current', 'Now: the destination’s current files', when === 'current'));
  const sourceWarning = h('div', { class: 'warning' },
    h('p', { text: `This writes into the plan’s source, ${endpoint(plan.source)}, where people work. Files there newer than the version restored are kept unless you allow replacing them below.` }),
    h('div', { class: 'check' }, confirmSource,
      h('label', { for: confirmSource.id, text: 'I understand: restore into the source' })));
  const whereBox = h('fieldset', {}, h('legend', { text: 'Where to' }),
    choice('where', 'new', 'Into a new folder', true,
      field('Where', 'target.storage', storage, 'A local folder of the plan’s executors, or a storage.'),
      field('Folder', 'target target.path', folder, 'Not inside the plan’s source or destination: e.g. /srv/restored, or a path inside the storage.')),
    choice('where', 'destination', `Into the plan’s destination, ${endpoint(plan.destination)}`, false),
    admin ? choice('where', 'source', `Into the plan’s source, ${endpoint(plan.source)} (admins only)`, false, sourceWarning) : null);
  const options = h('fieldset', {}, h('legend', { text: 'Options' }),
    h('div', { class: 'check' }, overwrite, h('label', { for: overwrite.id, text: 'Replace files the target already has' })),
    h('p', { class: 'hint', text: 'Off: such files are skipped and listed. On: each replaced file is kept in the history first.' }),
    h('div', { class: 'check' }, overwriteNewer, h('label', { for: overwriteNewer.id, text: 'Also replace files newer than the version restored' })),
    h('div', { class: 'check' }, dryRun, h('label', { for: dryRun.id, text: 'Dry run: list what would be restored, write nothing' })));

  const picked = (name) => form.querySelector(`input[name=${name}]:checked`)?.value;
  function sync() {
    for (const box of form.querySelectorAll('.choice')) {
      const radio = box.querySelector('input[type=radio]');
      box.querySelectorAll('.reveal input, .reveal select').forEach((el) => { el.disabled = !radio.checked; });
      const reveal = box.querySelector('.reveal');
      if (reveal) reveal.hidden = !radio.checked && reveal.contains(sourceWarning);
    }
    overwriteNewer.disabled = !overwrite.checked;
    if (!overwrite.checked) overwriteNewer.checked = false;
    const toSource = picked('where') === 'source';
    submit.disabled = toSource && !confirmSource.checked;
    submit.textContent = dryRun.checked ? 'Start a dry run' : toSource ? 'Restore into the source' : 'Start the restore';
  }

  function request() {
    const body = { overwrite: overwrite.checked, overwriteNewer: overwriteNewer.checked, dryRun: dryRun.checked };
    if (picked('what') === 'path') body.path = path.value.trim();
    if (picked('when') === 'asOf') body.asOf = asOf.value ? new Date(asOf.value).toISOString() : undefined;
    if (picked('when') === 'revision') body.revision = revision.value;
    const where = picked('where');
    if (where === 'destination') body.target = 'DESTINATION';
    else if (where === 'source') body.target = 'SOURCE';
    else body.target = storage.value ? { storage: storage.value, path: folder.value.trim() } : folder.value.trim();
    return body;
  }

  function clearErrors() {
    form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    form.querySelectorAll('.field-error').forEach((el) => fill(el));
    summary.hidden = true;
  }

  function showErrors(error) {
    const problems = error.fieldErrors;
    const unplaced = [];
    let first = null;
    for (const problem of problems) {
      const target = [...form.querySelectorAll('[data-field]')]
        .find((el) => !el.disabled && el.dataset.field.split(' ').includes(problem.field));
      const box = target && document.getElementById(`${target.id}-error`);
      if (box) {
        target.setAttribute('aria-invalid', 'true');
        box.append(h('span', { text: problem.message }));
        first = first || target;
      } else {
        unplaced.push(problem);
      }
    }
    fill(summary, h('h2', { text: problems.length ? `${problems.length} problem${problems.length === 1 ? '' : 's'} to fix` : 'Not started' }),
      h('p', { text: error.problem.detail || error.message }),
      unplaced.length ? h('ul', {}, unplaced.map((u) => h('li', { text: `${u.field}: ${u.message}` }))) : null);
    summary.hidden = false;
    (first || summary).focus();
  }

  const form = h('form', {
    class: 'plan-form restore-form', novalidate: true,
    onchange: sync,
    onsubmit: async (event) => {
      event.preventDefault();
      clearErrors();
      if (picked('where') === 'new' && !folder.value.trim()) {
        showErrors(new ApiError(400, { detail: 'Name the folder to restore into.', errors: [{ field: 'target.path', message: 'name a folder: an absolute path such as /srv/restored, or a path inside the storage' }] }));
        return;
      }
      try {
        const run = await api(`/plans/${encodeURIComponent(id)}/restores`, { method: 'POST', body: request() });
        window.location.hash = `#/runs/${encodeURIComponent(run.runId)}`;
      } catch (e) {
        if (e instanceof ApiError) showErrors(e);
        else throw e;
      }
    },
  },
  summary, whatBox, whenBox, whereBox, options,
  h('div', { class: 'actions' }, submit, h('a', { class: 'button', href: back }, 'Cancel')));

  fill(main,
    h('h1', { text: `Restore from ${plan.name}` }),
    h('p', { text: 'A restore never deletes anything, and replaces a file only when you allow it below. It runs like any run: you follow its progress, changes and log on its page.' }),
    form);
  sync();
  return () => {};
}
