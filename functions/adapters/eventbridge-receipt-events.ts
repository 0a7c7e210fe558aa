/**
 * ReceiptEvents on EventBridge: one `ReceiptSettled` event per settled receipt on the service's bus, where apps
 * subscribe with a rule (docs/api.md, events). PutEvents can accept part of a request: the refused entries are sent
 * once more (EventBridge refuses entries for throttling and internal errors), then reported.
 */
import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { RECEIPT_EVENTS } from '../contract/events.js';
import type { ReceiptEvents, ReceiptSettled } from '../receipts/ports.js';

/** PutEvents takes at most 10 entries a request, together under 256 KB (entrySize). */
const ENTRIES_PER_REQUEST = 10;
const BYTES_PER_REQUEST = 256 * 1024 - 1;

export class EventPublishError extends Error {
  override readonly name = 'EventPublishError';
  readonly code = 'EVENT_PUBLISH_FAILED';
}

export class EventBridgeReceiptEvents implements ReceiptEvents {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly eventBusName: string,
  ) {}

  async settled(events: readonly ReceiptSettled[]): Promise<void> {
    const entries = events.map(
      (detail): PutEventsRequestEntry => ({
        EventBusName: this.eventBusName,
        Source: RECEIPT_EVENTS.source,
        DetailType: RECEIPT_EVENTS.settled,
        Detail: JSON.stringify(detail),
      }),
    );
    for (const batch of batches(entries)) {
      const refused = await this.#put(batch);
      const still = refused.length === 0 ? [] : await this.#put(refused.map(({ entry }) => entry));
      if (still.length > 0) {
        const reasons = [...new Set(still.map(({ code }) => code))].join(', ');
        throw new EventPublishError(
          `EventBridge refused ${still.length} of ${entries.length} ReceiptSettled events on ${this.eventBusName} (${reasons})`,
        );
      }
    }
  }

  /** The entries EventBridge refused, with its error code for each. */
  async #put(
    entries: PutEventsRequestEntry[],
  ): Promise<Array<{ entry: PutEventsRequestEntry; code: string }>> {
    const output = await this.client.send(new PutEventsCommand({ Entries: entries }));
    if (!output.FailedEntryCount) return [];
    return entries.flatMap((entry, index) => {
      const result = output.Entries?.[index];
      return result?.EventId ? [] : [{ entry, code: result?.ErrorCode ?? 'unknown' }];
    });
  }
}

/** An entry's size as EventBridge counts it against the request limit: its source, detail type and detail. */
function entrySize(entry: PutEventsRequestEntry): number {
  return [entry.Source, entry.DetailType, entry.Detail].reduce(
    (total, text) => total + Buffer.byteLength(text ?? ''),
    0,
  );
}

/** The entries in order, cut into requests PutEvents accepts (events carry receipts of up to 60 KB each). */
function batches(entries: readonly PutEventsRequestEntry[]): PutEventsRequestEntry[][] {
  const requests: PutEventsRequestEntry[][] = [];
  let current: PutEventsRequestEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entrySize(entry);
    if (current.length === ENTRIES_PER_REQUEST || (current.length > 0 && bytes + size > BYTES_PER_REQUEST)) {
      requests.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) requests.push(current);
  return requests;
}
