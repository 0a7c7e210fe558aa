import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';

/** One thing a function may do with the receipts table: an item action, or a query of the owner index. */
export type TableAccess =
  | 'GetItem'
  | 'BatchGetItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'QueryOwnerIndex';

/**
 * Exactly the DynamoDB actions a function's routes call, on the table (items) and on the one index it queries.
 * Hand-written instead of `grantReadData`/`grantWriteData`: those add Scan, BatchGetItem, BatchWriteItem,
 * ConditionCheckItem and the stream actions, on the table and on `index/*`.
 */
export function grantTableAccess(
  grantee: iam.IGrantable,
  table: dynamodb.ITableV2,
  indexName: string,
  access: readonly TableAccess[],
): void {
  const itemActions = access.filter((each) => each !== 'QueryOwnerIndex').map((each) => `dynamodb:${each}`);
  if (itemActions.length > 0) {
    iam.Grant.addToPrincipal({ grantee, actions: itemActions, resourceArns: [table.tableArn] });
  }
  if (access.includes('QueryOwnerIndex')) {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:Query'],
      resourceArns: [`${table.tableArn}/index/${indexName}`],
    });
  }
}
