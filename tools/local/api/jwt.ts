/**
 * The local stand-in for the Cognito user pool: an ES256 development key pair, generated on first use and kept
 * under the data folder (git-ignored), signs tokens for any user id; the local API server verifies them with jose
 * and hands the handlers the same `requestContext.authorizer.claims` shape the Cognito authorizer produces.
 * Development only: anyone with the data folder can mint tokens.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { isOwnerId } from '../../../functions/receipts/keys.js';

export const LOCAL_ISSUER = 'receipt-ocr-local';
/** Cognito ID tokens carry the app client id as audience. */
export const LOCAL_AUDIENCE = 'receipt-ocr-local-client';
const ALGORITHM = 'ES256';
const DEFAULT_TTL_SECONDS = 24 * 60 * 60;

export const keyFileIn = (dataDir: string) => join(dataDir, 'api-jwt-key.json');

export interface LocalSigner {
  /**
   * A Cognito-like ID token for `userId` (its `sub`), valid `ttlSeconds` from `issuedAt` (default: now), so a test
   * gets an already-expired token without waiting.
   */
  sign(userId: string, options?: { ttlSeconds?: number; issuedAt?: Date }): Promise<string>;
  /** Claims of a valid token, as strings (the Cognito authorizer's shape); throws on anything invalid. */
  verify(token: string): Promise<Record<string, string>>;
}

async function loadOrCreateKey(file: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  try {
    const privateJwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
    const { d: _secret, ...publicJwk } = privateJwk;
    return { privateJwk, publicJwk };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), alg: ALGORITHM, kid: `local-${Date.now()}` };
  await mkdir(dirname(file), { recursive: true });
  // `wx`: never overwrite a key another process just wrote (tokens it printed would stop working).
  await writeFile(file, `${JSON.stringify(privateJwk, null, 2)}\n`, { mode: 0o600, flag: 'wx' }).catch(
    async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    },
  );
  return loadOrCreateKey(file);
}

/** Claims as the API Gateway Cognito authorizer passes them: every value a string. */
function asClaims(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : String(value),
    ]),
  );
}

export async function localSigner(dataDir: string): Promise<LocalSigner> {
  const { privateJwk, publicJwk } = await loadOrCreateKey(keyFileIn(dataDir));
  const privateKey = await importJWK(privateJwk, ALGORITHM);
  const publicKey = await importJWK(publicJwk, ALGORITHM);
  return {
    async sign(userId, options = {}) {
      if (!isOwnerId(userId)) {
        throw new Error(
          `"${userId}" is not a valid user id: letters, digits and . _ @ + = : - (1-128 chars)`,
        );
      }
      const issuedAt = Math.floor((options.issuedAt ?? new Date()).getTime() / 1000);
      return new SignJWT({ token_use: 'id', 'cognito:username': userId })
        .setProtectedHeader({ alg: ALGORITHM, kid: privateJwk.kid ?? 'local' })
        .setSubject(userId)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + (options.ttlSeconds ?? DEFAULT_TTL_SECONDS))
        .sign(privateKey);
    },
    async verify(token) {
      // Like Cognito's: a token without an expiry is refused, and the subject is a string (a `["alice"]` once
      // passed as alice through the claims' string conversion).
      const { payload } = await jwtVerify(token, publicKey, {
        issuer: LOCAL_ISSUER,
        audience: LOCAL_AUDIENCE,
        algorithms: [ALGORITHM],
        requiredClaims: ['exp', 'sub'],
      });
      if (payload.token_use !== 'id') throw new Error('not an ID token');
      if (typeof payload.sub !== 'string') throw new Error('the subject is not a string');
      return asClaims(payload);
    },
  };
}
