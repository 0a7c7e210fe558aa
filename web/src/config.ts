/**
 * What the page needs to know about where it runs, read from `config.json` beside index.html: the local stack
 * writes it per request (with tokens for its development users), the CDK construct deploys it (API URL, Cognito
 * hosted UI). One build serves both.
 */
export interface LocalAuth {
  mode: 'local';
  /** Development users with ready tokens (the local authorizer's); the page offers a switcher. */
  users: { id: string; token: string }[];
}

export interface CognitoAuth {
  mode: 'cognito';
  /** The user pool's hosted UI, e.g. https://receipts.auth.eu-west-1.amazoncognito.com */
  domain: string;
  clientId: string;
  /** Where the hosted UI sends the user back (this page's URL, registered on the app client). */
  redirectUri: string;
}

export interface WebConfig {
  /** The REST API's base URL, without a trailing slash. */
  apiUrl: string;
  auth: LocalAuth | CognitoAuth;
}

function isConfig(value: unknown): value is WebConfig {
  if (typeof value !== 'object' || value === null) return false;
  const { apiUrl, auth } = value as Partial<WebConfig>;
  if (typeof apiUrl !== 'string' || typeof auth !== 'object' || auth === null) return false;
  if (auth.mode === 'local') return Array.isArray(auth.users);
  return auth.mode === 'cognito' && typeof auth.domain === 'string' && typeof auth.clientId === 'string';
}

export async function loadConfig(): Promise<WebConfig> {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json could not be read (HTTP ${response.status})`);
  const config: unknown = await response.json();
  if (!isConfig(config)) throw new Error('config.json is not a receipt-ocr web configuration');
  return { ...config, apiUrl: config.apiUrl.replace(/\/+$/, '') };
}
