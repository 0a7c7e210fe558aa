/**
 * The API functions' composition root, evaluated once per cold start: config (validated, throws a clear message
 * when a variable is missing), SDK clients, the Powertools instances, the system clock and the ReceiptApiService.
 * Every Lambda entry in handlers/ imports it and hands these to its handler factory in endpoints/.
 */
import { createAwsClients } from '../commons/clients.js';
import { loadApiConfig } from '../commons/config.js';
import { logger, metrics, tracer } from '../commons/powertools.js';
import { createApiService } from './api-service.js';
import type { ApiTelemetry } from './middleware.js';

export const config = loadApiConfig();
export const clock = (): Date => new Date();
export const telemetry: ApiTelemetry = { logger, metrics, tracer };

const clients = createAwsClients();
tracer.captureAWSv3Client(clients.s3);
tracer.captureAWSv3Client(clients.dynamodb);
tracer.captureAWSv3Client(clients.sqs);

export const service = createApiService({ config, clients, clock });
