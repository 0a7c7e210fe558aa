/** What the fault-run driver and the stack process (stack-process.ts) say to each other over IPC. */
export type DriverMessage =
  | { type: 'outage'; service: 's3' | 'dynamodb'; ms: number }
  | { type: 'stop' }
  /** A standby process (STACK_STANDBY=1) starts the stack. */
  | { type: 'start' }
  /** Asks what the queue holds (answered by `queue`): the driver waited too long and says why. */
  | { type: 'diagnose' };

/** A queued message, named by what it is about (an upload's key, or the receipt a reprocess names). */
export interface QueuedMessage {
  messageId: string;
  about: string;
  receiveCount: number;
  /** Waiting: when it is visible again (0: now). In flight: how long it has been handled. */
  ms: number;
}

export type StackMessage =
  /** A standby process has loaded its modules and waits for `start`. */
  | { type: 'loaded' }
  | { type: 'ready'; requeued: number; pid: number }
  | {
      type: 'status';
      rss: number;
      /** The main thread's JavaScript heap, bytes. */
      heapUsed: number;
      /** Resident bytes of each WASM memory (the OCR workers', libheif's): tools/bench/memory.ts. Sampled once a second. */
      wasm: number[];
      /** Messages queued or in flight. */
      depth: number;
      /** Deliveries the OCR handler finished (settled, or failed for good) in this process so far. */
      handled: number;
      /** Failed deliveries put back on the queue so far. */
      retries: number;
      deadLettered: number;
    }
  | { type: 'down' | 'restored'; service: 's3' | 'dynamodb' }
  | {
      type: 'queue';
      waiting: QueuedMessage[];
      inFlight: QueuedMessage[];
      /** Consecutive batches in which every message failed (the consumer backs off after each). */
      failedBatches: number;
      deadLetters: Omit<QueuedMessage, 'ms'>[];
      /** Outages begun and not yet over. */
      outages: string[];
    };
