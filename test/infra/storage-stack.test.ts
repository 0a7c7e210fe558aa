import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRIVATE_ENCRYPTED_BUCKET } from './support/buckets.js';
import { buildApp, CDK_TEST_TIMEOUT_MS } from './support/build-app.js';

describe.each([
  {
    stage: 'dev',
    retentionDays: 30,
    tiering: undefined,
    deletionPolicy: 'Delete',
    origins: ['http://localhost:5173', 'http://127.0.0.1:3000'],
  },
  {
    stage: 'prod',
    retentionDays: 365,
    tiering: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
    deletionPolicy: 'Retain',
    origins: ['https://receipts.acme-corp.io'],
  },
])(
  'storage stack ($stage)',
  { timeout: CDK_TEST_TIMEOUT_MS },
  ({ stage, retentionDays, tiering, deletionPolicy, origins }) => {
    let template: Template;
    beforeAll(() => {
      template = Template.fromStack(buildApp(stage).stacks.storage);
    }, CDK_TEST_TIMEOUT_MS);

    it('makes the receipts bucket private, encrypted, versioned, logged, with images and OCR output expiring', () => {
      template.hasResource('AWS::S3::Bucket', {
        DeletionPolicy: deletionPolicy,
        Properties: {
          BucketName: {
            'Fn::Join': [
              '',
              [`receipt-ocr-${stage}-`, { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }],
            ],
          },
          ...PRIVATE_ENCRYPTED_BUCKET,
          VersioningConfiguration: { Status: 'Enabled' },
          LoggingConfiguration: {
            DestinationBucketName: Match.anyValue(),
            LogFilePrefix: 'receipts-bucket/',
          },
          LifecycleConfiguration: {
            Rules: Match.arrayWith([
              {
                Id: 'expire-images',
                Prefix: 'uploads/',
                ExpirationInDays: retentionDays,
                ...(tiering ? { Transitions: tiering } : {}),
                Status: 'Enabled',
              },
              {
                Id: 'expire-results',
                Prefix: 'results/',
                ExpirationInDays: retentionDays,
                Status: 'Enabled',
              },
              Match.objectLike({
                Id: 'purge-old-versions',
                NoncurrentVersionExpiration: { NoncurrentDays: 7 },
              }),
            ]),
          },
        },
      });
    });

    it('lets the configured web origins upload with the presigned POST and read images', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        CorsConfiguration: {
          CorsRules: [
            {
              AllowedOrigins: origins,
              AllowedMethods: ['POST', 'GET'],
              AllowedHeaders: ['Content-Type'],
              ExposedHeaders: ['ETag'],
              MaxAge: 3600,
            },
          ],
        },
      });
    });

    it('denies every request that is not TLS on both buckets', () => {
      const policies = template.findResources('AWS::S3::BucketPolicy');
      expect(Object.keys(policies)).toHaveLength(2);
      for (const policy of Object.values(policies)) {
        expect(policy).toMatchObject({
          Properties: {
            PolicyDocument: {
              Statement: expect.arrayContaining([
                expect.objectContaining({
                  Effect: 'Deny',
                  Action: 's3:*',
                  Principal: { AWS: '*' },
                  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
                }),
              ]),
            },
          },
        });
      }
    });

    it('creates the single table with the contract keys, GSI1, on-demand, encrypted, with PITR', () => {
      template.hasResource('AWS::DynamoDB::GlobalTable', {
        DeletionPolicy: deletionPolicy,
        Properties: {
          TableName: `receipt-ocr-${stage}-receipts`,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [
            { AttributeName: 'PK', KeyType: 'HASH' },
            { AttributeName: 'SK', KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: [
            {
              IndexName: 'GSI1',
              KeySchema: [
                { AttributeName: 'GSI1PK', KeyType: 'HASH' },
                { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
              ],
              Projection: {
                ProjectionType: 'INCLUDE',
                NonKeyAttributes: ['status', 'searchDate', 'searchMerchant'],
              },
            },
          ],
          SSESpecification: { SSEEnabled: true },
          // Records on the retention horizon (PENDING ones sooner), quota counters and fingerprints expire.
          TimeToLiveSpecification: { AttributeName: 'expiresAtEpoch', Enabled: true },
          Replicas: [
            Match.objectLike({
              PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
              DeletionProtectionEnabled: stage === 'prod',
            }),
          ],
        },
      });
    });

    it('outputs the bucket and table names', () => {
      template.hasOutput('BucketName', { Value: { Ref: Match.stringLikeRegexp('^ReceiptsBucket') } });
      template.hasOutput('TableName', { Value: { Ref: Match.stringLikeRegexp('^ReceiptsTable') } });
    });
  },
);
