/**
 * `GET /local/events`: the signed-in user's `ReceiptSettled` events as server-sent events, from the local event
 * bus. In AWS an app subscribes to the bus with a rule (or a push channel fed by one, docs/deploy.md); this stream
 * gives a local app the same: one message per settled receipt, then one GET of the record. Local only: the deployed
 * API has no such route.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BusEvent } from '../event-bus.js';

export const LOCAL_EVENTS_PATH = '/local/events';

/** The part of the local event bus the stream needs. */
export interface EventSource {
  subscribe(listener: (event: BusEvent) => void): () => void;
}

/** Streams the events whose detail names `ownerId` until the client goes away; a comment line every 15 s keeps
 * proxies from closing an idle stream. */
export function streamOwnerEvents(
  request: IncomingMessage,
  response: ServerResponse,
  source: EventSource,
  ownerId: string,
): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  });
  response.write(': subscribed\n\n');
  const unsubscribe = source.subscribe((event) => {
    if ((event.detail as { ownerId?: unknown }).ownerId !== ownerId) return;
    response.write(
      `id: ${event.id}\nevent: ${event['detail-type']}\ndata: ${JSON.stringify(event.detail)}\n\n`,
    );
  });
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
  request.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
  });
}
