/** What the fault-run driver and the stack process (stack-process.ts) say to each other over IPC. */
export type DriverMessage = { type: 'outage'; service: 's3' | 'dynamodb'; ms: number } | { type: 'stop' };

export type StackMessage =
  | { type: 'ready'; requeued: number; pid: number }
  | {
      type: 'status';
      rss: number;
      /** Messages queued or in flight. */
      depth: number;
      /** Failed deliveries put back on the queue so far. */
      retries: number;
      deadLettered: number;
    }
  | { type: 'down' | 'restored'; service: 's3' | 'dynamodb' };
