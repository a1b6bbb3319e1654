import { api, ApiError, follow, planName } from '../api.js';
import { badge, between, bytes, debounce, empty, fill, h, percentOf, seconds, table, time, toast, uid } from '../dom.js';

// the kinds of change each kind of run lists
const KINDS = {
  SYNC: [['', 'All kinds'], ['ADDED', 'Added'], ['MODIFIED', 'Modified'], ['DELETED', 'Deleted'], ['MOVED_TO_REVISIONS', 'Moved to revisions']],
  RESTORE: [['', 'All kinds'], ['ADDED', 'Restored (new)'], ['MODIFIED', 'Restored (replaced)'], ['MOVED_TO_REVISIONS', 'Replaced, kept in history'], ['SKIPPED', 'Skipped']],
  VERIFY: [['', 'All kinds'], ['DIFFERING', 'Differing'], ['MISSING_AT_DESTINATION', 'Missing at the destination'], ['EXTRA_AT_DESTINATION', 'Extra at the destination'], ['MATCHING', 'Matching']],
};
const TITLES = { SYNC: ['Run', 'Dry run'], RESTORE: ['Restore', 'Dry restore'], VERIFY: ['Verification', 'Verification'] };
const kindOf = (run) => (KINDS[run.kind] ? run.kind : 'SYNC');

/** The final figures of a run, as its kind counts them. */
function figures(run) {
  const s = run.stats;
  const pair = (term, value) => [h('dt', { text: term }), h('dd', { text: value })];
  switch (kindOf(run)) {
    case 'VERIFY':
      return [pair('Matching', s.filesMatching), pair('Differing', s.filesDiffering),
        pair('Missing at the destination', s.filesMissingAtDestination), pair('Extra at the destination', s.filesExtraAtDestination),
        pair('Errors', s.errors)];
    case 'RESTORE':
      return [pair('Restored (new)', s.filesAdded), pair('Restored (replaced)', s.filesModified),
        pair('Replaced files kept in history', s.filesMovedToRevisions), pair('Skipped', s.filesSkipped),
        pair('Transferred', bytes(s.bytesTransferred)), pair('Errors', s.errors)];
    default:
      return [pair('Added', s.filesAdded), pair('Modified', s.filesModified), pair('Deleted', s.filesDeleted),
        pair('Moved to revisions', s.filesMovedToRevisions), pair('Transferred', bytes(s.bytesTransferred)), pair('Errors', s.errors)];
  }
}

/** What a finished verification found, in one sentence. */
function verdict(run) {
  if (kindOf(run) !== 'VERIFY' || !['SUCCEEDED', 'PARTIAL'].includes(run.status)) return null;
  const s = run.stats;
  const differences = s.filesDiffering + s.filesMissingAtDestination + s.filesExtraAtDestination;
  return h('p', { class: 'verdict', id: 'verdict' }, differences === 0
    ? `✓ The destination matches the source: ${s.filesMatching} file${s.filesMatching === 1 ? '' : 's'} compared.`
    : `✕ ${differences} difference${differences === 1 ? '' : 's'} between the destination and the source.`);
}
const CHANGES_PAGE = 50;

export async function render(main, { id }, session) {
  let run;
  try {
    run = await api(`/runs/${encodeURIComponent(id)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      fill(main, h('h1', { text: 'Run not found' }), h('p', {}, h('a', { href: '#/plans', text: 'All plans' })));
      return () => {};
    }
    throw e;
  }
  const kind = kindOf(run);
  const word = TITLES[kind][run.dryRun ? 1 : 0];
  const title = h('h1', { text: word });
  planName(run.planId).then((name) => {
    title.textContent = `${word} of ${name}`;
    document.title = `${title.textContent} · syncplan`;
  });
  const statusBox = h('div', { class: 'run-status', 'aria-live': 'polite' });
  const live = h('section', { class: 'card', 'aria-labelledby': 'progress-h' });
  const timeline = h('section', { class: 'card', 'aria-labelledby': 'timeline-h' });
  const changes = h('section', { class: 'card', 'aria-labelledby': 'changes-h' });
  const log = h('section', { class: 'card', 'aria-labelledby': 'log-h' }, h('h2', { id: 'log-h', text: 'Log' }));
  const deliveries = h('section', { class: 'card', 'aria-labelledby': 'deliveries-h' }, h('h2', { id: 'deliveries-h', text: 'Notifications' }));
  const actions = h('div', { class: 'actions' });

  function drawStatus() {
    fill(statusBox, badge(run.status), ' ',
      h('span', { class: 'small' }, 'Requested ', time(run.requestedAt), run.finishedAt ? [' · took ', between(run.startedAt, run.finishedAt)] : ''),
      ' · ', h('a', { href: `#/plans/${encodeURIComponent(run.planId)}`, text: 'the plan' }));
    const final = ['SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELLED'].includes(run.status);
    fill(actions, session.can('OPERATOR') && !final
      ? h('button', { type: 'button', class: 'danger', onclick: async () => {
        try {
          await api(`/runs/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
          toast('Cancel requested');
        } catch (e) { toast(`Cancel: ${e.message}`); }
      } }, '■ Cancel this run') : null);
  }

  function drawProgress() {
    const final = ['SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELLED'].includes(run.status);
    const p = run.progress;
    const percent = run.status === 'SUCCEEDED' ? 100 : percentOf(p);
    const bar = h('progress', { id: 'run-progress', max: 100, value: percent, 'aria-labelledby': 'progress-h', 'aria-valuetext': `${percent}%` });
    bar.textContent = `${percent}%`;
    const s = run.stats;
    fill(live, h('h2', { id: 'progress-h', text: 'Progress' }),
      h('div', { class: 'progress big' }, bar, h('span', { class: 'progress-text', id: 'progress-percent', text: `${percent}%` })),
      !final && p ? h('dl', { class: 'figures' },
        h('dt', { text: 'Transferred' }), h('dd', { text: `${bytes(p.bytesDone)} of ${bytes(p.bytesTotal)}` }),
        h('dt', { text: 'Files' }), h('dd', { text: `${p.filesDone} of ${p.filesTotal}` }),
        h('dt', { text: 'Speed' }), h('dd', { text: `${bytes(p.speedBytesPerSecond)}/s` }),
        h('dt', { text: 'Time left' }), h('dd', { text: seconds(p.etaSeconds) })) : null,
      !final && !p ? h('p', { class: 'muted', text: run.status === 'QUEUED' ? 'Waiting for an executor with a free slot…' : 'Starting…' }) : null,
      final && s ? [verdict(run), h('dl', { class: 'figures', id: 'run-figures' }, figures(run))] : null,
      run.error ? h('div', { class: 'failure', role: 'note' },
        h('h3', { text: 'Why it did not succeed' }),
        h('p', {}, h('code', { text: run.error.reason }), ' ', run.error.message || '', run.error.exitCode !== undefined && run.error.exitCode !== null ? ` (rclone exit code ${run.error.exitCode})` : '')) : null);
    fill(timeline, h('h2', { id: 'timeline-h', text: 'Timeline and attempts' }),
      h('ol', { class: 'timeline' },
        h('li', {}, time(run.requestedAt), ` queued (${String(run.trigger || '').toLowerCase()}, priority ${String(run.priority || '').toLowerCase()})`,
          run.triggeredBy ? [' · started by ', h('a', { href: `#/runs/${encodeURIComponent(run.triggeredBy.runId)}`, text: 'a run' }),
            ' of ', h('a', { href: `#/plans/${encodeURIComponent(run.triggeredBy.planId)}`, text: 'another plan' }),
            ` that ended ${String(run.triggeredBy.status || '').toLowerCase()}`] : ''),
        (run.hooks || []).map((k) => h('li', { class: 'hook' }, `hook ${k.index} (${String(k.on).toLowerCase().replace(/_/g, ' ')}) `,
          h('code', { text: k.command || k.http }), ' ', badge(k.status), ` after ${k.durationMillis} ms`,
          k.exitCode !== null && k.exitCode !== undefined ? `, exit code ${k.exitCode}` : '',
          k.httpStatus !== null && k.httpStatus !== undefined && !k.message ? `, answered HTTP ${k.httpStatus}` : '',
          k.message ? `: ${k.message}` : '',
          (k.output || []).length ? h('pre', { class: 'hook-output', text: k.output.join('\n') }) : null)),
        run.attemptLog.map((a) => h('li', {}, time(a.startedAt), ` attempt ${a.attempt} started on ${a.executorId || 'an executor'}`,
          a.endedAt ? [' · ended ', time(a.endedAt), a.failure ? `: ${a.failure}` : ''] : '')),
        run.nextAttemptAt ? h('li', {}, 'next attempt ', time(run.nextAttemptAt, { relative: true })) : null,
        run.finishedAt ? h('li', {}, time(run.finishedAt), ' ', badge(run.status), ` after ${run.attempts} attempt${run.attempts === 1 ? '' : 's'}`) : null));
  }

  // the change list: paged, by kind, searchable by path
  const kindId = uid('kind');
  const searchId = uid('path');
  const kindSelect = h('select', { id: kindId }, KINDS[kind].map(([v, t]) => h('option', { value: v }, t)));
  const search = h('input', { id: searchId, type: 'search', autocomplete: 'off' });
  const changeList = h('div', { 'aria-live': 'polite' });
  let page = 0;
  const kindLabel = (k) => (KINDS[kind].find(([v]) => v === k) || [k, k.replace(/_/g, ' ').toLowerCase()])[1];
  async function loadChanges() {
    const params = new URLSearchParams({ page, size: CHANGES_PAGE });
    if (kindSelect.value) params.set('kind', kindSelect.value);
    if (search.value.trim()) params.set('q', search.value.trim());
    const result = await api(`/runs/${encodeURIComponent(id)}/changes?${params}`);
    const pages = Math.max(1, Math.ceil(result.totalItems / CHANGES_PAGE));
    if (result.totalItems === 0) {
      fill(changeList, h('p', { class: 'muted', text: ['SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELLED'].includes(run.status) ? 'No change matches.' : 'Changes show when the run has finished.' }));
      return;
    }
    fill(changeList,
      h('p', { class: 'small', text: `${result.totalItems} ${kind === 'VERIFY' ? 'file' : 'change'}${result.totalItems === 1 ? '' : 's'}${result.omitted ? ` (and ${result.omitted} more not recorded)` : ''}${result.dryRun ? ', that a real run would make' : ''}` }),
      table('Changes', ['Kind', 'Path'], result.items.map((c) => h('tr', {},
        h('td', {}, h('span', { class: `kind kind-${c.kind}`, text: kindLabel(c.kind) })),
        h('td', {}, h('code', { text: c.path }))))),
      pages > 1 ? h('nav', { class: 'pager', 'aria-label': 'Change pages' },
        h('button', { type: 'button', disabled: page === 0, onclick: () => { page -= 1; loadChanges(); } }, '← Previous'),
        h('span', { text: `Page ${page + 1} of ${pages}` }),
        h('button', { type: 'button', disabled: page + 1 >= pages, onclick: () => { page += 1; loadChanges(); } }, 'Next →')) : null);
  }
  const again = debounce(() => { page = 0; loadChanges(); }, 250);
  kindSelect.addEventListener('change', again);
  search.addEventListener('input', again);
  fill(changes, h('h2', { id: 'changes-h', text: kind === 'VERIFY' ? 'Files compared' : 'Changes' }),
    h('div', { class: 'filters' },
      h('div', { class: 'field' }, h('label', { for: kindId, text: 'Kind' }), kindSelect),
      h('div', { class: 'field' }, h('label', { for: searchId, text: 'Path contains' }), search)),
    changeList);

  async function loadLog() {
    const text = await api(`/runs/${encodeURIComponent(id)}/log`);
    fill(log, h('h2', { id: 'log-h', text: 'Log' }),
      h('pre', { class: 'log', tabindex: 0, 'aria-label': 'Run log', text: text || '(empty)' }));
  }
  async function loadDeliveries() {
    const list = await api(`/runs/${encodeURIComponent(id)}/deliveries`);
    fill(deliveries, h('h2', { id: 'deliveries-h', text: 'Notifications' }),
      list.length === 0
        ? h('p', { class: 'muted', text: 'No notification about this run (yet). Channels are set on the plan.' })
        : table('Notification deliveries', ['Channel', 'About', 'Status', 'Attempts', 'Last answer'], list.map((d) => h('tr', {},
          h('td', { text: d.channel }), h('td', { text: d.eventType }), h('td', {}, badge(d.status)),
          h('td', { text: d.attempts }), h('td', { text: d.lastError || (d.lastResponseCode ? `HTTP ${d.lastResponseCode}` : '—') })))));
  }

  fill(main, title, statusBox, actions,
    h('div', { class: 'columns wide' }, live, timeline),
    changes, log, deliveries);
  drawStatus();
  drawProgress();
  await Promise.all([loadChanges(), loadLog(), loadDeliveries()].map((p) => p.catch(() => {})));

  // The live stream can be a moment ahead of the run history that the other calls read: after
  // the final event, wait (briefly) until the history has it too.
  async function settled() {
    for (let i = 0; i < 20; i += 1) {
      const stored = await api(`/runs/${encodeURIComponent(id)}`);
      if (['SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELLED'].includes(stored.status)) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  const final = ['SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELLED'].includes(run.status);
  if (final) return () => {};
  const refreshLog = debounce(() => loadLog().catch(() => {}), 1000);
  return follow(`/runs/${encodeURIComponent(id)}/events`, (name, data) => {
    run = data;
    drawStatus();
    drawProgress();
    refreshLog();
    if (name === 'finished') {
      page = 0;
      settled().then(() => Promise.all([loadChanges(), loadLog()])).catch(() => {});
      setTimeout(() => loadDeliveries().catch(() => {}), 2000);
      return false;
    }
    return true;
  });
}
