import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEV_BUCKET_ARN as BUCKET_ARN, DEV_TABLE_ARN as TABLE_ARN } from './support/arns.js';
import { buildApp, CDK_TEST_TIMEOUT_MS } from './support/build-app.js';
import { logicalIdOf, permissionsOfFunction } from './support/policies.js';

describe('processing stack (dev, default arm64)', { timeout: CDK_TEST_TIMEOUT_MS }, () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(buildApp('dev').stacks.processing);
  }, CDK_TEST_TIMEOUT_MS);

  it('runs the OCR container image on arm64 with the stage memory, timeout and the contract environment', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      PackageType: 'Image',
      Architectures: ['arm64'],
      MemorySize: 1769,
      Timeout: 180,
      ImageConfig: { Command: ['ocr/handler.handler'] },
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: {
          RECEIPTS_BUCKET: {
            'Fn::Join': ['', ['receipt-ocr-dev-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]],
          },
          RECEIPTS_TABLE: 'receipt-ocr-dev-receipts',
          RECEIPT_EVENT_BUS: { Ref: logicalIdOf(template, 'AWS::Events::EventBus', 'ReceiptEvents') },
          UPLOAD_PREFIX: 'uploads/',
          RESULTS_PREFIX: 'results/',
          MAX_UPLOAD_BYTES: '15728640',
          OCR_LANGUAGES: 'eng+spa+deu+fra+ita+por+nld',
          MAX_ATTEMPTS: '5',
          MIN_REMAINING_SECONDS_TO_START: '150',
          TESSDATA_PATH: '/opt/tessdata',
          UPLOAD_URL_TTL_SECONDS: '900',
          DAILY_RECEIPT_QUOTA: '200',
          PENDING_RECORD_TTL_SECONDS: '604800',
          RECORD_RETENTION_SECONDS: String(30 * 86_400),
          CORS_ALLOWED_ORIGINS: 'http://localhost:5173,http://127.0.0.1:3000',
          POWERTOOLS_SERVICE_NAME: 'receipt-ocr',
          POWERTOOLS_METRICS_NAMESPACE: 'ReceiptOcr',
          POWERTOOLS_LOG_LEVEL: 'DEBUG',
          POWERTOOLS_LOGGER_SAMPLE_RATE: '0',
          STAGE: 'dev',
        },
      },
    });
  });

  it('queues ObjectCreated events of the upload prefix only', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: {
        'Fn::Join': ['', ['receipt-ocr-dev-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]],
      },
      Managed: false,
      NotificationConfiguration: {
        QueueConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }] } },
            QueueArn: { 'Fn::GetAtt': [logicalIdOf(template, 'AWS::SQS::Queue', 'UploadsQueue'), 'Arn'] },
          },
        ],
      },
    });
  });

  it('lets only S3 send to the queue, over TLS, for a bucket of this account', () => {
    const queueId = logicalIdOf(template, 'AWS::SQS::Queue', 'UploadsQueue');
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
          }),
          {
            Effect: 'Deny',
            Principal: { Service: 's3.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: { 'Fn::GetAtt': [queueId, 'Arn'] },
            Condition: { StringNotEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ]),
      },
    });
  });

  it('redrives to an encrypted dead-letter queue after 5 receives, visibility 6x the function timeout', () => {
    const dlqId = logicalIdOf(template, 'AWS::SQS::Queue', 'UploadsDeadLetterQueue');
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 1080,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: 5 },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      MessageRetentionPeriod: 1_209_600,
      SqsManagedSseEnabled: true,
      RedrivePolicy: Match.absent(),
    });
  });

  it('consumes the queue in batches with partial batch failures and a maximum concurrency', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(template, 'AWS::SQS::Queue', 'UploadsQueue'), 'Arn'] },
      FunctionName: { Ref: logicalIdOf(template, 'AWS::Lambda::Function', 'OcrFunction') },
      BatchSize: 4,
      MaximumBatchingWindowInSeconds: 2,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });

  it('grants the OCR function exactly: read uploads, write and clean results, its record, consume its queue', () => {
    const queue = `<${logicalIdOf(template, 'AWS::SQS::Queue', 'UploadsQueue')}.Arn>`;
    const table = [TABLE_ARN, `${TABLE_ARN}/index/*`];
    const tableActions = ['GetItem', 'PutItem'];
    expect(
      permissionsOfFunction(template, logicalIdOf(template, 'AWS::Lambda::Function', 'OcrFunction')),
    ).toEqual(
      [
        ...tableActions.flatMap((action) => table.map((arn) => `dynamodb:${action} ${arn}`)),
        `events:PutEvents <${logicalIdOf(template, 'AWS::Events::EventBus', 'ReceiptEvents')}.Arn> when {"StringEquals":{"events:source":"receipt-ocr","events:detail-type":"ReceiptSettled"}}`,
        'logs:CreateLogStream <own log group>',
        'logs:PutLogEvents <own log group>',
        `s3:DeleteObject ${BUCKET_ARN}/results/*`,
        `s3:GetObject ${BUCKET_ARN}/uploads/*`,
        `s3:GetObjectVersion ${BUCKET_ARN}/uploads/*`,
        `s3:ListBucket ${BUCKET_ARN} when {"StringLike":{"s3:prefix":["uploads/*"]}}`,
        `s3:PutObject ${BUCKET_ARN}/results/*`,
        ...[
          'ChangeMessageVisibility',
          'DeleteMessage',
          'GetQueueAttributes',
          'GetQueueUrl',
          'ReceiveMessage',
        ].map((action) => `sqs:${action} ${queue}`),
        'xray:PutTelemetryRecords *',
        'xray:PutTraceSegments *',
      ].sort(),
    );
  });

  it('has a bus of its own for the ReceiptSettled events, named after the stage', () => {
    template.hasResourceProperties('AWS::Events::EventBus', {
      Name: 'receipt-ocr-dev-receipts',
      Description: 'receipt-ocr: ReceiptSettled, one event per settled receipt',
    });
    template.hasOutput('ReceiptEventBusName', {
      Value: { Ref: logicalIdOf(template, 'AWS::Events::EventBus', 'ReceiptEvents') },
    });
  });

  it('keeps the function logs for the stage retention', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 14 });
  });
});

describe('processing stack with -c architecture=x86_64 -c baseImageDigest=... -c languages=eng+deu', {
  timeout: CDK_TEST_TIMEOUT_MS,
}, () => {
  it("builds the image for x86_64 on the pinned base image digest, with the stage's languages only", () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    const { app, stacks } = buildApp('dev', {
      architecture: 'x86_64',
      baseImageDigest: digest,
      languages: 'eng+deu',
    });
    const template = Template.fromStack(stacks.processing);
    template.hasResourceProperties('AWS::Lambda::Function', {
      PackageType: 'Image',
      Architectures: ['x86_64'],
      // The models the image ships are the ones the function reads with.
      Environment: {
        Variables: Match.objectLike({ OCR_LANGUAGES: 'eng+deu', TESSDATA_PATH: '/opt/tessdata' }),
      },
    });
    const assembly = app.synth();
    const assets = JSON.parse(
      readFileSync(path.join(assembly.directory, `${stacks.processing.artifactId}.assets.json`), 'utf8'),
    ) as { dockerImages: Record<string, { source: { dockerFile: string; platform: string } }> };
    expect(Object.values(assets.dockerImages).map((image) => image.source)).toEqual([
      expect.objectContaining({
        dockerFile: 'Dockerfile.lambda',
        platform: 'linux/amd64',
        dockerBuildArgs: { OCR_LANGUAGES: 'eng+deu', LAMBDA_BASE_DIGEST: digest },
      }),
    ]);
  });
});

describe('processing stack (prod): sized by the capacity model, kept on deletion', {
  timeout: CDK_TEST_TIMEOUT_MS,
}, () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(buildApp('prod').stacks.processing);
  }, CDK_TEST_TIMEOUT_MS);

  it('reserves 120 functions for the queue and lets the queue drive all of them', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      ImageConfig: { Command: ['ocr/handler.handler'] },
      ReservedConcurrentExecutions: 120,
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      ScalingConfig: { MaximumConcurrency: 120 },
    });
  });

  it('keeps both queues, their messages and the function log when the stack is deleted', () => {
    const queues = Object.values(template.findResources('AWS::SQS::Queue'));
    expect(queues).toHaveLength(2);
    for (const queue of queues) {
      expect(queue).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: { RetentionInDays: 90 },
    });
  });
});
