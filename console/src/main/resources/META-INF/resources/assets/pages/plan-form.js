// Create or edit a plan: every field of the API, each showing its default; the API's problems
// shown next to the fields they name.

import { api, ApiError } from '../api.js';
import { fill, h, toast } from '../dom.js';
import { check, checkboxes, clearErrors, durationText, field, showErrors } from '../form.js';
import { scheduleBuilder } from '../schedule.js';
import { chainEditor } from './plan-chain.js';
import { hooksEditor } from './plan-hooks.js';
import { notificationsEditor } from './plan-notifications.js';

const MODES = [
  ['MIRROR', 'Mirror: the destination becomes an exact copy; deletions propagate'],
  ['COPY', 'Copy: new and changed files arrive; nothing is deleted'],
  ['MIRROR_WITH_REVISIONS', 'Mirror with revisions: overwritten and deleted files are kept in a history folder'],
  ['BISYNC', 'Two-way sync: both sides converge'],
];
const PRESETS = [
  ['TEMPORARY_FILES', 'Temporary files (*.tmp, *.swp, ~ files, lock files)'],
  ['SYSTEM_FILES', 'System files (.DS_Store, Thumbs.db, recycle bins)'],
  ['BUILD_OUTPUT', 'Build output (node_modules, target, build, __pycache__)'],
];

const text = (attrs = {}) => h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });
const number = (attrs = {}) => h('input', { type: 'number', ...attrs });
const select = (options, value) => h('select', {}, options.map(([v, t]) => h('option', { value: v, selected: v === value }, t)));

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
const SCHEDULE_FIELDS = ['everyMinutes', 'minute', 'time', 'days', 'dayOfMonth', 'lastDayOfMonth', 'cron', 'timeZone', 'overlap', 'pauseAfterFailures'];

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
  const presets = checkboxes('Filter presets', 'filters.presets', PRESETS, p.filters?.presets || []);
  const includes = h('textarea', { rows: 3 }, (p.filters?.includePaths || []).join('\n'));
  const excludes = h('textarea', { rows: 3 }, (p.filters?.excludePatterns || []).join('\n'));
  const perf = p.performance || {};
  const transfers = number({ min: 1, value: perf.transfers ?? '' });
  const bufferSize = text({ value: perf.bufferSize ?? '' });
  const streams = number({ min: 0, value: perf.multiThreadStreams ?? '' });
  const compare = select([['', 'Size and modification time (default)'], ['CHECKSUM', 'Checksum'], ['SIZE_ONLY', 'Size only']], perf.compare === 'SIZE_AND_MODTIME' ? '' : perf.compare || '');
  const maxDuration = text({ value: durationText(perf.maxDuration) });
  const bandwidth = text({ value: perf.bandwidth ?? '', placeholder: '08:00,512k 19:00,off' });
  const maxTransfer = text({ value: perf.maxTransfer ?? '' });
  const attempts = number({ min: 1, value: p.retries?.attempts ?? '' });
  const delay = text({ value: durationText(p.retries?.delay) });
  const backoff = number({ min: 1, step: 0.1, value: p.retries?.backoffMultiplier ?? '' });
  const guardEnabled = check('Stop a run that would delete too much', 'deletionGuard.enabled', p.deletionGuard ? p.deletionGuard.enabled : true, 'Default: on.');
  const guardPercent = number({ min: 0, max: 100, value: p.deletionGuard?.maxDeletePercent ?? '' });
  const guardMin = number({ min: 0, value: p.deletionGuard?.minFiles ?? '' });
  const pool = text({ value: p.pool && p.pool !== 'default' ? p.pool : '' });
  const priority = select([['', 'Normal (default)'], ['LOW', 'Low'], ['HIGH', 'High']], p.priority === 'NORMAL' ? '' : p.priority || '');
  const checkAccess = check('Run only while both sides hold the marker file RCLONE_TEST', 'deletionGuard.checkAccess', p.deletionGuard?.checkAccess,
    'Two-way sync only (rclone’s --check-access): an unmounted side is never taken for an emptied one. Put an empty RCLONE_TEST at the top of both sides. Default: off.');
  const verifyAfter = select([['', 'Never (default)'], ['EVERY_RUN', 'After every successful run'], ['DAILY', 'Once a day']], p.verify?.after === 'NEVER' ? '' : p.verify?.after || '');
  const verifyMethod = select([['', 'Checksum (default)'], ['SIZE', 'Size only'], ['DOWNLOAD', 'Reading both sides in full']], p.verify?.method === 'CHECKSUM' ? '' : p.verify?.method || '');
  const paused = check('Paused: the schedule does not fire', 'paused', Boolean(p.paused), 'Default: off.');
  const password = h('input', { type: 'password', autocomplete: 'new-password' });
  const salt = h('input', { type: 'password', autocomplete: 'new-password' });

  const notifications = notificationsEditor(p.notifications, editing);
  const hooks = hooksEditor(p.hooks, editing);
  const chain = await chainEditor(editing ? id : null, p.trigger?.after);
  const showCheckAccess = () => { checkAccess.element.hidden = modeSelect.value !== 'BISYNC'; };
  modeSelect.addEventListener('change', showCheckAccess);
  showCheckAccess();
  if (plan) schedule.set(plan.schedule);

  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: -1, hidden: true });
  const lines = (t) => t.value.split('\n').map((l) => l.trim()).filter(Boolean);
  // A blank field means the default. An edit is sent as a merge patch, in which only null resets
  // a field (an absent one is kept): blank fields are sent as null, and the stored webhooks and
  // hooks, whose URLs are sealed, are left out (kept) unless a row was changed.
  const blank = editing ? null : undefined;
  const orNull = (v) => (v === '' || v === null || v === undefined ? blank : v);
  const num = (input) => (input.value === '' ? blank : Number(input.value));

  // In a merge patch a nested object merges into the stored one: what the form leaves out of an
  // endpoint or a schedule is sent as null, so that switching a storage for a folder, or DAILY for
  // INTERVAL, leaves nothing of the old one behind.
  const endpoint = (picker) => ({ storage: blank, ...picker.endpoint() });
  function scheduleRequest() {
    const s = schedule.value();
    if (!s || !editing) return s || blank;
    for (const key of SCHEDULE_FIELDS) if (!(key in s)) s[key] = null;
    return s;
  }

  function request() {
    const bisync = modeSelect.value === 'BISYNC';
    const after = chain.value();
    const body = {
      name: name.value.trim(),
      description: orNull(description.value.trim()),
      tags: tags.value.split(',').map((t) => t.trim()).filter(Boolean),
      source: endpoint(source),
      destination: endpoint(destination),
      mode: modeSelect.value,
      schedule: scheduleRequest(),
      trigger: after.length ? { after } : blank,
      filters: { presets: presets.values(), includePaths: lines(includes), excludePatterns: lines(excludes) },
      performance: {
        transfers: num(transfers), bufferSize: orNull(bufferSize.value.trim()), multiThreadStreams: num(streams), compare: orNull(compare.value),
        maxDuration: orNull(maxDuration.value.trim()), maxTransfer: orNull(maxTransfer.value.trim()), bandwidth: orNull(bandwidth.value.trim()),
      },
      retries: { attempts: num(attempts), delay: orNull(delay.value.trim()), backoffMultiplier: num(backoff) },
      notifications: notifications.value(),
      hooks: hooks.value(),
      verify: { after: orNull(verifyAfter.value), method: orNull(verifyMethod.value) },
      pool: orNull(pool.value.trim()),
      priority: orNull(priority.value),
      deletionGuard: {
        enabled: guardEnabled.input.checked, maxDeletePercent: num(guardPercent), minFiles: num(guardMin),
        checkAccess: bisync ? checkAccess.input.checked : blank,
      },
      paused: paused.input.checked,
    };
    body.revisions = modeSelect.value === 'MIRROR_WITH_REVISIONS' ? { keepDays: num(keepDays), keepCount: num(keepCount) } : blank;
    if (password.value || salt.value) body.encryption = { password: orNull(password.value), salt: orNull(salt.value) };
    return JSON.parse(JSON.stringify(body));
  }

  const form = h('form', {
    class: 'plan-form', novalidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      clearErrors(form, summary);
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
        if (e instanceof ApiError) showErrors(form, summary, e, 'Not saved');
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
  chain.element,
  h('fieldset', {}, h('legend', { text: 'Revisions (mirror with revisions only)' }),
    field('Keep for days', 'revisions.keepDays', keepDays, 'Default: 30.'),
    field('Keep at most', 'revisions.keepCount', keepCount, 'Default: any number.')),
  h('fieldset', {}, h('legend', { text: 'Filters' }), presets,
    field('Only these paths', 'filters.includePaths', includes, 'One per line, e.g. /projects/**. Default: everything.'),
    field('Exclude', 'filters.excludePatterns', excludes, 'One pattern per line, e.g. *.iso. Default: nothing.')),
  notifications.element,
  h('details', {}, h('summary', { text: 'More: performance, retries, deletion guard, verification, hooks, encryption, placement' }),
    h('fieldset', {}, h('legend', { text: 'Performance' }),
      field('Parallel transfers', 'performance.transfers', transfers, 'Default: 4.'),
      field('Buffer size', 'performance.bufferSize', bufferSize, 'Default: 16M.'),
      field('Streams per large file', 'performance.multiThreadStreams', streams, 'Default: 4.'),
      field('Compare files by', 'performance.compare', compare, 'Default: size and modification time.'),
      field('Stop a run after', 'performance.maxDuration', maxDuration, 'e.g. 2h. Default: no limit.'),
      field('Transfer at most', 'performance.maxTransfer', maxTransfer, 'e.g. 50G per run. Default: no limit.'),
      field('Bandwidth', 'performance.bandwidth', bandwidth,
        'rclone’s --bwlimit: a rate (10M; KiB/s without a unit; off), upload:download (10M:1M), or a timetable of [Day-]HH:MM,rate (08:00,512k 19:00,off Sat-00:00,off). Default: no limit.')),
    h('fieldset', {}, h('legend', { text: 'Retries' }),
      field('Attempts', 'retries.attempts', attempts, 'Default: 5.'),
      field('Delay between attempts', 'retries.delay', delay, 'e.g. 30s, 15m. Default: 30s.'),
      field('Backoff multiplier', 'retries.backoffMultiplier', backoff, 'Default: 1 (the same delay each time).')),
    h('fieldset', {}, h('legend', { text: 'Deletion guard' }),
      guardEnabled.element,
      field('Most files a run may delete, in percent', 'deletionGuard.maxDeletePercent', guardPercent, 'Default: 50.'),
      field('Only with at least this many files', 'deletionGuard.minFiles', guardMin, 'Default: 10.'),
      checkAccess.element),
    h('fieldset', {}, h('legend', { text: 'Verification' }),
      h('p', { class: 'hint', text: 'Whether the plan proves by itself that its destination matches its source.' }),
      field('Verify by itself', 'verify.after', verifyAfter, 'Every run: after each successful sync run (never after a dry run). Daily: once a day (UTC) when the plan has synced successfully. Default: never.'),
      field('Compare by', 'verify.method', verifyMethod, 'Size finds missing, extra and truncated files; checksum also changed bytes, where both sides have a common hash; reading both sides finds everything. Default: checksum.')),
    hooks.element,
    h('fieldset', {}, h('legend', { text: 'Encryption (rclone crypt at the destination)' }),
      field('Password', 'encryption.password', password, editing ? 'Leave empty to keep the current one. Never shown again.' : 'Optional. Never shown again.'),
      field('Salt', 'encryption.salt', salt, 'Optional second password.')),
    h('fieldset', {}, h('legend', { text: 'Placement' }),
      field('Executor pool', 'pool', pool, 'Default: default.'),
      field('Priority', 'priority', priority, 'Default: normal.'),
      paused.element)),
  h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'primary' }, editing ? 'Save the plan' : 'Create the plan'),
    h('a', { class: 'button', href: editing ? `#/plans/${encodeURIComponent(id)}` : '#/plans' }, 'Cancel')));

  fill(main, h('h1', { text: editing ? `Edit ${plan.name}` : 'New plan' }), form);
  return () => {};
}
