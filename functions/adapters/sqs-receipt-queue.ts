/** ReceiptQueue on SQS: the API's reprocess route puts messages on the OCR function's queue. */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ReprocessMessage } from '../receipts/messages.js';
import type { ReceiptQueue } from '../receipts/ports.js';

export class SqsReceiptQueue implements ReceiptQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async sendReprocess(message: ReprocessMessage): Promise<void> {
    await this.client.send(
      new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(message) }),
    );
  }
}
