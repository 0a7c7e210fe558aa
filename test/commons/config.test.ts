import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  loadApiConfig,
  loadAwsEndpoints,
  loadOcrConfig,
  loadReprocessConfig,
} from '../../functions/commons/config.js';
import { loadLocalStackConfig } from '../../tools/local/config.js';

const minimal = { RECEIPTS_BUCKET: 'receipts', RECEIPTS_TABLE: 'receipts' };

describe('configuration', () => {
  it('applies the documented defaults', () => {
    expect(loadOcrConfig(minimal)).toEqual({
      bucket: 'receipts',
      table: 'receipts',
      uploadPrefix: 'uploads/',
      resultsPrefix: 'results/',
      maxUploadBytes: 15_728_640,
      languages: ['eng', 'spa', 'deu', 'fra', 'ita', 'por', 'nld'],
      maxAttempts: 3,
    });
    expect(loadOcrConfig({ ...minimal, MAX_ATTEMPTS: '5' }).maxAttempts).toBe(5);
    expect(loadLocalStackConfig({})).toEqual({
      s3Port: 4568,
      dynamodbPort: 4567,
      apiPort: 3000,
      dataDir: '.data',
    });
  });

  it('names every missing variable at once', () => {
    expect(() => loadOcrConfig({})).toThrow(ConfigError);
    expect(() => loadOcrConfig({})).toThrow(
      /RECEIPTS_BUCKET is required but not set; RECEIPTS_TABLE is required but not set/,
    );
  });

  it.each([
    [{ MAX_UPLOAD_BYTES: 'lots' }, /MAX_UPLOAD_BYTES/],
    [{ UPLOAD_PREFIX: '/uploads' }, /UPLOAD_PREFIX: a key prefix/],
    [{ RESULTS_PREFIX: 'uploads/results/' }, /must not contain one another/],
    [{ OCR_LANGUAGES: 'eng,spa' }, /OCR_LANGUAGES/],
  ])('rejects %o', (overrides, message) => {
    expect(() => loadOcrConfig({ ...minimal, ...overrides })).toThrow(message);
  });

  it('refuses a wildcard CORS origin and requires the queue only for reprocess', () => {
    expect(() => loadApiConfig({ ...minimal, CORS_ALLOWED_ORIGINS: '*' })).toThrow(/CORS_ALLOWED_ORIGINS/);
    expect(
      loadApiConfig({ ...minimal, CORS_ALLOWED_ORIGINS: 'https://a.example, http://localhost:5173' })
        .corsAllowedOrigins,
    ).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(() => loadReprocessConfig(minimal)).toThrow(/OCR_QUEUE_URL is required/);
  });

  it('reads local endpoints from the standard AWS SDK variables', () => {
    expect(
      loadAwsEndpoints({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4568' }),
    ).toEqual({
      region: 'us-east-1',
      s3Endpoint: 'http://127.0.0.1:4568',
    });
    expect(() => loadAwsEndpoints({ AWS_ENDPOINT_URL_DYNAMODB: 'localhost' })).toThrow(
      /AWS_ENDPOINT_URL_DYNAMODB/,
    );
    expect(loadAwsEndpoints({ AWS_ENDPOINT_URL_EVENTBRIDGE: 'http://127.0.0.1:4569' })).toEqual({
      eventBridgeEndpoint: 'http://127.0.0.1:4569',
    });
  });

  it('publishes ReceiptSettled events only with a bus named', () => {
    expect(loadOcrConfig(minimal)).not.toHaveProperty('eventBusName');
    expect(loadOcrConfig({ ...minimal, RECEIPT_EVENT_BUS: 'receipt-ocr-prod-receipts' }).eventBusName).toBe(
      'receipt-ocr-prod-receipts',
    );
    expect(() => loadOcrConfig({ ...minimal, RECEIPT_EVENT_BUS: ' ' })).toThrow(/RECEIPT_EVENT_BUS/);
  });
});
