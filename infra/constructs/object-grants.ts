import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { requirePrefix } from './validate.js';

/** What a function may do with objects under given prefixes. */
export interface ObjectAccess {
  /**
   * `s3:GetObject` and `s3:GetObjectVersion` (HeadObject and presigned GETs too; the pipeline reads the exact
   * version an S3 event names).
   */
  readonly read?: readonly string[];
  /** `s3:PutObject` (also what presigned POST uploads are signed for). */
  readonly write?: readonly string[];
  /** `s3:DeleteObject`. */
  readonly delete?: readonly string[];
  /**
   * `s3:ListBucket` on the bucket, without which S3 answers 403 instead of 404 for a missing key, limited by an
   * `s3:prefix` condition to the `read` prefixes (S3 evaluates a missing key's 404 with the key as the prefix).
   * Only for functions that can read every object under their prefixes anyway (listing reveals no more than that).
   * @default false
   */
  readonly list?: boolean;
}

/**
 * Object-level S3 grants scoped to key prefixes. Hand-written instead of `bucket.grantRead(fn, 'prefix/*')`
 * because the CDK grants add `s3:List*` and `s3:GetBucket*` on the whole bucket and wildcard actions
 * (`s3:GetObject*`, `s3:DeleteObject*`, which include ACLs, tagging and deleting versions for good).
 */
export function grantObjectAccess(grantee: iam.IGrantable, bucket: s3.IBucket, access: ObjectAccess): void {
  const statements: Array<[string[], readonly string[] | undefined]> = [
    [['s3:GetObject', 's3:GetObjectVersion'], access.read],
    [['s3:PutObject'], access.write],
    [['s3:DeleteObject'], access.delete],
  ];
  for (const [actions, prefixes] of statements) {
    if (prefixes === undefined || prefixes.length === 0) continue;
    for (const prefix of prefixes) requirePrefix('grantObjectAccess prefix', prefix);
    iam.Grant.addToPrincipal({
      grantee,
      actions,
      resourceArns: prefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`)),
    });
  }
  if (access.list === true) {
    if (access.read === undefined || access.read.length === 0) {
      throw new Error('grantObjectAccess: list needs the read prefixes it is limited to');
    }
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': access.read.map((prefix) => `${prefix}*`) } },
      }),
    );
  }
}
