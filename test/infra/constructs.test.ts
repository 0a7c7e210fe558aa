import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { AlarmTopic } from '../../infra/constructs/alarm-topic.js';
import { ApiUserPool } from '../../infra/constructs/api-user-pool.js';
import { retainedLogGroup } from '../../infra/constructs/log-group.js';
import { grantObjectAccess } from '../../infra/constructs/object-grants.js';
import { OcrImageFunction } from '../../infra/constructs/ocr-image-function.js';
import { ReceiptsBucket } from '../../infra/constructs/receipts-bucket.js';
import { ReceiptsRestApi } from '../../infra/constructs/receipts-rest-api.js';
import { UploadQueue } from '../../infra/constructs/upload-queue.js';

const freshStack = () => new Stack(new App(), 'Test');
/** A receipts bucket with valid props but the ones given. */
const receiptsBucket = (stack: Stack, props: Partial<ConstructorParameters<typeof ReceiptsBucket>[2]>) =>
  new ReceiptsBucket(stack, 'B', {
    uploadPrefix: 'uploads/',
    resultsPrefix: 'results/',
    retentionDays: 30,
    ...props,
  });
const someFunction = (stack: Stack) =>
  new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {}'),
  });

describe('construct props are validated before anything is built', () => {
  it.each([
    [
      'a receipts bucket with a prefix that is not one',
      (stack: Stack) => receiptsBucket(stack, { uploadPrefix: '/uploads' }),
      /uploadPrefix must be a key prefix/,
    ],
    [
      'receipts that never expire',
      (stack: Stack) => receiptsBucket(stack, { retentionDays: 0 }),
      /retentionDays must be a positive integer/,
    ],
    [
      'images tiered sooner than S3 allows',
      (stack: Stack) =>
        receiptsBucket(stack, {
          retentionDays: 365,
          imageTiering: { storageClass: 'STANDARD_IA', afterDays: 7 },
        }),
      /afterDays must be an integer of at least 30/,
    ],
    [
      'images tiered after they expired',
      (stack: Stack) =>
        receiptsBucket(stack, { imageTiering: { storageClass: 'GLACIER_IR', afterDays: 30 } }),
      /afterDays must be less than retentionDays/,
    ],
    [
      'a wildcard browser origin',
      (stack: Stack) => receiptsBucket(stack, { retentionDays: 1, browserOrigins: ['*'] }),
      /no "\*"/,
    ],
    [
      'a queue concurrency SQS refuses',
      (stack: Stack) =>
        new UploadQueue(stack, 'Q', {
          bucket: new s3.Bucket(stack, 'B'),
          uploadPrefix: 'uploads/',
          consumer: someFunction(stack),
          consumerTimeoutSeconds: 60,
          maxConcurrency: 1,
        }),
      /maxConcurrency must be an integer in 2\.\.1000/,
    ],
    [
      'an image command that is not module.export',
      (stack: Stack) =>
        new OcrImageFunction(stack, 'F', {
          command: 'handler',
          architecture: 'arm64',
          languages: 'eng',
          memoryMiB: 1769,
          timeoutSeconds: 60,
          environment: {},
          logRetentionDays: 14,
        }),
      /command must look like "ocr\/handler.handler"/,
    ],
    [
      'a base image digest that is a tag',
      (stack: Stack) =>
        new OcrImageFunction(stack, 'F', {
          command: 'ocr/handler.handler',
          architecture: 'arm64',
          languages: 'eng',
          memoryMiB: 1769,
          timeoutSeconds: 60,
          environment: {},
          logRetentionDays: 14,
          baseImageDigest: 'latest',
        }),
      /baseImageDigest must be sha256/,
    ],
    [
      'a language without its traineddata package',
      (stack: Stack) =>
        new OcrImageFunction(stack, 'F', {
          command: 'ocr/handler.handler',
          architecture: 'arm64',
          languages: 'eng+jpn',
          memoryMiB: 1769,
          timeoutSeconds: 60,
          environment: {},
          logRetentionDays: 14,
        }),
      /languages: no traineddata package for jpn; add @tesseract.js-data\/jpn to the dependencies/,
    ],
    [
      'languages that are not Tesseract codes',
      (stack: Stack) =>
        new OcrImageFunction(stack, 'F', {
          command: 'ocr/handler.handler',
          architecture: 'arm64',
          languages: 'English',
          memoryMiB: 1769,
          timeoutSeconds: 60,
          environment: {},
          logRetentionDays: 14,
        }),
      /languages must be Tesseract language codes joined by "\+"/,
    ],
    [
      'an API allowing every origin',
      (stack: Stack) =>
        new ReceiptsRestApi(stack, 'A', {
          apiName: 'a',
          stageName: 'test',
          userPool: new cognito.UserPool(stack, 'P'),
          corsAllowedOrigins: ['*'],
          throttlingRateLimit: 1,
          throttlingBurstLimit: 1,
          logRetentionDays: 14,
        }),
      /corsAllowedOrigins must list explicit origins/,
    ],
    [
      'an alarm email that is not one',
      (stack: Stack) => new AlarmTopic(stack, 'T', { email: 'ops' }),
      /not an email address/,
    ],
    [
      'a log retention CloudWatch does not offer',
      (stack: Stack) => retainedLogGroup(stack, 'L', 15, RemovalPolicy.DESTROY),
      /15 days is not one CloudWatch Logs offers/,
    ],
    [
      'an object grant on something that is not a prefix',
      (stack: Stack) => grantObjectAccess(someFunction(stack), new s3.Bucket(stack, 'B'), { read: ['*'] }),
      /grantObjectAccess prefix must be a key prefix .*, got "\*"/,
    ],
  ])('refuses %s', (_name, build, message) => {
    expect(() => build(freshStack())).toThrow(message);
  });
});

describe('ApiUserPool', () => {
  it('imports an existing pool by id without creating one', () => {
    const stack = freshStack();
    const users = new ApiUserPool(stack, 'Users', {
      mode: 'import',
      userPoolId: 'eu-west-1_AbC123',
      userPoolClientId: 'client-1',
    });
    expect(users.createdPool).toBeUndefined();
    expect(users.userPool.userPoolId).toBe('eu-west-1_AbC123');
    expect(users.userPoolClientId).toBe('client-1');
    Template.fromStack(stack).resourceCountIs('AWS::Cognito::UserPool', 0);
  });
});

describe('AlarmTopic', () => {
  it('subscribes a pager webhook over HTTPS', () => {
    const stack = freshStack();
    const url = 'https://events.pagerduty.com/integration/abc/enqueue';
    new AlarmTopic(stack, 'Alarms', { webhookUrl: url });
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'https',
      Endpoint: url,
    });
  });

  it('refuses a topic nobody is subscribed to when a subscriber is required', () => {
    expect(() => new AlarmTopic(freshStack(), 'Alarms', { requireSubscriber: true })).toThrow(
      /no subscriber: set email or webhookUrl/,
    );
  });
});
