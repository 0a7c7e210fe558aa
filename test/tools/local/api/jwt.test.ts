/** The local Cognito stand-in: a persisted development key, Cognito-shaped claims, strict verification. */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { keyFileIn, LOCAL_AUDIENCE, LOCAL_ISSUER, localSigner } from '../../../../tools/local/api/jwt.js';

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'receipt-ocr-jwt-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

it('creates the key once, private to the user, and later signers reuse it', async () => {
  const first = await localSigner(dataDir);
  const token = await first.sign('alice');
  const key = await readFile(keyFileIn(dataDir), 'utf8');
  expect((await stat(keyFileIn(dataDir))).mode & 0o777).toBe(0o600);

  const second = await localSigner(dataDir);
  expect(await readFile(keyFileIn(dataDir), 'utf8')).toBe(key);
  const claims = await second.verify(token);
  expect(claims).toMatchObject({
    sub: 'alice',
    'cognito:username': 'alice',
    token_use: 'id',
    iss: LOCAL_ISSUER,
    aud: LOCAL_AUDIENCE,
  });
  // The Cognito authorizer passes every claim as a string.
  for (const value of Object.values(claims)) expect(typeof value).toBe('string');
});

it('refuses user ids that could not be an owner prefix', async () => {
  const signer = await localSigner(dataDir);
  await expect(signer.sign('../bob')).rejects.toThrow(/not a valid user id/);
  await expect(signer.sign('')).rejects.toThrow(/not a valid user id/);
});

it('rejects a tampered token', async () => {
  const signer = await localSigner(dataDir);
  const [header, payload, signature] = (await signer.sign('alice')).split('.');
  const forgedPayload = Buffer.from(
    JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), sub: 'bob' }),
  ).toString('base64url');
  await expect(signer.verify(`${header}.${forgedPayload}.${signature}`)).rejects.toThrow();
});

it.each([
  ['no expiry', { sub: 'alice' }, (jwt: SignJWT) => jwt],
  ['a subject that is not a string', { sub: ['alice'] }, (jwt: SignJWT) => jwt.setExpirationTime('1h')],
])('rejects a token signed with the development key but with %s', async (_name, claims, complete) => {
  // Prepare: the real key signs a token the local signer itself would never issue
  const signer = await localSigner(dataDir);
  const privateJwk = JSON.parse(await readFile(keyFileIn(dataDir), 'utf8')) as JWK;
  const payload = { token_use: 'id', ...claims } as JWTPayload;
  const token = await complete(
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid ?? 'local' })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt(),
  ).sign(await importJWK(privateJwk, 'ES256'));

  // Act / Assess
  await expect(signer.verify(token)).rejects.toThrow();
});
