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
  /**
   * DynamoDB's time-to-live attribute (epoch seconds): PENDING records, quota counters, and every record and
   * fingerprint at the end of the retention horizon expire by it.
   */
  ttl: 'expiresAtEpoch',
} as const;

/**
 * What the owner index copies besides its keys: the attributes the list filters test (status, effective date,
 * lower-cased merchant). A list reads the page's records from the table by key, so the index stays small and a
 * record write that changes none of these costs the index nothing (docs/deploy.md, cost).
 */
export const OWNER_INDEX_ATTRIBUTES = ['status', 'searchDate', 'searchMerchant'] as const;
