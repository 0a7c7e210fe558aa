import type { RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * A log group with an explicit retention. Created next to its function instead of Lambda's implicit one, which
 * never expires and survives the stack.
 */
export function retainedLogGroup(
  scope: Construct,
  id: string,
  retentionDays: number,
  removalPolicy: RemovalPolicy,
): logs.LogGroup {
  const retention = Object.values(logs.RetentionDays).find(
    (value): value is logs.RetentionDays => typeof value === 'number' && value === retentionDays,
  );
  if (retention === undefined) {
    throw new Error(
      `log retention of ${retentionDays} days is not one CloudWatch Logs offers (e.g. 7, 14, 30, 90)`,
    );
  }
  return new logs.LogGroup(scope, id, { retention, removalPolicy });
}
