/**
 * Just enough of the SQS API (AWS JSON 1.0 protocol, `SendMessage` only) for the reprocess route to run locally
 * exactly as in Lambda: the real handler module, the real SqsReceiptQueue adapter and the real AWS SDK client send
 * to this endpoint, which hands the body to the local stack's in-process queue (the one feeding the OCR handler).
 *
 * Hand-written because no maintained in-process SQS emulator exists for Node (ElasticMQ and LocalStack need a JVM
 * or Docker); it answers what the SDK checks — a message id and the body's MD5 — and refuses every other action.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOCAL_HOST } from '../servers.js';

export interface MessageSink {
  /** Enqueues a body; returns the message id. */
  send(body: string): string;
}

export interface LocalSqsEndpoint {
  /** For AWS_ENDPOINT_URL_SQS. */
  endpoint: string;
  /** For OCR_QUEUE_URL. */
  queueUrl: string;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sqsError(type: string, message: string) {
  return JSON.stringify({ __type: `com.amazonaws.sqs#${type}`, message });
}

export async function startLocalSqsEndpoint(options: {
  sink: MessageSink;
  queueName: string;
  port?: number;
}): Promise<LocalSqsEndpoint> {
  let queueUrl = '';
  const server = createServer((request, response) => {
    void (async () => {
      response.setHeader('Content-Type', 'application/x-amz-json-1.0');
      const target = request.headers['x-amz-target'];
      const input = JSON.parse((await readBody(request)) || '{}') as {
        QueueUrl?: string;
        MessageBody?: string;
      };
      if (target !== 'AmazonSQS.SendMessage') {
        response.statusCode = 400;
        response.end(
          sqsError('InvalidAction', `the local SQS endpoint only supports SendMessage, not ${target}`),
        );
        return;
      }
      if (input.QueueUrl !== queueUrl) {
        response.statusCode = 400;
        response.end(sqsError('QueueDoesNotExist', `no local queue at ${input.QueueUrl}`));
        return;
      }
      const body = input.MessageBody ?? '';
      const messageId = options.sink.send(body);
      response.end(
        JSON.stringify({
          MessageId: messageId,
          MD5OfMessageBody: createHash('md5').update(body).digest('hex'),
        }),
      );
    })().catch((error: unknown) => {
      response.statusCode = 500;
      response.end(sqsError('InternalError', String(error)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOCAL_HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://${LOCAL_HOST}:${port}`;
  queueUrl = `${endpoint}/000000000000/${options.queueName}`;
  return {
    endpoint,
    queueUrl,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
