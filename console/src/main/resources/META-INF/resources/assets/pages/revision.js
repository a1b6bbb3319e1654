// One revision folder of a plan: what it keeps, paged, folder by folder, each file with its
// versions and (for operators) a restore.

import { api, ApiError } from '../api.js';
import { bytes, empty, fill, h, pager, table, time } from '../dom.js';
import { folders, restoreHref, revisionHref, revisionInstant, versionsHref } from '../history.js';

const PAGE = 50;

export async function render(main, { id, sub: revision, query }, session) {
  const folder = (query.get('path') || '').replace(/^\/+|\/+$/g, '');
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
  const made = revisionInstant(revision);
  const list = h('div', { 'aria-live': 'polite' });
  const about = h('p', { class: 'small' });
  let page = 0;

  const crumbs = h('nav', { class: 'crumbs', 'aria-label': 'Folder' },
    h('ol', {},
      h('li', {}, folder ? h('a', { href: revisionHref(id, revision), text: 'All files' }) : h('span', { 'aria-current': 'page', text: 'All files' })),
      [...folders(`${folder}/`).filter((f) => f.path)].map((f) => h('li', {},
        f.path === folder ? h('span', { 'aria-current': 'page', text: f.name }) : h('a', { href: revisionHref(id, revision, f.path), text: f.name })))));

  async function load() {
    const params = new URLSearchParams({ page, size: PAGE });
    if (folder) params.set('path', folder);
    let result;
    try {
      result = await api(`/plans/${encodeURIComponent(id)}/revisions/${encodeURIComponent(revision)}/files?${params}`);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 400)) {
        fill(list, empty('No such revision', h('p', {}, `${plan.name} keeps no revision named “${revision}”: it may have expired. `,
          h('a', { href: `#/plans/${encodeURIComponent(id)}`, text: 'The plan’s revisions' }))));
        return;
      }
      throw e;
    }
    const first = result.items[0];
    fill(about, `${result.totalItems} file${result.totalItems === 1 ? '' : 's'}${folder ? ` in ${folder}` : ''}`,
      first && first.runId ? [', kept by ', h('a', { href: `#/runs/${encodeURIComponent(first.runId)}`, text: 'the run' }), ' that replaced or deleted them'] : '',
      '.');
    if (result.totalItems === 0) {
      fill(list, empty('Nothing here', h('p', {}, 'This revision keeps no file in this folder. ', h('a', { href: revisionHref(id, revision), text: 'All its files' }))));
      return;
    }
    const op = session.can('OPERATOR');
    fill(list,
      table(`Files kept in this revision${folder ? ` under ${folder}` : ''}`, ['File', 'Size', 'Modified', op ? 'Actions' : 'Versions'],
        result.items.map((file) => {
          const inner = folder && file.path.startsWith(`${folder}/`) ? file.path.slice(folder.length + 1) : file.path;
          const within = inner === file.path ? '' : folder;
          const name = inner.split('/').pop();
          return h('tr', {},
            h('td', { class: 'path' },
              folders(inner).map((f) => [h('a', { href: revisionHref(id, revision, within ? `${within}/${f.path}` : f.path), class: 'folder', text: f.name }), '/']),
              h('code', { text: name }),
              file.side === 'SOURCE' ? h('span', { class: 'small muted', text: ' (the source’s history)' }) : null),
            h('td', { text: bytes(file.size) }),
            h('td', {}, time(file.modifiedAt)),
            h('td', { class: 'row-actions' },
              h('a', { href: versionsHref(id, file.path), 'aria-label': `Versions of ${file.path}` }, 'Versions'),
              op ? h('a', { class: 'button', href: restoreHref(id, { path: file.path, revision }), 'aria-label': `Restore ${file.path} from this revision` }, 'Restore…') : null));
        })),
      pager('File pages', page, result.totalItems, PAGE, (p) => { page = p; load(); }));
  }

  fill(main,
    h('h1', {}, 'Revision ', made ? time(made) : revision),
    h('p', {}, 'Kept by ', h('a', { href: `#/plans/${encodeURIComponent(id)}`, text: plan.name }),
      ': the versions of files that a run replaced or deleted then. Folder ', h('code', { text: `.syncplan/revisions/${revision}` }), '.'),
    session.can('OPERATOR') ? h('div', { class: 'actions' },
      h('a', { class: 'button', href: restoreHref(id, { path: folder, revision }) }, folder ? `Restore ${folder} from this revision…` : 'Restore this revision…')) : null,
    crumbs, about, list);
  await load();
  return () => {};
}
