import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';

/** What a function may do with objects under given prefixes. */
export interface ObjectAccess {
  /** `s3:GetObject` (also what HeadObject and presigned GETs need). */
  readonly read?: readonly string[];
  /** `s3:PutObject` (also what presigned POST uploads are signed for). */
  readonly write?: readonly string[];
  /** `s3:DeleteObject`. */
  readonly delete?: readonly string[];
}

/**
 * Object-level S3 grants scoped to key prefixes. Hand-written instead of `bucket.grantRead(fn, 'prefix/*')`
 * because the CDK grants add `s3:List*` and `s3:GetBucket*` on the whole bucket and wildcard actions
 * (`s3:GetObject*`, `s3:DeleteObject*`); no function here lists the bucket or needs object versions or ACLs.
 */
export function grantObjectAccess(grantee: iam.IGrantable, bucket: s3.IBucket, access: ObjectAccess): void {
  const statements: Array<[string, readonly string[] | undefined]> = [
    ['s3:GetObject', access.read],
    ['s3:PutObject', access.write],
    ['s3:DeleteObject', access.delete],
  ];
  for (const [action, prefixes] of statements) {
    if (prefixes === undefined || prefixes.length === 0) continue;
    for (const prefix of prefixes) {
      if (!/^[\w-]+\/$/.test(prefix)) throw new Error(`grantObjectAccess: "${prefix}" is not a key prefix`);
    }
    iam.Grant.addToPrincipal({
      grantee,
      actions: [action],
      resourceArns: prefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`)),
    });
  }
}
