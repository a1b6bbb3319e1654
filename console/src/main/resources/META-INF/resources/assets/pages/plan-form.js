// Create or edit a plan: every field of the API, each showing its default; the API's problems
// shown next to the fields they name.

import { api, ApiError } from '../api.js';
import { duration, fill, h, toast, uid } from '../dom.js';
import { scheduleBuilder } from '../schedule.js';

const MODES = [
  ['MIRROR', 'Mirror: the destination becomes an exact copy; deletions propagate'],
  ['COPY', 'Copy: new and changed files arrive; nothing is deleted'],
  ['MIRROR_WITH_REVISIONS', 'Mirror with revisions: overwritten and deleted files are kept in a history folder'],
  ['BISYNC', 'Two-way sync: both sides converge'],
];
const OUTCOMES = ['START', 'RETRYING', 'SUCCESS', 'PARTIAL', 'FAILURE', 'CANCELLED', 'CHANGES_ONLY'];
const PRESETS = [
  ['TEMPORARY_FILES', 'Temporary files (*.tmp, *.swp, ~ files, lock files)'],
  ['SYSTEM_FILES', 'System files (.DS_Store, Thumbs.db, recycle bins)'],
  ['BUILD_OUTPUT', 'Build output (node_modules, target, build, __pycache__)'],
];

/** A labelled input with a hint (the default) and a place for its error. */
function field(label, path, input, hint) {
  input.id = input.id || uid('plan');
  input.dataset.field = path;
  input.setAttribute('aria-describedby', `${input.id}-hint ${input.id}-error`);
  return h('div', { class: 'field' },
    h('label', { for: input.id, text: label }),
    input,
    h('p', { class: 'hint', id: `${input.id}-hint`, text: hint || '' }),
    h('p', { class: 'field-error', id: `${input.id}-error` }));
}

/** A duration the API answered, as people write it when it is one unit (30s), else as it came. */
const short = (iso) => {
  if (!iso) return '';
  const written = duration(iso);
  return written.includes(' ') ? iso : written;
};
const text = (attrs = {}) => h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });
const number = (attrs = {}) => h('input', { type: 'number', ...attrs });
const select = (options, value) => h('select', {}, options.map(([v, t]) => h('option', { value: v, selected: v === value }, t)));

function outcomes(name, chosen) {
  const group = h('fieldset', { class: 'outcomes', 'data-field': name },
    h('legend', { text: 'Notify on' }));
  for (const outcome of OUTCOMES) {
    const id = uid('on');
    group.append(h('span', { class: 'check' },
      h('input', { type: 'checkbox', id, value: outcome, checked: chosen.includes(outcome) }),
      h('label', { for: id, text: outcome.replace('_', ' ').toLowerCase() })));
  }
  return group;
}

function storagePicker(label, path, storages, endpoint) {
  const kind = select([['', 'A local path on the executor'], ...storages.map((s) => [s.id, `Storage: ${s.name} (${s.type})`])], endpoint?.storage || '');
  const where = text({ value: endpoint?.path || '', placeholder: '/data/reports' });
  const box = h('fieldset', { class: 'endpoint' },
    h('legend', { text: label }),
    field('Where', `${path}.storage`, kind, 'Storages are added under Storages.'),
    field('Path', `${path}.path`, where, 'An absolute path for a local folder; a path inside the storage otherwise.'));
  box.endpoint = () => (kind.value ? { storage: kind.value, path: where.value } : { path: where.value });
  return box;
}

/** The schedule fields the schedule builder sets. */
const SCHEDULE_FIELDS = ['everyMinutes', 'minute', 'time', 'days', 'dayOfMonth', 'lastDayOfMonth', 'cron', 'timeZone', 'overlap'];

export async function render(main, { id, mode }, session) {
  const editing = mode === 'edit';
  if (!session.can('ADMIN')) {
    fill(main, h('h1', { text: editing ? 'Edit plan' : 'New plan' }), h('p', { text: 'Only admins create and change plans.' }));
    return () => {};
  }
  const plan = editing ? await api(`/plans/${encodeURIComponent(id)}`) : null;
  const storages = (await api('/storages?size=500')).items;
  const p = plan || {};

  const name = text({ value: p.name || '', required: true, maxlength: 100 });
  const description = h('textarea', { rows: 2 }, p.description || '');
  const tags = text({ value: (p.tags || []).join(', ') });
  const modeSelect = select(MODES, p.mode || 'MIRROR');
  const source = storagePicker('Source', 'source', storages, p.source);
  const destination = storagePicker('Destination', 'destination', storages, p.destination);
  const schedule = scheduleBuilder();
  const keepDays = number({ min: 1, value: p.revisions?.keepDays ?? '' });
  const keepCount = number({ min: 1, value: p.revisions?.keepCount ?? '' });
  const presets = h('fieldset', { 'data-field': 'filters.presets' }, h('legend', { text: 'Filter presets' }),
    PRESETS.map(([v, t]) => { const i = uid('preset'); return h('div', { class: 'check' }, h('input', { type: 'checkbox', id: i, value: v, checked: (p.filters?.presets || []).includes(v) }), h('label', { for: i, text: t })); }));
  const includes = h('textarea', { rows: 3 }, (p.filters?.includePaths || []).join('\n'));
  const excludes = h('textarea', { rows: 3 }, (p.filters?.excludePatterns || []).join('\n'));
  const perf = p.performance || {};
  const transfers = number({ min: 1, value: perf.transfers ?? '' });
  const bufferSize = text({ value: perf.bufferSize ?? '' });
  const streams = number({ min: 0, value: perf.multiThreadStreams ?? '' });
  const compare = select([['', 'Size and modification time (default)'], ['CHECKSUM', 'Checksum'], ['SIZE_ONLY', 'Size only']], perf.compare === 'SIZE_AND_MODTIME' ? '' : perf.compare || '');
  const maxDuration = text({ value: short(perf.maxDuration) });
  const maxTransfer = text({ value: perf.maxTransfer ?? '' });
  const attempts = number({ min: 1, value: p.retries?.attempts ?? '' });
  const delay = text({ value: short(p.retries?.delay) });
  const backoff = number({ min: 1, step: 0.1, value: p.retries?.backoffMultiplier ?? '' });
  const guardEnabled = h('input', { type: 'checkbox', id: uid('guard'), checked: p.deletionGuard ? p.deletionGuard.enabled : true, 'data-field': 'deletionGuard.enabled' });
  const guardPercent = number({ min: 0, max: 100, value: p.deletionGuard?.maxDeletePercent ?? '' });
  const guardMin = number({ min: 0, value: p.deletionGuard?.minFiles ?? '' });
  const pool = text({ value: p.pool && p.pool !== 'default' ? p.pool : '' });
  const priority = select([['', 'Normal (default)'], ['LOW', 'Low'], ['HIGH', 'High']], p.priority === 'NORMAL' ? '' : p.priority || '');
  const paused = h('input', { type: 'checkbox', id: uid('paused'), checked: Boolean(p.paused), 'data-field': 'paused' });
  const password = h('input', { type: 'password', autocomplete: 'new-password' });
  const salt = h('input', { type: 'password', autocomplete: 'new-password' });

  const emails = h('div', { class: 'rows' });
  // An edit keeps the stored webhooks unless a row is changed, added or removed.
  let webhooksChanged = false;
  const webhooks = h('div', { class: 'rows', oninput: () => { webhooksChanged = true; }, onchange: () => { webhooksChanged = true; } });
  function emailRow(e = { address: '', on: ['FAILURE'] }) {
    const index = emails.childElementCount;
    const address = h('input', { type: 'email', value: e.address });
    const row = h('fieldset', { class: 'row' }, h('legend', { text: `Email ${index + 1}` }),
      field('Address', `notifications.emails[${index}].address`, address),
      outcomes(`notifications.emails[${index}].on`, e.on),
      h('button', { type: 'button', class: 'link', onclick: () => row.remove() }, 'Remove this email'));
    row.value = () => ({ address: address.value, on: [...row.querySelectorAll('.outcomes input:checked')].map((b) => b.value) });
    emails.append(row);
  }
  function webhookRow(w = { url: '', on: ['SUCCESS', 'PARTIAL', 'FAILURE', 'CANCELLED'], format: 'JSON', headers: {} }) {
    const index = webhooks.childElementCount;
    // A stored webhook's URL is sealed: the API shows only its host, so the URL must be given again
    // to change the webhooks (untouched, they are kept as they are).
    const url = h('input', { type: 'url', value: w.url || '', placeholder: w.host ? `the URL at ${w.host}, given again` : 'https://hooks.example.com/…' });
    const format = select([['JSON', 'JSON (default)'], ['SLACK', 'Slack'], ['DISCORD', 'Discord'], ['NTFY', 'ntfy']], w.format);
    const headersText = h('textarea', { rows: 2 }, Object.entries(w.headers || {}).map(([k, v]) => `${k}: ${v}`).join('\n'));
    const secret = h('input', { type: 'password', autocomplete: 'new-password' });
    const row = h('fieldset', { class: 'row' }, h('legend', { text: `Webhook ${index + 1}` }),
      field('URL', `notifications.webhooks[${index}].url`, url),
      field('Format', `notifications.webhooks[${index}].format`, format),
      outcomes(`notifications.webhooks[${index}].on`, w.on),
      field('Headers', `notifications.webhooks[${index}].headers`, headersText, 'One per line, “Name: value”.'),
      field('Signing secret', `notifications.webhooks[${index}].secret`, secret, editing ? 'Leave empty to keep the current one. Never shown again.' : 'Optional; requests are signed with it (X-Syncplan-Signature).'),
      h('button', { type: 'button', class: 'link', onclick: () => { row.remove(); webhooksChanged = true; } }, 'Remove this webhook'));
    row.value = () => {
      const headers = {};
      headersText.value.split('\n').map((l) => l.trim()).filter(Boolean).forEach((line) => {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
      });
      const value = { url: url.value, format: format.value, on: [...row.querySelectorAll('.outcomes input:checked')].map((b) => b.value), headers };
      if (secret.value) value.secret = secret.value;
      return value;
    };
    webhooks.append(row);
  }
  (p.notifications?.emails || []).forEach(emailRow);
  (p.notifications?.webhooks || []).forEach(webhookRow);
  if (plan) schedule.set(plan.schedule);

  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: -1, hidden: true });
  const lines = (t) => t.value.split('\n').map((l) => l.trim()).filter(Boolean);
  // A blank field means the default. An edit is sent as a merge patch, in which only null resets
  // a field (an absent one is kept), so that what the form does not show (hooks, chain, verify
  // policy, bandwidth …) is kept as it is.
  const blank = editing ? null : undefined;
  const orNull = (v) => (v === '' || v === null || v === undefined ? blank : v);
  const num = (input) => (input.value === '' ? blank : Number(input.value));

  // In a merge patch a nested object merges into the stored one: what the form leaves out of an
  // endpoint or a schedule is sent as null, so that switching a storage for a folder, or DAILY for
  // INTERVAL, leaves nothing of the old one behind (the schedule's pauseAfterFailures, which the
  // form does not show, is kept).
  const endpoint = (picker) => ({ storage: blank, ...picker.endpoint() });
  function scheduleRequest() {
    const s = schedule.value();
    if (!s || !editing) return s || blank;
    for (const key of SCHEDULE_FIELDS) if (!(key in s)) s[key] = null;
    return s;
  }

  function request() {
    const body = {
      name: name.value.trim(),
      description: orNull(description.value.trim()),
      tags: tags.value.split(',').map((t) => t.trim()).filter(Boolean),
      source: endpoint(source),
      destination: endpoint(destination),
      mode: modeSelect.value,
      schedule: scheduleRequest(),
      filters: { presets: [...presets.querySelectorAll('input:checked')].map((b) => b.value), includePaths: lines(includes), excludePatterns: lines(excludes) },
      performance: { transfers: num(transfers), bufferSize: orNull(bufferSize.value.trim()), multiThreadStreams: num(streams), compare: orNull(compare.value), maxDuration: orNull(maxDuration.value.trim()), maxTransfer: orNull(maxTransfer.value.trim()) },
      retries: { attempts: num(attempts), delay: orNull(delay.value.trim()), backoffMultiplier: num(backoff) },
      notifications: { emails: [...emails.children].map((r) => r.value()), webhooks: !editing || webhooksChanged ? [...webhooks.children].map((r) => r.value()) : undefined },
      pool: orNull(pool.value.trim()),
      priority: orNull(priority.value),
      deletionGuard: { enabled: guardEnabled.checked, maxDeletePercent: num(guardPercent), minFiles: num(guardMin) },
      paused: paused.checked,
    };
    body.revisions = modeSelect.value === 'MIRROR_WITH_REVISIONS' ? { keepDays: num(keepDays), keepCount: num(keepCount) } : blank;
    if (password.value || salt.value) body.encryption = { password: orNull(password.value), salt: orNull(salt.value) };
    return JSON.parse(JSON.stringify(body));
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
      const target = form.querySelector(`[data-field="${CSS.escape(problem.field)}"]`)
        || form.querySelector(`[data-field="${CSS.escape(problem.field.replace(/\[\d+\]$/, ''))}"]`);
      const box = target && (document.getElementById(`${target.id}-error`) || target.querySelector('.field-error'));
      if (target && box) {
        target.setAttribute('aria-invalid', 'true');
        box.append(h('span', { text: problem.message }));
        first = first || target;
      } else {
        unplaced.push(problem);
      }
    }
    fill(summary, h('h2', { text: problems.length ? `${problems.length} problem${problems.length === 1 ? '' : 's'} to fix` : 'Not saved' }),
      h('p', { text: error.problem.detail || error.message }),
      unplaced.length ? h('ul', {}, unplaced.map((u) => h('li', { text: `${u.field}: ${u.message}` }))) : null);
    summary.hidden = false;
    (first || summary).focus();
  }

  const form = h('form', {
    class: 'plan-form', novalidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      clearErrors();
      try {
        const saved = editing
          ? await api(`/plans/${encodeURIComponent(id)}`, { method: 'PATCH', contentType: 'application/merge-patch+json', body: request(), ifMatch: plan.etag })
          : await api('/plans', { method: 'POST', body: request() });
        toast(editing ? 'Plan saved' : 'Plan created');
        window.location.hash = `#/plans/${encodeURIComponent(saved.id)}`;
      } catch (e) {
        if (e instanceof ApiError && e.status === 412) {
          e.problem.detail = 'Someone changed this plan since you opened it. Reload the page to see their change, then make yours again.';
        }
        if (e instanceof ApiError) showErrors(e);
        else toast(e.message);
      }
    },
  },
  summary,
  h('fieldset', {}, h('legend', { text: 'The plan' }),
    field('Name', 'name', name, 'Required; unique, up to 100 characters.'),
    field('Description', 'description', description, 'Optional.'),
    field('Tags', 'tags', tags, 'Comma-separated, e.g. team:docs, prod. Default: none.'),
    field('Mode', 'mode', modeSelect, 'Default: mirror.')),
  source, destination,
  schedule.element,
  h('fieldset', {}, h('legend', { text: 'Revisions (mirror with revisions only)' }),
    field('Keep for days', 'revisions.keepDays', keepDays, 'Default: 30.'),
    field('Keep at most', 'revisions.keepCount', keepCount, 'Default: any number.')),
  h('fieldset', {}, h('legend', { text: 'Filters' }), presets,
    field('Only these paths', 'filters.includePaths', includes, 'One per line, e.g. /projects/**. Default: everything.'),
    field('Exclude', 'filters.excludePatterns', excludes, 'One pattern per line, e.g. *.iso. Default: nothing.')),
  h('fieldset', {}, h('legend', { text: 'Notifications' }),
    h('h3', { text: 'Emails' }), h('p', { class: 'hint', text: 'Default outcome for an email: failures.' }), emails,
    h('button', { type: 'button', onclick: () => emailRow() }, 'Add an email'),
    h('h3', { text: 'Webhooks' }), h('p', { class: 'hint', text: 'Default outcomes for a webhook: every finished run.' }), webhooks,
    h('button', { type: 'button', onclick: () => { webhookRow(); webhooksChanged = true; } }, 'Add a webhook')),
  h('details', {}, h('summary', { text: 'Performance, retries, safety, encryption and placement' }),
    h('fieldset', {}, h('legend', { text: 'Performance' }),
      field('Parallel transfers', 'performance.transfers', transfers, 'Default: 4.'),
      field('Buffer size', 'performance.bufferSize', bufferSize, 'Default: 16M.'),
      field('Streams per large file', 'performance.multiThreadStreams', streams, 'Default: 4.'),
      field('Compare files by', 'performance.compare', compare, 'Default: size and modification time.'),
      field('Stop a run after', 'performance.maxDuration', maxDuration, 'e.g. 2h. Default: no limit.'),
      field('Transfer at most', 'performance.maxTransfer', maxTransfer, 'e.g. 50G per run. Default: no limit.')),
    h('fieldset', {}, h('legend', { text: 'Retries' }),
      field('Attempts', 'retries.attempts', attempts, 'Default: 5.'),
      field('Delay between attempts', 'retries.delay', delay, 'e.g. 30s, 15m. Default: 30s.'),
      field('Backoff multiplier', 'retries.backoffMultiplier', backoff, 'Default: 1 (the same delay each time).')),
    h('fieldset', {}, h('legend', { text: 'Deletion guard' }),
      h('div', { class: 'check' }, guardEnabled, h('label', { for: guardEnabled.id, text: 'Stop a run that would delete too much (default: on)' })),
      field('Most files a run may delete, in percent', 'deletionGuard.maxDeletePercent', guardPercent, 'Default: 50.'),
      field('Only with at least this many files', 'deletionGuard.minFiles', guardMin, 'Default: 10.')),
    h('fieldset', {}, h('legend', { text: 'Encryption (rclone crypt at the destination)' }),
      field('Password', 'encryption.password', password, editing ? 'Leave empty to keep the current one. Never shown again.' : 'Optional. Never shown again.'),
      field('Salt', 'encryption.salt', salt, 'Optional second password.')),
    h('fieldset', {}, h('legend', { text: 'Placement' }),
      field('Executor pool', 'pool', pool, 'Default: default.'),
      field('Priority', 'priority', priority, 'Default: normal.'),
      h('div', { class: 'check' }, paused, h('label', { for: paused.id, text: 'Paused: the schedule does not fire (default: off)' })))),
  h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'primary' }, editing ? 'Save the plan' : 'Create the plan'),
    h('a', { class: 'button', href: editing ? `#/plans/${encodeURIComponent(id)}` : '#/plans' }, 'Cancel')));

  fill(main, h('h1', { text: editing ? `Edit ${plan.name}` : 'New plan' }), form);
  return () => {};
}
