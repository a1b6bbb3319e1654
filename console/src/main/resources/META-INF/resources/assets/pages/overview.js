import { api, follow, planName } from '../api.js';
import { badge, bytes, debounce, empty, fill, h, progressBar, seconds, time } from '../dom.js';

const STATES = [
  ['HEALTHY', 'Healthy'],
  ['FAILING', 'Failing'],
  ['OUT_OF_SYNC', 'Out of sync'],
  ['PAUSED', 'Paused'],
  ['NEEDS_RESYNC', 'Needs resync'],
];

export async function render(main, params, session) {
  const counts = h('section', { 'aria-labelledby': 'counts-h' });
  const running = h('div', { id: 'running', 'aria-live': 'polite' });
  const failures = h('div');
  const next = h('div');
  fill(main,
    h('h1', { text: 'Overview' }),
    counts,
    h('div', { class: 'columns' },
      h('section', { class: 'card', 'aria-labelledby': 'running-h' }, h('h2', { id: 'running-h', text: 'Runs in progress' }), running),
      h('section', { class: 'card', 'aria-labelledby': 'failures-h' }, h('h2', { id: 'failures-h', text: 'Recent failures' }), failures),
      h('section', { class: 'card', 'aria-labelledby': 'next-h' }, h('h2', { id: 'next-h', text: 'Next runs' }), next)));

  async function load() {
    const overview = await api('/plans/overview?limit=8');
    if (overview.total === 0) {
      fill(counts, h('h2', { id: 'counts-h', class: 'visually-hidden', text: 'Plans by state' }), firstPlan(session));
    } else {
      fill(counts,
        h('h2', { id: 'counts-h', class: 'visually-hidden', text: 'Plans by state' }),
        h('ul', { class: 'counts' },
          h('li', {}, h('a', { href: '#/plans', class: 'count' }, h('span', { class: 'number', text: overview.total }), h('span', { text: 'Plans' }))),
          STATES.map(([state, label]) => h('li', {},
            h('a', { href: `#/plans?state=${state}`, class: `count state-${state}`, 'data-state': state },
              h('span', { class: 'number', text: overview.byState[state] || 0 }),
              badge(state))))));
    }
    fill(failures, overview.recentFailures.length === 0
      ? h('p', { class: 'muted', text: 'No plan failed its last run.' })
      : h('ul', { class: 'list' }, overview.recentFailures.map((f) => h('li', {},
        h('a', { href: `#/plans/${encodeURIComponent(f.planId)}`, text: f.planName }), ' ',
        badge(f.lastRun.status), ' ', time(f.lastRun.finishedAt, { relative: true }),
        h('div', { class: 'reason' },
          f.lastRun.reason ? h('code', { text: f.lastRun.reason }) : null, ' ',
          f.lastRun.message || ''),
        h('a', { href: `#/runs/${encodeURIComponent(f.lastRun.runId)}`, class: 'small', text: 'Open the run' })))));
    fill(next, overview.nextRuns.length === 0
      ? h('p', { class: 'muted', text: 'No scheduled run is due: plans run on demand only, or are paused.' })
      : h('ul', { class: 'list' }, overview.nextRuns.map((n) => h('li', {},
        h('a', { href: `#/plans/${encodeURIComponent(n.planId)}`, text: n.planName }), ' ', time(n.nextRunAt, { relative: true })))));
  }
  // the plan list learns of a finished run about a second after the live stream: look twice
  const soon = debounce(() => load().catch(() => {}), 500);
  const later = debounce(() => load().catch(() => {}), 2500);
  const reload = () => {
    soon();
    later();
  };

  const active = new Map();
  function drawRunning() {
    if (active.size === 0) {
      fill(running, h('p', { class: 'muted', text: 'Nothing is running right now.' }));
      return;
    }
    fill(running, h('ul', { class: 'list' }, [...active.values()].map((run) => {
      const name = h('a', { href: `#/runs/${encodeURIComponent(run.runId)}`, text: run.planId });
      planName(run.planId).then((text) => { name.textContent = text; });
      const p = run.progress;
      return h('li', { 'data-run': run.runId },
        name, ' ', badge(run.status), run.dryRun ? h('span', { class: 'tag', text: 'dry run' }) : null,
        progressBar(p, `Progress of ${run.planId}`),
        p ? h('div', { class: 'small muted' },
          `${bytes(p.bytesDone)} of ${bytes(p.bytesTotal)} · ${p.filesDone} of ${p.filesTotal} files · ${bytes(p.speedBytesPerSecond)}/s · ETA ${seconds(p.etaSeconds)}`) : null);
    })));
  }

  await load();
  drawRunning();
  const stop = follow('/runs/events', (name, run) => {
    if (name === 'finished') {
      active.delete(run.runId);
      reload();
    } else if (run && run.runId) {
      active.set(run.runId, run);
    }
    drawRunning();
    return true;
  });
  return stop;
}

function firstPlan(session) {
  return empty('Welcome to syncplan: no plans yet',
    h('p', {}, 'A plan keeps a destination in step with a source, on a schedule or when you ask. To make your first one:'),
    h('ol', {},
      h('li', {}, session.can('ADMIN') ? h('a', { href: '#/plans/new', text: 'Create a plan' }) : 'Ask an admin to create a plan',
        ': give it a name, a source folder and a destination folder (a local path, or a storage such as SFTP or S3 added under ',
        h('a', { href: '#/storages', text: 'Storages' }), ').'),
      h('li', {}, 'Pick a mode (Mirror makes the destination an exact copy) and, if you like, a schedule.'),
      h('li', {}, 'Open the plan and press “Run now”: you will see its progress live, then what it changed.')),
    session.can('ADMIN') ? h('a', { class: 'button primary', href: '#/plans/new', text: 'Create your first plan' }) : null);
}

