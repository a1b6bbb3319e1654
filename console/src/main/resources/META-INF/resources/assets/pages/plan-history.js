// A plan's page, its "Revisions and restores" section: the revision folders it keeps, where to find
// every version of a path, and (for operators) restore and verify.

import { api } from '../api.js';
import { badge, bytes, empty, fill, h, pager, table, time, uid } from '../dom.js';
import { keepsHistory, restoreHref, revisionHref, versionsHref } from '../history.js';

const PAGE = 10;
const METHODS = [
  ['SIZE', 'Size', 'Each file exists on both sides with the same size. Fast.'],
  ['CHECKSUM', 'Checksum', 'Also the same bytes, compared by hash where both sides have one (through encryption: cryptcheck).'],
  ['DOWNLOAD', 'Download', 'Reads both sides in full and compares every byte. Slowest, catches everything.'],
];

function keeping(plan) {
  if (plan.mode === 'MIRROR_WITH_REVISIONS') {
    return `Each file a run replaces or deletes is kept here for ${plan.revisions?.keepDays ?? 30} days${plan.revisions?.keepCount ? ` (the newest ${plan.revisions.keepCount} revisions at most)` : ''}. Bring back a file, a folder or the whole tree as it was at any moment.`;
  }
  if (plan.mode === 'BISYNC') return 'The version that lost a conflict is kept here, on the side that lost it.';
  return 'This mode keeps no history: a restore brings back the destination’s current files, elsewhere or into the source.';
}

function lastVerification(plan) {
  const v = plan.lastVerification;
  if (!v) return h('p', { class: 'small', id: 'last-verification', text: 'Not verified yet: a verification compares the destination with the source, file by file.' });
  return h('p', { class: 'small', id: 'last-verification' }, 'Last verification: ', badge(v.status), ' ',
    v.differences ? `${v.differences} difference${v.differences === 1 ? '' : 's'}` : 'the destination matched the source',
    ', ', time(v.finishedAt, { relative: true }), ' · ',
    h('a', { href: `#/runs/${encodeURIComponent(v.runId)}`, text: 'see the verification' }));
}

/** The section, and reload(plan) to draw it again after a run. */
export function historySection(initial, session, dialogs) {
  let plan = initial;
  let page = 0;
  const section = h('section', { class: 'card', 'aria-labelledby': 'revisions-h' });
  const list = h('div', { id: 'revision-list' });

  async function loadRevisions() {
    if (!keepsHistory(plan)) {
      fill(list);
      return;
    }
    const result = await api(`/plans/${encodeURIComponent(plan.id)}/revisions?page=${page}&size=${PAGE}`);
    if (result.totalItems === 0) {
      fill(list, empty('No revisions yet', h('p', { text: plan.mode === 'BISYNC'
        ? 'A conflict’s losing version shows here once a run has kept one.'
        : 'The first run that replaces or deletes a file keeps its old version here.' })));
      return;
    }
    fill(list,
      table('Revisions', ['Made', 'By run', 'Files', 'Size'], result.items.map((r) => h('tr', {},
        h('td', {}, h('a', { href: revisionHref(plan.id, r.revision) }, time(r.madeAt))),
        h('td', {}, r.runId ? h('a', { href: `#/runs/${encodeURIComponent(r.runId)}`, text: 'run' }) : h('span', { class: 'muted', text: '—' })),
        h('td', { text: r.files }),
        h('td', { text: bytes(r.bytes) })))),
      pager('Revision pages', page, result.totalItems, PAGE, (p) => { page = p; loadRevisions(); }));
  }

  function verifyDialog() {
    const formId = uid('verify');
    const chosen = plan.verify?.method || 'CHECKSUM';
    const dialog = h('dialog', { 'aria-labelledby': `${formId}-title` });
    const error = h('p', { class: 'field-error', role: 'alert' });
    fill(dialog, h('form', { method: 'dialog', onsubmit: async (e) => {
      e.preventDefault();
      const method = dialog.querySelector('input[name=method]:checked').value;
      try {
        const run = await api(`/plans/${encodeURIComponent(plan.id)}/verify`, { method: 'POST', body: { method } });
        dialog.close();
        window.location.hash = `#/runs/${encodeURIComponent(run.runId)}`;
      } catch (err) {
        fill(error, err.message);
      }
    } },
    h('h2', { id: `${formId}-title`, text: `Verify ${plan.name}` }),
    h('p', { text: 'Compares the destination with the source under the plan’s filters; changes nothing on either side.' }),
    h('fieldset', {}, h('legend', { text: 'Method' }),
      METHODS.map(([value, label, hint]) => {
        const id = `${formId}-${value}`;
        return h('div', { class: 'choice' },
          h('input', { type: 'radio', name: 'method', id, value, checked: value === chosen, 'aria-describedby': `${id}-hint` }),
          h('label', { for: id, text: value === chosen ? `${label} (the plan’s method)` : label }),
          h('p', { class: 'hint', id: `${id}-hint`, text: hint }));
      })),
    error,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, 'Start the verification'),
      h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'))));
    fill(dialogs, dialog);
    dialog.showModal();
  }

  function draw() {
    const op = session.can('OPERATOR');
    fill(section,
      h('h2', { id: 'revisions-h', text: keepsHistory(plan) ? 'Revisions and restores' : 'Restores and verification' }),
      h('p', { text: keeping(plan) }),
      list,
      h('p', {}, h('a', { href: versionsHref(plan.id), text: 'Find every version of a path' })),
      lastVerification(plan),
      op ? h('div', { class: 'actions', role: 'group', 'aria-label': 'Restore and verify' },
        h('a', { class: 'button', href: restoreHref(plan.id) }, 'Restore…'),
        h('button', { type: 'button', onclick: verifyDialog }, 'Verify…')) : null);
  }

  draw();
  return {
    element: section,
    async reload(next) {
      plan = next || plan;
      draw();
      await loadRevisions();
    },
  };
}
