import { ApiError } from '../api.js';
import { signInConfig, signInWithKey, startOidc } from '../auth.js';
import { fill, h } from '../dom.js';

export function render(main, { message, onSignedIn }) {
  const error = h('p', { class: 'error', id: 'sign-in-error', role: 'alert' });
  const key = h('input', {
    id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', required: true,
    'aria-describedby': 'api-key-hint sign-in-error', spellcheck: 'false',
  });
  const oidcBox = h('div', { class: 'oidc' });
  const form = h('form', {
    class: 'card sign-in',
    onsubmit: async (event) => {
      event.preventDefault();
      fill(error);
      try {
        onSignedIn(await signInWithKey(key.value));
      } catch (e) {
        fill(error, e instanceof ApiError && e.status === 401
          ? 'That key was not accepted. Check it, or ask an admin for a new one.'
          : `Could not sign in: ${e.message}`);
        key.setAttribute('aria-invalid', 'true');
        key.focus();
      }
    },
  },
  h('label', { for: 'api-key', text: 'API key' }),
  key,
  h('p', { class: 'hint', id: 'api-key-hint' },
    'The stack prints an admin key at its first start ("Admin API key spk_…"), or use the key in SYNCPLAN_BOOTSTRAP_API_KEY. ',
    'It is kept in this browser tab only, until you sign out or close the tab.'),
  h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
  error,
  oidcBox);
  fill(main,
    h('h1', { text: 'Sign in to syncplan' }),
    message ? h('p', { class: 'notice', role: 'status', text: message }) : null,
    form);
  signInConfig().then((config) => {
    if (config && config.oidc) {
      const host = new URL(config.oidc.issuer).host;
      fill(oidcBox, h('p', { class: 'or', text: 'or' }),
        h('button', { type: 'button', onclick: () => startOidc(config.oidc).catch((e) => fill(error, e.message)) },
          `Sign in with ${host}`));
    }
  }).catch(() => {});
  return () => {};
}
