import { api, follow } from '../api.js';
import { badge, debounce, empty, fill, h, table, time, uid } from '../dom.js';

const STATES = ['HEALTHY', 'FAILING', 'OUT_OF_SYNC', 'PAUSED', 'NEEDS_RESYNC'];
const MODES = ['MIRROR', 'COPY', 'MIRROR_WITH_REVISIONS', 'BISYNC'];
const SORTS = [
  ['name', 'Name (A–Z)'], ['name,desc', 'Name (Z–A)'], ['lastRun,desc', 'Last run (latest first)'],
  ['lastRun', 'Last run (oldest first)'], ['nextRun', 'Next run (soonest first)'], ['state', 'State'],
];
const PAGE_SIZE = 50;

function select(label, name, options, value) {
  const id = uid('filter');
  return h('div', { class: 'field' },
    h('label', { for: id, text: label }),
    h('select', { id, name },
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
}

function textInput(label, name, value, list) {
  const id = uid('filter');
  return h('div', { class: 'field' },
    h('label', { for: id, text: label }),
    h('input', { id, name, type: 'search', value: value || '', list, autocomplete: 'off' }));
}

export async function render(main, { query }, session) {
  const q = Object.fromEntries(query.entries());
  const overview = await api('/plans/overview?limit=1');
  const storages = await api('/storages?size=500').catch(() => ({ items: [] }));
  const tagList = uid('tags');
  const poolList = uid('pools');
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Find plans', onsubmit: (e) => e.preventDefault() },
    textInput('Search by name', 'q', q.q),
    select('State', 'state', [['', 'Any state'], ...STATES.map((s) => [s, s.replace(/_/g, ' ').toLowerCase()])], q.state || ''),
    select('Mode', 'mode', [['', 'Any mode'], ...MODES.map((m) => [m, m.replace(/_/g, ' ').toLowerCase()])], q.mode || ''),
    textInput('Tag', 'tag', q.tag, tagList),
    textInput('Pool', 'pool', q.pool, poolList),
    select('Storage', 'storage', [['', 'Any storage'], ...storages.items.map((s) => [s.id, s.name])], q.storage || ''),
    select('Sort by', 'sort', SORTS, q.sort || 'name'),
    h('datalist', { id: tagList }, overview.tags.map((t) => h('option', { value: t }))),
    h('datalist', { id: poolList }, overview.pools.map((p) => h('option', { value: p }))));
  const results = h('div', { 'aria-live': 'polite' });
  const status = h('p', { class: 'muted', role: 'status' });
  fill(main,
    h('div', { class: 'title-row' }, h('h1', { text: 'Plans' }),
      session.can('ADMIN') ? h('a', { class: 'button primary', href: '#/plans/new', text: 'New plan' }) : null),
    form, status, results);

  let page = Number(q.page || 0);
  let current = [];

  function filters() {
    const data = new FormData(form);
    const params = new URLSearchParams();
    for (const [key, value] of data.entries()) {
      if (value && !(key === 'sort' && value === 'name')) params.set(key, value);
    }
    return params;
  }

  async function load() {
    const params = filters();
    const shown = new URLSearchParams(params);
    if (page > 0) shown.set('page', page);
    const hash = `#/plans${shown.toString() ? `?${shown}` : ''}`;
    if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
    params.set('page', page);
    params.set('size', PAGE_SIZE);
    const result = await api(`/plans?${params}`);
    current = result.items;
    const pages = Math.max(1, Math.ceil(result.totalItems / PAGE_SIZE));
    fill(status, `${result.totalItems} plan${result.totalItems === 1 ? '' : 's'}${pages > 1 ? `, page ${page + 1} of ${pages}` : ''}`);
    if (result.totalItems === 0) {
      const anyFilter = [...filters().keys()].length > 0;
      fill(results, anyFilter
        ? empty('No plan matches', h('p', {}, 'Try fewer filters, or ', h('a', { href: '#/plans', text: 'show all plans' }), '.'))
        : empty('No plans yet', h('p', {}, 'A plan keeps a destination in step with a source.'),
          session.can('ADMIN') ? h('a', { class: 'button primary', href: '#/plans/new', text: 'Create your first plan' })
            : h('p', { text: 'Ask an admin to create one.' })));
      return;
    }
    fill(results,
      table('Plans', ['Name', 'State', 'Mode', 'Last run', 'Next run', 'Sync'], result.items.map((plan) => h('tr', {},
        h('td', {}, h('a', { href: `#/plans/${encodeURIComponent(plan.id)}`, text: plan.name }),
          plan.tags.length ? h('div', { class: 'tags' }, plan.tags.map((t) => h('span', { class: 'tag', text: t }))) : null),
        h('td', {}, badge(plan.state)),
        h('td', { text: plan.mode.replace(/_/g, ' ').toLowerCase() }),
        h('td', {}, plan.lastRun ? [badge(plan.lastRun.status), ' ', time(plan.lastRun.finishedAt, { relative: true })] : h('span', { class: 'muted', text: 'never ran' })),
        h('td', {}, plan.nextRunAt ? time(plan.nextRunAt, { relative: true }) : h('span', { class: 'muted', text: plan.paused ? 'paused' : 'on demand' })),
        h('td', {}, plan.outOfSync ? badge('OUT_OF_SYNC') : h('span', { class: 'muted', text: 'in sync' }))))),
      pages > 1 ? h('nav', { class: 'pager', 'aria-label': 'Pages' },
        h('button', { type: 'button', disabled: page === 0, onclick: () => { page -= 1; load(); } }, '← Previous'),
        h('span', { text: `Page ${page + 1} of ${pages}` }),
        h('button', { type: 'button', disabled: page + 1 >= pages, onclick: () => { page += 1; load(); } }, 'Next →')) : null);
  }

  const again = debounce(() => { page = 0; load(); }, 250);
  form.addEventListener('input', again);
  form.addEventListener('change', again);
  await load();

  const refresh = debounce(() => load().catch(() => {}), 1000);
  return follow('/runs/events', (name, run) => {
    if (name === 'finished' && current.some((plan) => plan.id === run.planId)) refresh();
    return true;
  });
}
