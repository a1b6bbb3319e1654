// The console: a router over the URL's hash, a header with the navigation, and one module per page.
// Everything it shows comes from the public API; what a role may not do is not offered.

import { onAuthFailure, token } from './api.js';
import { currentUser, finishOidc, signOut } from './auth.js';
import { fill, h } from './dom.js';
import * as overview from './pages/overview.js';
import * as plans from './pages/plans.js';
import * as plan from './pages/plan.js';
import * as planForm from './pages/plan-form.js';
import * as run from './pages/run.js';
import * as revision from './pages/revision.js';
import * as versions from './pages/versions.js';
import * as restore from './pages/restore.js';
import * as storages from './pages/storages.js';
import * as keys from './pages/keys.js';
import * as signIn from './pages/sign-in.js';

const ROLES = ['VIEWER', 'OPERATOR', 'ADMIN'];

const routes = [
  [/^\/$/, overview],
  [/^\/plans$/, plans],
  [/^\/plans\/new$/, planForm],
  [/^\/plans\/([^/]+)\/edit$/, planForm, 'edit'],
  [/^\/plans\/([^/]+)\/revisions\/([^/]+)$/, revision],
  [/^\/plans\/([^/]+)\/versions$/, versions],
  [/^\/plans\/([^/]+)\/restore$/, restore],
  [/^\/plans\/([^/]+)$/, plan],
  [/^\/runs\/([^/]+)$/, run],
  [/^\/storages$/, storages],
  [/^\/storages\/new$/, storages, 'new'],
  [/^\/storages\/([^/]+)\/edit$/, storages, 'edit'],
  [/^\/keys$/, keys],
];

const session = {
  me: null,
  message: null,
  /** Whether the signed-in role includes this one. */
  can(role) {
    return this.me !== null && ROLES.indexOf(this.me.role) >= ROLES.indexOf(role);
  },
};

let cleanup = () => {};

function parseHash() {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  return { path, query: new URLSearchParams(query) };
}

function header() {
  const top = document.getElementById('top');
  if (!session.me) {
    fill(top, h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true', text: '⇄' }), 'syncplan'));
    return;
  }
  const { path } = parseHash();
  const link = (href, text, active) =>
    h('a', { href, 'aria-current': active ? 'page' : undefined }, text);
  fill(
    top,
    h('a', { class: 'brand', href: '#/' }, h('span', { class: 'logo', 'aria-hidden': 'true', text: '⇄' }), 'syncplan'),
    h('nav', { 'aria-label': 'Main' },
      link('#/', 'Overview', path === '/'),
      link('#/plans', 'Plans', path.startsWith('/plans')),
      link('#/storages', 'Storages', path.startsWith('/storages')),
      session.can('ADMIN') ? link('#/keys', 'API keys', path === '/keys') : null),
    h('div', { class: 'who' },
      h('span', { class: 'role', title: session.me.name }, `${session.me.name} · ${session.me.role.toLowerCase()}`),
      h('button', { type: 'button', class: 'link', onclick: () => leave('You signed out.') }, 'Sign out')),
  );
}

function leave(message) {
  signOut();
  session.me = null;
  session.message = message;
  window.location.hash = '#/sign-in';
  render();
}

onAuthFailure((status, problem) => {
  if (!session.me) return;
  const why = status === 401
    ? 'Your sign-in is no longer valid (the key was revoked or the token expired). Please sign in again.'
    : `Not allowed: ${problem.detail || 'your role does not allow this.'} Sign in with a key that may.`;
  leave(why);
});

async function render() {
  delete document.body.dataset.ready;
  cleanup();
  cleanup = () => {};
  const main = document.getElementById('main');
  const { path, query } = parseHash();
  if (!session.me && token()) {
    try {
      session.me = await currentUser();
    } catch (e) {
      session.message = e.status === 401 ? 'Your sign-in is no longer valid. Please sign in again.' : e.message;
    }
  }
  if (!session.me || path === '/sign-in') {
    if (session.me && path === '/sign-in') {
      window.location.hash = '#/';
      return;
    }
    header();
    cleanup = signIn.render(main, {
      message: session.message,
      onSignedIn: (me) => {
        session.me = me;
        session.message = null;
        if (parseHash().path === '/sign-in') window.location.hash = '#/';
        else render();
      },
    }) || (() => {});
    return;
  }
  header();
  for (const [pattern, page, mode] of routes) {
    const match = path.match(pattern);
    if (match) {
      fill(main);
      const params = {
        id: match[1] ? decodeURIComponent(match[1]) : undefined,
        sub: match[2] ? decodeURIComponent(match[2]) : undefined,
        mode,
        query,
      };
      cleanup = (await page.render(main, params, session)) || (() => {});
      // the page has drawn what it first shows: tests and the benchmark wait for this
      document.body.dataset.ready = path;
      performance.mark('syncplan-ready');
      const heading = main.querySelector('h1');
      if (heading) {
        heading.setAttribute('tabindex', '-1');
        heading.focus({ preventScroll: true });
        document.title = `${heading.textContent} · syncplan`;
      }
      return;
    }
  }
  fill(main, h('h1', { text: 'Not found' }), h('p', {}, 'No page here. ', h('a', { href: '#/', text: 'Back to the overview' })));
}

window.addEventListener('hashchange', render);

(async () => {
  try {
    if (await finishOidc()) session.message = null;
  } catch (e) {
    session.message = e.message;
  }
  render();
})();
