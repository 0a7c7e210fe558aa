/** Adapters: the receipt domain's ports on DynamoDB, S3, SQS and EventBridge (and in memory for tests). */
export * from './cursor.js';
export * from './dynamodb-quota-counter.js';
export * from './dynamodb-receipt-repository.js';
export * from './dynamodb-table.js';
export * from './eventbridge-receipt-events.js';
export * from './memory-receipt-repository.js';
export * from './s3-object-store.js';
export * from './sqs-receipt-queue.js';
