/**
 * Who is calling. The owner id is the `sub` claim that the authorizer verified (Cognito user pool authorizer in
 * the cloud, the local JWT verifier under `pnpm start`) and passed in `requestContext.authorizer.claims`; it is
 * never read from the body, the query or an unverified header.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { isOwnerId } from '../receipts/keys.js';
import { UnauthorizedError } from './errors.js';

export function ownerIdOf(event: APIGatewayProxyEvent): string {
  const claims: unknown = event.requestContext.authorizer?.claims;
  const sub = typeof claims === 'object' && claims !== null ? (claims as { sub?: unknown }).sub : undefined;
  if (typeof sub !== 'string' || sub.length === 0) throw new UnauthorizedError();
  // The owner id becomes an S3 key segment: refuse anything that could escape the owner's prefix.
  if (!isOwnerId(sub)) throw new UnauthorizedError('the token subject is not a valid user id');
  return sub;
}
