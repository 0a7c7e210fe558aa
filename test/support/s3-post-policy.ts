/**
 * What S3 does with a presigned POST form, for tests: s3rver accepts any POST without checking the policy, so the
 * tests check the policy the API signs against the rules S3 documents ("Creating a POST policy": exact-match
 * objects, ["eq"|"starts-with", "$field", value], ["content-length-range", min, max], expiration) and verify the
 * SigV4 signature over it.
 */
import { createHmac } from 'node:crypto';

export interface PostPolicy {
  expiration: string;
  conditions: unknown[];
}

export function decodePolicy(fields: Record<string, string>): PostPolicy {
  return JSON.parse(Buffer.from(fields.Policy ?? '', 'base64').toString('utf8')) as PostPolicy;
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** SigV4 of the base64 policy with the given secret (X-Amz-Credential carries date, region and service). */
export function signatureIsValid(fields: Record<string, string>, secretAccessKey: string): boolean {
  const [, date, region, service] = (fields['X-Amz-Credential'] ?? '').split('/');
  if (!date || !region || !service) return false;
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');
  return hmac(key, fields.Policy ?? '').toString('hex') === fields['X-Amz-Signature'];
}

/**
 * Whether S3 would accept a form with these fields and a file of `size` bytes at `now`: every condition must hold
 * (field names compare case-insensitively, as S3 does).
 */
export function policyAllows(
  policy: PostPolicy,
  form: Record<string, string>,
  size: number,
  now = new Date(),
): boolean {
  if (Date.parse(policy.expiration) <= now.getTime()) return false;
  const value = (name: string) =>
    Object.entries(form).find(([key]) => key.toLowerCase() === name.replace(/^\$/, '').toLowerCase())?.[1];
  return policy.conditions.every((condition) => {
    if (Array.isArray(condition)) {
      const [operator, field, expected] = condition as [string, string | number, string | number];
      if (operator === 'content-length-range') return size >= Number(field) && size <= Number(expected);
      if (operator === 'eq') return value(String(field)) === expected;
      if (operator === 'starts-with') return (value(String(field)) ?? '').startsWith(String(expected));
      return false;
    }
    return Object.entries(condition as Record<string, string>).every(
      ([name, expected]) => value(name) === expected,
    );
  });
}
