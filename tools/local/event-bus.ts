/**
 * The local stand-in for the service's EventBridge bus: just enough of the EventBridge API (AWS JSON 1.1,
 * `PutEvents` only) for the OCR handler to publish exactly as in Lambda, through the real adapter and the real AWS
 * SDK client. What a rule would deliver (the event envelope) goes to the feed's listeners: `pnpm start` prints it and
 * the local API streams it to apps (`GET /local/events`, server-sent events) as an AppSync or WebSocket subscription
 * fed by a rule would.
 *
 * Hand-written for the same reason as the SQS stand-in (tools/local/api/sqs-endpoint.ts): no maintained in-process
 * EventBridge emulator exists for Node.
 */
import { randomUUID } from 'node:crypto';
import { type AwsJsonReply, startAwsJsonEndpoint } from './aws-json-endpoint.js';

/** An event as EventBridge hands it to a rule's target. */
export interface BusEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

export interface LocalEventBus {
  /** For AWS_ENDPOINT_URL_EVENTBRIDGE. */
  endpoint: string;
  /** For RECEIPT_EVENT_BUS. */
  busName: string;
  /** Every event accepted so far, oldest first. */
  readonly events: readonly BusEvent[];
  /** Calls `listener` with each event accepted from now on; returns the unsubscribe function. */
  subscribe(listener: (event: BusEvent) => void): () => void;
  /** Refuses the next `count` entries with `errorCode`, as EventBridge does under throttling (fault tests). */
  refuseNext(count: number, errorCode?: string): void;
  close(): Promise<void>;
}

interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
}

export async function startLocalEventBus(options: {
  busName: string;
  region: string;
  port?: number;
}): Promise<LocalEventBus> {
  const events: BusEvent[] = [];
  const listeners = new Set<(event: BusEvent) => void>();
  let refusals = { count: 0, errorCode: 'ThrottlingException' };

  function accept(entry: PutEventsEntry): { EventId: string } | { ErrorCode: string; ErrorMessage: string } {
    if (refusals.count > 0) {
      refusals = { ...refusals, count: refusals.count - 1 };
      return { ErrorCode: refusals.errorCode, ErrorMessage: 'refused by the local event bus (fault test)' };
    }
    if (!entry.Source || !entry.DetailType || !entry.Detail) {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Source, DetailType and Detail are required' };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not valid JSON' };
    }
    const event: BusEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: '000000000000',
      time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: options.region,
      resources: entry.Resources ?? [],
      detail,
    };
    events.push(event);
    for (const listener of listeners) listener(event);
    return { EventId: event.id };
  }

  const server = await startAwsJsonEndpoint({
    contentType: 'application/x-amz-json-1.1',
    internalErrorType: 'InternalException',
    ...(options.port === undefined ? {} : { port: options.port }),
    handle(target, input): AwsJsonReply {
      if (target !== 'AWSEvents.PutEvents') {
        return {
          status: 400,
          errorType: 'UnknownOperationException',
          message: `the local event bus only supports PutEvents, not ${target}`,
        };
      }
      const entries = (input.Entries ?? []) as PutEventsEntry[];
      const wrongBus = entries.find((entry) => entry.EventBusName !== options.busName);
      if (wrongBus) {
        return {
          status: 400,
          errorType: 'ResourceNotFoundException',
          message: `Event bus ${wrongBus.EventBusName ?? 'default'} does not exist.`,
        };
      }
      // EventBridge counts an entry's source, detail type and detail against 256 KB a request.
      const size = entries.reduce(
        (total, entry) =>
          total +
          [entry.Source, entry.DetailType, entry.Detail].reduce(
            (sum, text) => sum + Buffer.byteLength(text ?? ''),
            0,
          ),
        0,
      );
      if (size >= 256 * 1024) {
        return {
          status: 400,
          errorType: 'ValidationException',
          message: 'Total size of the entries in the request is over the limit.',
        };
      }
      const results = entries.map(accept);
      return {
        body: {
          FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length,
          Entries: results,
        },
      };
    },
  });
  return {
    endpoint: server.endpoint,
    busName: options.busName,
    events,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refuseNext(count, errorCode = 'ThrottlingException') {
      refusals = { count, errorCode };
    },
    close: server.close,
  };
}
