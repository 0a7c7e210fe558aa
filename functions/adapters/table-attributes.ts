/**
 * Attribute names of the receipts table that infra configures too (dependency-free, so the CDK app imports it).
 */

/** DynamoDB's time-to-live attribute (epoch seconds): PENDING records and quota counters expire by it. */
export const TTL_ATTRIBUTE = 'expiresAtEpoch';

/**
 * What the owner index copies besides its keys: the attributes the list filters test (status, effective date,
 * lower-cased merchant). A list reads the page's records from the table by key, so the index stays small and a
 * record write that changes none of these costs the index nothing (docs/deploy.md, cost).
 */
export const OWNER_INDEX_ATTRIBUTES = ['status', 'searchDate', 'searchMerchant'] as const;
