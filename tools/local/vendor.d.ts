/** Just enough typing for the two local servers (neither ships its own types). */
declare module 's3rver' {
  import type { EventEmitter } from 'node:events';
  import type { Server } from 'node:http';
  import type { AddressInfo } from 'node:net';

  export interface S3rverOptions {
    address?: string;
    port?: number;
    directory?: string;
    silent?: boolean;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  /** What s3rver emits on 'event' for each object created or removed. */
  export interface S3rverEvent {
    Records: {
      eventName: string;
      eventTime: string;
      s3: {
        bucket: { name: string };
        object: { key: string; size?: number; eTag?: string; sequencer?: string };
      };
    }[];
  }

  export default class S3rver extends EventEmitter {
    constructor(options?: S3rverOptions);
    run(): Promise<AddressInfo>;
    /** Set by run(). */
    httpServer?: Server;
    close(): Promise<void>;
    on(event: 'event', listener: (event: S3rverEvent) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}

declare module 'dynalite' {
  import type { Server } from 'node:http';

  export interface DynaliteOptions {
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
  }

  export default function dynalite(options?: DynaliteOptions): Server;
}
