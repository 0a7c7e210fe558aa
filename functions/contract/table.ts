/**
 * The receipts table's physical names: the DynamoDB adapter reads and writes them, the CDK construct and the
 * local stack create them, the monitoring stack watches the index. Changing one here changes all of them.
 */
export const RECEIPTS_TABLE_KEYS = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** The index that lists one owner's receipts newest first. */
  ownerIndex: 'GSI1',
  ownerPartitionKey: 'GSI1PK',
  ownerSortKey: 'GSI1SK',
  /** DynamoDB's time-to-live attribute (epoch seconds): PENDING records and quota counters expire by it. */
  ttl: 'expiresAtEpoch',
} as const;
