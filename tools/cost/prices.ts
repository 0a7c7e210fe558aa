/**
 * AWS list prices the cost model uses: us-east-1, on-demand, first tier, without free tiers (as published on the
 * services' pricing pages; check your region and date). Units are in the names.
 */
export const PRICES = {
  lambdaGbSecond: { arm64: 0.000_013_333_4, x86_64: 0.000_016_666_7 },
  lambdaPerMillionRequests: 0.2,
  apiGatewayRestPerMillion: 3.5,
  s3PutPer1000: 0.005,
  s3GetPer1000: 0.0004,
  s3StandardGbMonth: 0.023,
  s3StandardIaGbMonth: 0.0125,
  s3GlacierIrGbMonth: 0.004,
  /** Lifecycle transition requests, per 1,000 objects moved. */
  s3TransitionToStandardIaPer1000: 0.01,
  s3TransitionToGlacierIrPer1000: 0.02,
  dynamoDbPerMillionWrites: 0.625,
  dynamoDbPerMillionReads: 0.125,
  dynamoDbStorageGbMonth: 0.25,
  dynamoDbPitrGbMonth: 0.2,
  sqsPerMillionRequests: 0.4,
  logsIngestedGb: 0.5,
  logsStoredGbMonth: 0.03,
  xrayPerMillionTraces: 5,
  /** Custom events published to an event bus (each 64 KB chunk of an entry counts as one). */
  eventBridgeCustomPerMillion: 1,
  wafWebAclMonth: 5,
  wafRuleMonth: 1,
  wafPerMillionRequests: 0.6,
  kmsKeyMonth: 1,
  cloudWatchAlarmMonth: 0.1,
  cloudWatchDashboardMonth: 3,
} as const;
