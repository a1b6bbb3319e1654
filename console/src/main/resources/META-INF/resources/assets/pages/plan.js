import uPlot from '/webjars/uplot/dist/uPlot.esm.js';
import { api, ApiError, follow } from '../api.js';
import { badge, between, bytes, debounce, duration, empty, fill, h, table, time, toast, uid } from '../dom.js';
import { historySection } from './plan-history.js';

const words = (text) => String(text || '').replace(/_/g, ' ').toLowerCase();

/** What a run changed, in figures; what a verification found. */
function changed(run) {
  const s = run.stats;
  if (!s) return '—';
  if (run.kind === 'VERIFY') {
    const differences = s.filesDiffering + s.filesMissingAtDestination + s.filesExtraAtDestination;
    return `${differences} difference${differences === 1 ? '' : 's'}`;
  }
  return `+${s.filesAdded} ~${s.filesModified} −${s.filesDeleted}`;
}

/** What a run of the plan's history did, in a word: its own sync, a restore or a verification. */
function runWord(run) {
  const kind = { RESTORE: 'restore', VERIFY: 'verification' }[run.kind] || 'run';
  return run.dryRun ? `dry ${kind}` : kind;
}

function endpoint(e) {
  if (!e) return '—';
  return e.storage ? `${e.storageName || e.storage}: ${e.path || '/'}` : `${e.path} (local path)`;
}

function scheduleText(s) {
  if (!s) return 'On demand only';
  const zone = s.timeZone || 'UTC';
  switch (s.type) {
    case 'INTERVAL': return `Every ${s.everyMinutes} minutes`;
    case 'HOURLY': return `Every hour at minute ${s.minute ?? 0}`;
    case 'DAILY': return `Every day at ${s.time} (${zone})`;
    case 'WEEKLY': return `Every ${(s.days || []).map(words).join(', ')} at ${s.time} (${zone})`;
    case 'MONTHLY': return `${s.lastDayOfMonth ? 'On the last day' : `On day ${s.dayOfMonth}`} of each month at ${s.time} (${zone})`;
    case 'CRON': return `Cron “${s.cron}” (${zone})`;
    default: return s.type;
  }
}

function settings(plan) {
  const row = (term, value) => [h('dt', { text: term }), h('dd', {}, value)];
  const n = plan.notifications || {};
  return h('dl', { class: 'settings' },
    row('Mode', words(plan.mode)),
    row('Source', endpoint(plan.source)),
    row('Destination', endpoint(plan.destination)),
    row('Schedule', [scheduleText(plan.schedule), plan.schedule ? ` · if a run is still going: ${words(plan.schedule.overlap)}` : '']),
    row('Description', plan.description || '—'),
    row('Tags', plan.tags.length ? plan.tags.join(', ') : '—'),
    plan.mode === 'MIRROR_WITH_REVISIONS' ? row('Revisions', `kept ${plan.revisions?.keepDays ?? 30} days${plan.revisions?.keepCount ? `, at most ${plan.revisions.keepCount}` : ''}`) : null,
    row('Filters', [
      plan.filters.presets.length ? `presets: ${plan.filters.presets.map(words).join(', ')}` : 'no presets',
      plan.filters.includePaths.length ? `; only ${plan.filters.includePaths.join(', ')}` : '',
      plan.filters.excludePatterns.length ? `; excluding ${plan.filters.excludePatterns.join(', ')}` : '']),
    row('Performance', `${plan.performance.transfers} transfers, buffer ${plan.performance.bufferSize}, ${plan.performance.multiThreadStreams} streams, compare by ${words(plan.performance.compare)}${plan.performance.maxDuration ? `, at most ${duration(plan.performance.maxDuration)}` : ''}${plan.performance.maxTransfer ? `, at most ${plan.performance.maxTransfer} per run` : ''}${plan.performance.bandwidth ? `, bandwidth ${plan.performance.bandwidth}` : ''}`),
    row('Hooks', (plan.hooks || []).length
      ? h('ul', { class: 'hooks' }, plan.hooks.map((k) => h('li', {}, `${words(k.on)}: `,
        k.http ? [`${k.http.method} `, h('code', { text: `${k.http.host}#${k.http.fingerprint}` })] : h('code', { text: k.command }),
        ` (timeout ${duration(k.timeout)}${k.abortOnError ? ', a failure fails the run' : ''})`)))
      : 'none'),
    row('Chain', h('span', { id: 'plan-chain', text: (plan.trigger?.after || []).length ? 'loading…' : 'not started by other plans' })),
    row('Retries', `${plan.retries.attempts} attempts, ${duration(plan.retries.delay)} apart, ×${plan.retries.backoffMultiplier}`),
    row('Deletion guard', plan.deletionGuard.enabled ? `on: stop when a run would delete more than ${plan.deletionGuard.maxDeletePercent}% of at least ${plan.deletionGuard.minFiles} files` : 'off'),
    row('Notifications', [
      (n.emails || []).map((e) => `${e.address} (${e.on.map(words).join(', ')})`).join('; ') || 'no emails',
      ' · ',
      (n.webhooks || []).map((w) => `${w.url || w.host} as ${words(w.format)} (${w.on.map(words).join(', ')})`).join('; ') || 'no webhooks']),
    row('Encryption', plan.encryption ? 'crypt (password set)' : 'none'),
    row('Pool and priority', `${plan.pool}, ${words(plan.priority)}`),
    row('Initialisation', plan.initialization ? [badge(plan.initialization.state), plan.initialization.reason ? ` ${plan.initialization.reason}` : ''] : '—'),
    row('Created', time(plan.createdAt)),
    row('Changed', time(plan.updatedAt)));
}

function chart(container, runs) {
  const finished = runs.filter((r) => r.finishedAt && r.startedAt && !r.dryRun && (!r.kind || r.kind === 'SYNC')).reverse();
  if (finished.length < 2) {
    fill(container, h('p', { class: 'muted', text: 'The chart appears once the plan has finished two runs.' }));
    return () => {};
  }
  const xs = finished.map((r) => new Date(r.finishedAt).getTime() / 1000);
  const duration = finished.map((r) => (new Date(r.finishedAt) - new Date(r.startedAt)) / 1000);
  const mib = finished.map((r) => (r.stats?.bytesTransferred || 0) / 1048576);
  const files = finished.map((r) => (r.stats?.filesAdded || 0) + (r.stats?.filesModified || 0) + (r.stats?.filesDeleted || 0));
  fill(container);
  const width = Math.max(280, Math.min(container.clientWidth || 600, 900));
  const plot = new uPlot({
    width,
    height: 220,
    series: [
      {},
      { label: 'Duration (s)', stroke: '#1f5fa8', width: 2, scale: 's', dash: [] },
      { label: 'Transferred (MiB)', stroke: '#8a4b00', width: 2, scale: 'mib', dash: [6, 3] },
      { label: 'Files changed', stroke: '#2e7d32', width: 2, scale: 'files', dash: [2, 3] },
    ],
    axes: [{}, { scale: 's', label: 's' }, { scale: 'mib', side: 1, label: 'MiB', grid: { show: false } }],
  }, [xs, duration, mib, files], container);
  container.setAttribute('role', 'img');
  container.setAttribute('aria-label', `Chart of the last ${finished.length} runs: duration, bytes transferred and files changed per run. The same figures are in the table below.`);
  return () => plot.destroy();
}

export async function render(main, { id }, session) {
  let plan;
  try {
    plan = await api(`/plans/${encodeURIComponent(id)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      fill(main, h('h1', { text: 'Plan not found' }), h('p', {}, 'It may have been deleted. ', h('a', { href: '#/plans', text: 'All plans' })));
      return () => {};
    }
    throw e;
  }
  const actions = h('div', { class: 'actions', role: 'group', 'aria-label': 'Plan actions' });
  const settingsBox = h('section', { class: 'card', 'aria-labelledby': 'settings-h' });
  const chartBox = h('div', { class: 'chart' });
  const history = h('div');
  const dialogs = h('div');
  const revisions = historySection(plan, session, dialogs);
  let destroyChart = () => {};

  function head() {
    return h('div', { class: 'title-row' },
      h('h1', { text: plan.name }),
      h('div', { class: 'badges' },
        plan.paused ? badge('PAUSED') : null,
        plan.paused && plan.pausedReason ? h('span', { class: 'small', id: 'paused-reason', text: plan.pausedReason }) : null,
        plan.lastRun ? badge(plan.lastRun.status, 'last run') : h('span', { class: 'muted', text: 'never ran' }),
        plan.nextRunAt ? h('span', { class: 'small' }, 'Next run ', time(plan.nextRunAt, { relative: true })) : null));
  }
  const header = h('div');

  async function act(label, path, options = {}) {
    try {
      const answer = await api(`/plans/${encodeURIComponent(id)}/${path}`, { method: 'POST', body: options.body ?? {} });
      toast(`${label}: done`);
      if (answer && answer.runId) {
        window.location.hash = `#/runs/${encodeURIComponent(answer.runId)}`;
        return;
      }
      if (answer && answer.id) plan = answer;
      draw();
    } catch (e) {
      toast(`${label}: ${e.message}`);
    }
  }

  function draw() {
    fill(header, head());
    const op = session.can('OPERATOR');
    const admin = session.can('ADMIN');
    fill(actions,
      op ? h('button', { type: 'button', class: 'primary', onclick: () => act('Run now', 'runs') }, '▶ Run now') : null,
      op ? h('button', { type: 'button', onclick: () => act('Dry run', 'dry-run') }, 'Dry run') : null,
      op && !plan.paused ? h('button', { type: 'button', onclick: () => act('Pause', 'pause') }, '‖ Pause') : null,
      op && plan.paused ? h('button', { type: 'button', onclick: () => act('Resume', 'resume') }, '▶ Resume') : null,
      op ? h('button', { type: 'button', onclick: () => act('Cancel', 'cancel') }, '■ Cancel the active run') : null,
      admin ? h('a', { class: 'button', href: `#/plans/${encodeURIComponent(id)}/edit` }, 'Edit') : null,
      admin ? h('button', { type: 'button', class: 'danger', onclick: () => confirmDelete() }, 'Delete…') : null);
    if (!actions.childElementCount) actions.hidden = true;
    fill(settingsBox, h('h2', { id: 'settings-h', text: 'Settings' }), settings(plan));
    loadChain();
  }

  // the plans whose runs start this one, and those its runs start
  async function loadChain() {
    const box = settingsBox.querySelector('#plan-chain');
    try {
      const chain = await api(`/plans/${encodeURIComponent(id)}/chain`);
      const link = (p) => [h('a', { href: `#/plans/${encodeURIComponent(p.planId)}`, text: p.name || p.planId }),
        ` (${(p.on || []).map(words).join(', ')})`];
      const after = (chain.after || []).map(link);
      const starts = (chain.starts || []).map(link);
      if (box && (after.length || starts.length)) {
        fill(box,
          after.length ? ['starts after ', after.flatMap((l, i) => (i ? ['; ', ...l] : l))] : '',
          after.length && starts.length ? ' · ' : '',
          starts.length ? ['its runs start ', starts.flatMap((l, i) => (i ? ['; ', ...l] : l))] : '');
      } else if (box) {
        fill(box, 'no chain');
      }
    } catch (e) {
      if (box) fill(box, `could not load the chain: ${e.message}`);
    }
  }

  function confirmDelete() {
    const nameId = uid('confirm');
    const typed = h('input', { id: nameId, type: 'text', autocomplete: 'off', 'aria-describedby': `${nameId}-hint` });
    const purge = h('input', { id: `${nameId}-purge`, type: 'checkbox' });
    const go = h('button', { type: 'submit', class: 'danger' }, 'Delete the plan');
    const purgeBox = h('div', { class: 'purge', hidden: true },
      h('label', { for: nameId }, `Type the plan's name, ${plan.name}, to delete its destination's data too`),
      typed,
      h('p', { class: 'hint', id: `${nameId}-hint` }, 'Everything at ', endpoint(plan.destination), ' is removed, its revision history included. The source is never touched.'));
    const sync = () => {
      purgeBox.hidden = !purge.checked;
      go.disabled = purge.checked && typed.value !== plan.name;
      go.textContent = purge.checked ? 'Delete the plan and its destination data' : 'Delete the plan';
    };
    purge.addEventListener('change', sync);
    typed.addEventListener('input', sync);
    const dialog = h('dialog', { 'aria-labelledby': `${nameId}-title` },
      h('form', { method: 'dialog', onsubmit: async (e) => {
        e.preventDefault();
        try {
          await api(`/plans/${encodeURIComponent(id)}${purge.checked ? '?deleteDestinationData=true' : ''}`, { method: 'DELETE', ifMatch: plan.etag });
          dialog.close();
          toast(purge.checked ? 'Plan deleted; its destination data is being removed.' : 'Plan deleted; its destination data is kept.');
          window.location.hash = '#/plans';
        } catch (err) {
          toast(`Delete: ${err.message}`);
        }
      } },
      h('h2', { id: `${nameId}-title`, text: `Delete ${plan.name}?` }),
      h('p', { text: 'The plan and its schedule go. The data at its destination stays unless you ask below.' }),
      h('div', { class: 'check' }, purge, h('label', { for: `${nameId}-purge`, text: "Also delete the destination's data" })),
      purgeBox,
      h('div', { class: 'actions' },
        go,
        h('button', { type: 'button', onclick: () => dialog.close() }, 'Keep the plan'))));
    fill(dialogs, dialog);
    dialog.showModal();
  }

  async function loadHistory() {
    const runs = await api(`/plans/${encodeURIComponent(id)}/runs?size=50`);
    destroyChart();
    if (runs.items.length === 0) {
      fill(history, empty('No runs yet', h('p', {}, session.can('OPERATOR') ? 'Press “Run now” to run the plan; its progress shows live.' : 'The plan has not run yet.')));
      fill(chartBox);
      return;
    }
    destroyChart = chart(chartBox, runs.items);
    fill(history, table('Run history', ['Run', 'Status', 'Trigger', 'Started', 'Took', 'Changed', 'Transferred'], runs.items.map((run) => h('tr', {},
      h('td', {}, h('a', { href: `#/runs/${encodeURIComponent(run.runId)}`, text: runWord(run) })),
      h('td', {}, badge(run.status)),
      h('td', { text: words(run.trigger) }),
      h('td', {}, time(run.startedAt || run.requestedAt)),
      h('td', { text: between(run.startedAt, run.finishedAt) }),
      h('td', { text: changed(run) }),
      h('td', { text: run.stats ? bytes(run.stats.bytesTransferred) : '—' })))));
  }

  fill(main, header, actions,
    h('div', { class: 'columns wide' },
      settingsBox,
      h('section', { class: 'card', 'aria-labelledby': 'history-h' },
        h('h2', { id: 'history-h', text: 'Run history' }), chartBox, history)),
    revisions.element,
    dialogs);
  draw();
  await Promise.all([loadHistory(), revisions.reload(plan).catch(() => {})]);
  const refresh = debounce(async () => {
    plan = await api(`/plans/${encodeURIComponent(id)}`);
    draw();
    await Promise.all([loadHistory(), revisions.reload(plan).catch(() => {})]);
  }, 500);
  // a finished run reaches the plan and its history a moment after the live stream: look twice
  const later = debounce(() => refresh(), 2500);
  const stop = follow(`/runs/events?planId=${encodeURIComponent(id)}`, (name) => {
    if (name !== 'progress') refresh();
    if (name === 'finished') later();
    return true;
  });
  return () => {
    stop();
    destroyChart();
  };
}
