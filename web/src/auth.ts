/**
 * Who is signed in and the token the API gets. Locally: the stack's development users (config.json carries a
 * token per user; the header switches between them). In AWS: the Cognito hosted UI with the authorization code
 * flow and PKCE (a public client has no secret), the ID token kept for this tab only (sessionStorage).
 */
import type { CognitoAuth, WebConfig } from './config.js';

export interface Session {
  /** Shown in the header. */
  user: string;
  token: string;
  /** Local development users the header can switch to (empty in AWS). */
  users: string[];
}

const LOCAL_USER_KEY = 'receipt-ocr.localUser';
const ID_TOKEN_KEY = 'receipt-ocr.idToken';
const PKCE_KEY = 'receipt-ocr.pkce';

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

function claims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  try {
    return JSON.parse(atob(payload.replaceAll('-', '+').replaceAll('_', '/'))) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function localSession(config: WebConfig & { auth: { mode: 'local' } }, wanted?: string): Session {
  const users = config.auth.users;
  const chosen =
    users.find((user) => user.id === (wanted ?? localStorage.getItem(LOCAL_USER_KEY))) ?? users[0];
  if (!chosen) throw new Error('config.json lists no local users');
  localStorage.setItem(LOCAL_USER_KEY, chosen.id);
  return { user: chosen.id, token: chosen.token, users: users.map((user) => user.id) };
}

/** Sends the browser to the hosted UI; it comes back to `redirectUri` with `?code&state`. */
async function signInWithCognito(auth: CognitoAuth): Promise<never> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64Url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64Url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const url = new URL('/oauth2/authorize', auth.domain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: auth.redirectUri,
    scope: 'openid email',
    state,
    code_challenge_method: 'S256',
    code_challenge: challenge,
  }).toString();
  location.assign(url.toString());
  return new Promise<never>(() => {});
}

async function redeemCode(auth: CognitoAuth, code: string, state: string): Promise<string> {
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? '{}') as { verifier?: string; state?: string };
  sessionStorage.removeItem(PKCE_KEY);
  if (!saved.verifier || saved.state !== state)
    throw new Error('the sign-in answer does not match: sign in again');
  const response = await fetch(new URL('/oauth2/token', auth.domain), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: auth.clientId,
      code,
      redirect_uri: auth.redirectUri,
      code_verifier: saved.verifier,
    }),
  });
  if (!response.ok) throw new Error(`sign-in failed (HTTP ${response.status}): sign in again`);
  const tokens = (await response.json()) as { id_token?: string };
  if (!tokens.id_token) throw new Error('sign-in returned no ID token');
  return tokens.id_token;
}

async function cognitoSession(auth: CognitoAuth): Promise<Session> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (code) {
    sessionStorage.setItem(ID_TOKEN_KEY, await redeemCode(auth, code, params.get('state') ?? ''));
    history.replaceState(null, '', location.pathname + location.hash);
  }
  const token = sessionStorage.getItem(ID_TOKEN_KEY);
  const expiry = token ? Number(claims(token).exp ?? 0) * 1000 : 0;
  if (!token || expiry < Date.now() + 60_000) return signInWithCognito(auth);
  const who = claims(token);
  return { user: String(who.email ?? who['cognito:username'] ?? 'signed in'), token, users: [] };
}

export function startSession(config: WebConfig, wantedLocalUser?: string): Promise<Session> {
  return config.auth.mode === 'local'
    ? Promise.resolve(localSession({ ...config, auth: config.auth }, wantedLocalUser))
    : cognitoSession(config.auth);
}

export function signOut(config: WebConfig): void {
  if (config.auth.mode !== 'cognito') return;
  sessionStorage.removeItem(ID_TOKEN_KEY);
  const url = new URL('/logout', config.auth.domain);
  url.search = new URLSearchParams({
    client_id: config.auth.clientId,
    logout_uri: config.auth.redirectUri,
  }).toString();
  location.assign(url.toString());
}
