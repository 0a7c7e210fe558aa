/**
 * Attribute names of the receipts table that infra configures too (dependency-free, so the CDK app imports it).
 */

/** DynamoDB's time-to-live attribute (epoch seconds): PENDING records and quota counters expire by it. */
export const TTL_ATTRIBUTE = 'expiresAtEpoch';
