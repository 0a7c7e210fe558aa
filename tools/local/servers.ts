/**
 * The two local AWS stand-ins, started in-process: s3rver (S3) and dynalite (DynamoDB). Used by `pnpm start`
 * (fixed ports, data under .data/) and by the tests (port 0, temporary folders).
 */
import { mkdir } from 'node:fs/promises';
import { Server } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import S3rver, { type S3rverEvent } from 's3rver';
import { receiptsTableDefinition } from '../../functions/adapters/dynamodb-table.js';

export const LOCAL_HOST = '127.0.0.1';

/** A listen error in words a person can act on: the port in use and the variable that moves it. */
export function listenError(error: unknown, port: number, variable: string): Error {
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE') {
    return new Error(
      `${LOCAL_HOST}:${port} is already in use: stop what holds it, or set ${variable} to another port`,
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
export const LOCAL_REGION = 'us-east-1';

/** Throws listenError() when `port` (0: any) cannot be listened on now. */
async function ensurePortFree(port: number, variable: string): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(listenError(error, port, variable)));
    probe.listen(port, LOCAL_HOST, () => resolve());
  });
  await new Promise((resolve) => probe.close(resolve));
}

/**
 * How a server closes. Gracefully by default: it waits for its clients' connections to end, and a client that
 * keeps a keep-alive connection busy (the SDK does, request after request) is still served meanwhile, for as
 * long as it stays busy: an outage begun that way started only once the work was done. `abrupt` drops every open
 * connection at once, as a crashed server would.
 */
export interface CloseOptions {
  abrupt?: boolean;
}

export interface RunningS3 {
  endpoint: string;
  port: number;
  /** Subscribe to s3rver's object events (AWS-shaped records, keys NOT URL-encoded). */
  onEvent(listener: (event: S3rverEvent) => void): void;
  close(options?: CloseOptions): Promise<void>;
}

/**
 * The bucket CORS rule a browser page needs: the presigned POST upload (its answer read by the page) and GET.
 * s3rver reads the same XML S3's PutBucketCors takes; an origin may hold one `*`.
 */
function corsXml(origins: readonly string[]): string {
  const allowed = origins.map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`).join('');
  return `<CORSConfiguration><CORSRule>${allowed}<AllowedMethod>POST</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;
}

export async function startS3(options: {
  port: number;
  directory: string;
  buckets: string[];
  /** Page origins allowed to upload from a browser (CORS); none by default. */
  browserOrigins?: readonly string[];
  /** Named in the error when the port is in use. Default S3_PORT. */
  portVariable?: string;
}): Promise<RunningS3> {
  await mkdir(options.directory, { recursive: true });
  const server = new S3rver({
    address: LOCAL_HOST,
    port: options.port,
    directory: options.directory,
    silent: true,
    configureBuckets: options.buckets.map((name) =>
      options.browserOrigins?.length ? { name, configs: [corsXml(options.browserOrigins)] } : { name },
    ),
  });
  // s3rver reports a listen failure as an unhandled 'error' event, never through run(): look first.
  await ensurePortFree(options.port, options.portVariable ?? 'S3_PORT');
  const address = await server.run();
  return {
    endpoint: `http://${LOCAL_HOST}:${address.port}`,
    port: address.port,
    onEvent: (listener) => {
      server.on('event', listener);
    },
    close: async (closeOptions) => {
      const closed = server.close();
      if (closeOptions?.abrupt) server.httpServer?.closeAllConnections();
      await closed;
    },
  };
}

export interface RunningDynamo {
  endpoint: string;
  port: number;
  close(): Promise<void>;
  /**
   * An outage: new connections refused and open ones dropped (requests in progress get no answer), the database
   * left open; the returned function serves again on the same port. Closing dynalite abruptly instead crashes
   * it: a request cut short that reaches the database after it closed throws `Database is closed` uncaught.
   */
  disconnect(): Promise<() => Promise<void>>;
}

/** dynalite keeps its LevelDB under `directory`, or in memory when none is given. */
export async function startDynamo(options: {
  port: number;
  directory?: string;
  /** Named in the error when the port is in use. Default DYNAMODB_PORT. */
  portVariable?: string;
}): Promise<RunningDynamo> {
  if (options.directory) await mkdir(options.directory, { recursive: true });
  const server = dynalite({
    ...(options.directory ? { path: options.directory } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(listenError(error, options.port, options.portVariable ?? 'DYNAMODB_PORT')),
    );
    server.listen(options.port, LOCAL_HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${LOCAL_HOST}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
      }),
    disconnect: async () => {
      // http.Server's own close: dynalite's override also closes the database.
      const stopped = new Promise((resolve) => Server.prototype.close.call(server, resolve));
      server.closeAllConnections();
      await stopped;
      return () =>
        new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(port, LOCAL_HOST, () => {
            server.off('error', reject);
            resolve();
          });
        });
    },
  };
}

/** Creates the receipts table unless it exists (a restarted stack keeps its data). */
export async function ensureReceiptsTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(new CreateTableCommand(receiptsTableDefinition(tableName)));
  }
}
