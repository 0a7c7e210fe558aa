/**
 * The one factory for AWS SDK v3 clients. Entry points call it once at module scope and reuse the clients for
 * every invocation (connection reuse, no per-request setup). The same code talks to AWS or to the local servers:
 * only the endpoints differ.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type AwsEndpoints, loadAwsEndpoints } from './config.js';

export interface AwsClients {
  s3: S3Client;
  /** Document client: plain JS values in and out, undefined attributes dropped. */
  dynamodb: DynamoDBDocumentClient;
  sqs: SQSClient;
}

export function createS3Client(endpoints: AwsEndpoints): S3Client {
  const common = {
    ...(endpoints.region ? { region: endpoints.region } : {}),
    ...(endpoints.credentials ? { credentials: endpoints.credentials } : {}),
  };
  if (!endpoints.s3Endpoint) return new S3Client(common);
  return new S3Client({
    ...common,
    endpoint: endpoints.s3Endpoint,
    forcePathStyle: true,
    // s3rver stores the aws-chunked framing of streamed uploads verbatim when the SDK adds default checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Document client: plain JS values in and out, undefined attributes dropped. */
export function createDynamoDbDocumentClient(endpoints: AwsEndpoints): DynamoDBDocumentClient {
  const dynamodb = new DynamoDBClient({
    ...(endpoints.region ? { region: endpoints.region } : {}),
    ...(endpoints.credentials ? { credentials: endpoints.credentials } : {}),
    ...(endpoints.dynamodbEndpoint ? { endpoint: endpoints.dynamodbEndpoint } : {}),
  });
  return DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
}

export function createAwsClients(endpoints: AwsEndpoints = loadAwsEndpoints()): AwsClients {
  const common = {
    ...(endpoints.region ? { region: endpoints.region } : {}),
    ...(endpoints.credentials ? { credentials: endpoints.credentials } : {}),
  };
  return {
    s3: createS3Client(endpoints),
    dynamodb: createDynamoDbDocumentClient(endpoints),
    sqs: new SQSClient({ ...common, ...(endpoints.sqsEndpoint ? { endpoint: endpoints.sqsEndpoint } : {}) }),
  };
}

/** Only the OCR function publishes events: the API handlers' bundles do not carry this client. */
export function createEventBridgeClient(endpoints: AwsEndpoints = loadAwsEndpoints()): EventBridgeClient {
  return new EventBridgeClient({
    ...(endpoints.region ? { region: endpoints.region } : {}),
    ...(endpoints.credentials ? { credentials: endpoints.credentials } : {}),
    ...(endpoints.eventBridgeEndpoint ? { endpoint: endpoints.eventBridgeEndpoint } : {}),
  });
}
