// Signing in: an API key, or OpenID Connect (authorization code with PKCE) where the server names
// an issuer and a client id for the console. The token lives in this tab's sessionStorage only.

import { api, setToken, token } from './api.js';

const OIDC = 'syncplan.oidc';

export async function signInWithKey(key) {
  setToken(key.trim());
  try {
    return await api('/auth/me', { quietAuth: true });
  } catch (e) {
    setToken(null);
    throw e;
  }
}

export async function currentUser() {
  if (!token()) return null;
  try {
    return await api('/auth/me', { quietAuth: true });
  } catch (e) {
    if (e.status === 401 || e.status === 403) setToken(null);
    throw e;
  }
}

export function signOut() {
  setToken(null);
  sessionStorage.removeItem(OIDC);
}

export async function signInConfig() {
  return api('/auth/config', { quietAuth: true });
}

function base64url(bytes) {
  let text = '';
  for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function discovery(issuer) {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { credentials: 'omit' });
  if (!response.ok) throw new Error(`The issuer's discovery document answered ${response.status}`);
  return response.json();
}

function redirectUri() {
  return `${window.location.origin}/`;
}

/** Sends the browser to the issuer; it comes back to the console with a code. */
export async function startOidc(oidc) {
  const metadata = await discovery(oidc.issuer);
  const verifier = random();
  const state = random();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(OIDC, JSON.stringify({ verifier, state, tokenEndpoint: metadata.token_endpoint, clientId: oidc.clientId }));
  const url = new URL(metadata.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: redirectUri(),
    scope: oidc.scopes || 'openid',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** When the issuer sent the browser back with a code: trades it for a token. True when signed in. */
export async function finishOidc() {
  const params = new URLSearchParams(window.location.search);
  if (!params.has('code') && !params.has('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(OIDC) || 'null');
  sessionStorage.removeItem(OIDC);
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.hash || '#/'}`);
  if (params.has('error')) throw new Error(`The issuer refused: ${params.get('error_description') || params.get('error')}`);
  if (!pending || pending.state !== params.get('state')) throw new Error('The sign-in answer does not match a sign-in this tab started.');
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    credentials: 'omit',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri(),
      client_id: pending.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`The issuer's token endpoint answered ${response.status}`);
  const tokens = await response.json();
  setToken(tokens.access_token);
  return true;
}
