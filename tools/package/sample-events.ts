/**
 * Invocation events for the OCR image outside AWS: the payload test runs them against the packaged handlers, and
 * `pnpm exec tsx tools/package/sample-events.ts <dir>` writes them as JSON for the image workflow, which posts them
 * to the base image's runtime interface emulator.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQSEvent } from 'aws-lambda';
import { encodeS3Key } from '../../functions/ocr/events.js';
import { s3PutEvent, sqsEvent, sqsRecord } from '../samples/aws-events.js';
import { ENGLISH_RECEIPT, renderReceipt } from '../samples/receipt-images.js';

/** An SQS batch holding one S3 ObjectCreated notification, as the OCR queue delivers it. */
export function sqsUploadEvent(bucket: string, key: string): SQSEvent {
  return sqsEvent(sqsRecord(JSON.stringify(s3PutEvent(bucket, encodeS3Key(key))), 'sample-1'));
}

/** `POST /ocr` as API Gateway's proxy integration passes it: the image base64-encoded, the caller's claims. */
export function postOcrEvent(image: Uint8Array, ownerId: string, origin: string, contentType = 'image/png') {
  return {
    resource: '/ocr',
    path: '/ocr',
    httpMethod: 'POST',
    headers: { 'Content-Type': contentType, Origin: origin },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: Buffer.from(image).toString('base64'),
    isBase64Encoded: true,
    requestContext: { requestId: 'sample-ocr', authorizer: { claims: { sub: ownerId } } },
  };
}

async function main(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const image = await renderReceipt(ENGLISH_RECEIPT);
  const files: Record<string, unknown> = {
    // A key outside the upload prefix: the handler must start (engine, traineddata, sharp) and skip it.
    'sqs-outside-prefix.json': sqsUploadEvent('receipts', 'not-an-upload/readme.txt'),
    'post-ocr.json': postOcrEvent(image, 'ci-user', 'https://app.example.com'),
  };
  for (const [name, event] of Object.entries(files)) {
    writeFileSync(path.join(outDir, name), JSON.stringify(event));
  }
  console.log(`wrote ${Object.keys(files).join(', ')} to ${outDir}`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(path.resolve(process.argv[2] ?? 'dist/events'));
}
