/**
 * An HTTP server on 127.0.0.1 that speaks an AWS JSON protocol (the action in `X-Amz-Target`, the input as a JSON
 * body), for the local stand-ins of the services the SDK clients call (SQS `SendMessage`, EventBridge `PutEvents`).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOCAL_HOST } from './servers.js';

/** An answer: 200 with `body`, or an AWS error (`__type` and `message`) with `status`. */
export type AwsJsonReply = { body: unknown } | { status: number; errorType: string; message: string };

export interface AwsJsonEndpoint {
  endpoint: string;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startAwsJsonEndpoint(options: {
  /** `application/x-amz-json-1.0` or `-1.1`, as the service's SDK client expects. */
  contentType: string;
  /** How an unexpected failure is typed, e.g. `com.amazonaws.sqs#InternalError`. */
  internalErrorType: string;
  handle: (target: string | undefined, input: Record<string, unknown>) => AwsJsonReply;
  /** 0 (the default) picks a free port. */
  port?: number;
}): Promise<AwsJsonEndpoint> {
  const server = createServer((request, response) => {
    const answer = (status: number, body: unknown) => {
      response.statusCode = status;
      response.setHeader('Content-Type', options.contentType);
      response.end(JSON.stringify(body));
    };
    readBody(request)
      .then((text) => {
        const target = request.headers['x-amz-target'];
        const reply = options.handle(
          typeof target === 'string' ? target : undefined,
          JSON.parse(text || '{}'),
        );
        if ('body' in reply) answer(200, reply.body);
        else answer(reply.status, { __type: reply.errorType, message: reply.message });
      })
      .catch((error: unknown) => answer(500, { __type: options.internalErrorType, message: String(error) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOCAL_HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${LOCAL_HOST}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
