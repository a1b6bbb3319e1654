// What the pages about a plan's history share: where they are, and how revisions are named.

const plan = (id) => `#/plans/${encodeURIComponent(id)}`;

/** The modes that keep old versions: a mirror with revisions, and a two-way sync's conflict losers. */
export function keepsHistory(p) {
  return p.mode === 'MIRROR_WITH_REVISIONS' || p.mode === 'BISYNC';
}

/** The page of one revision folder, narrowed to a folder. */
export function revisionHref(planId, revision, folder) {
  const query = folder ? `?${new URLSearchParams({ path: folder })}` : '';
  return `${plan(planId)}/revisions/${encodeURIComponent(revision)}${query}`;
}

export function versionsHref(planId, path) {
  return `${plan(planId)}/versions${path ? `?${new URLSearchParams({ path })}` : ''}`;
}

/** The restore form, filled in: {path, revision, asOf, when: 'current'}. */
export function restoreHref(planId, fill = {}) {
  const query = new URLSearchParams(Object.entries(fill).filter(([, v]) => v));
  return `${plan(planId)}/restore${[...query].length ? `?${query}` : ''}`;
}

/** The instant a revision's name stands for: 2026-11-26T09-15-30.123Z is 09:15:30.123 UTC. */
export function revisionInstant(revision) {
  const iso = String(revision).replace(/T(\d{2})-(\d{2})-(\d{2})/, 'T$1:$2:$3');
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** The folders a path lies in, outermost first: a/b/c.txt gives a, a/b. */
export function folders(path) {
  const parts = String(path).split('/').slice(0, -1);
  return parts.map((part, i) => ({ name: part, path: parts.slice(0, i + 1).join('/') }));
}
