/**
 * Just enough of the SQS API (AWS JSON 1.0 protocol, `SendMessage` only) for the reprocess route to run locally
 * exactly as in Lambda: the real handler module, the real SqsReceiptQueue adapter and the real AWS SDK client send
 * to this endpoint, which hands the body to the local stack's in-process queue (the one feeding the OCR handler).
 *
 * Hand-written because no maintained in-process SQS emulator exists for Node (ElasticMQ and LocalStack need a JVM
 * or Docker); it answers what the SDK checks — a message id and the body's MD5 — and refuses every other action.
 */
import { createHash } from 'node:crypto';
import { startAwsJsonEndpoint } from '../aws-json-endpoint.js';

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

const sqsError = (status: number, type: string, message: string) => ({
  status,
  errorType: `com.amazonaws.sqs#${type}`,
  message,
});

export async function startLocalSqsEndpoint(options: {
  sink: MessageSink;
  queueName: string;
  port?: number;
}): Promise<LocalSqsEndpoint> {
  let queueUrl = '';
  const server = await startAwsJsonEndpoint({
    contentType: 'application/x-amz-json-1.0',
    internalErrorType: 'com.amazonaws.sqs#InternalError',
    ...(options.port === undefined ? {} : { port: options.port }),
    handle(target, input) {
      if (target !== 'AmazonSQS.SendMessage') {
        return sqsError(
          400,
          'InvalidAction',
          `the local SQS endpoint only supports SendMessage, not ${target}`,
        );
      }
      if (input.QueueUrl !== queueUrl) {
        return sqsError(400, 'QueueDoesNotExist', `no local queue at ${String(input.QueueUrl)}`);
      }
      const body = typeof input.MessageBody === 'string' ? input.MessageBody : '';
      const messageId = options.sink.send(body);
      return {
        body: { MessageId: messageId, MD5OfMessageBody: createHash('md5').update(body).digest('hex') },
      };
    },
  });
  queueUrl = `${server.endpoint}/000000000000/${options.queueName}`;
  return { endpoint: server.endpoint, queueUrl, close: server.close };
}
