/**
 * Burst and fault runs against the local stack, run in a child process (stack-process.ts): many receipts
 * uploaded at once (a share of them broken in the ways the engine rejects), optionally with faults while they
 * are processed — DynamoDB down, then S3 down, then the stack killed with SIGKILL and started again on its data —
 * and the accounting afterwards: every upload must end with exactly one final record (COMPLETED, or FAILED with a
 * code and no retry pending), none lost, none duplicated, none stuck.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDbReceiptRepository } from '../../../functions/adapters/dynamodb-receipt-repository.js';
import { createAwsClients } from '../../../functions/commons/clients.js';
import type { ReceiptRecord } from '../../../functions/receipts/record.js';
import { ALLOCATOR_ENV } from '../allocator.js';
import { S3RVER_CREDENTIALS } from '../config.js';
import { LOCAL_HOST, LOCAL_REGION } from '../servers.js';
import type { DriverMessage, StackMessage } from './messages.js';

export interface Upload {
  name: string;
  body: Uint8Array;
  contentType: string;
  /** The code the pipeline must give it, for broken uploads. */
  expectedCode?: string;
}

export interface BurstOptions {
  /** Readable receipts, used in turn. */
  receipts: Upload[];
  count: number;
  /** Share of the uploads that are broken (default 0.1). */
  brokenShare?: number;
  /** DynamoDB down, then S3 down, for this long each, then SIGKILL and restart. 0: no faults. */
  outageMs?: number;
  /**
   * First delay before a failed delivery comes back (then 4x per receive), default the local queue's 5 s. Keep it
   * at least the outage: shorter, a message spends its receives inside the outage.
   */
  retryDelayMs?: number;
  /** Environment of the stack process beyond its ports and data folder (e.g. OCR_LANGUAGES). */
  env?: Record<string, string>;
  /** Give up waiting for the records after this long (they are then counted as stuck). */
  timeoutMs?: number;
  /** How often the records are read while waiting (default 2 s; a small run wants less). */
  pollMs?: number;
  log?: (line: string) => void;
}

export interface BurstReport {
  uploads: number;
  records: number;
  lost: number;
  duplicated: number;
  stuck: number;
  /** Final status (and code, for FAILED) -> count. */
  outcomes: Record<string, number>;
  /** Broken uploads that did not get the code they should. */
  wrongCodes: number;
  /** Records that took more than one attempt. */
  retriedRecords: number;
  /** Failed deliveries put back on the queue (over every stack process). */
  retriedDeliveries: number;
  deadLettered: number;
  /** Uploads the restarted stack found unsettled and queued again. */
  requeuedOnRestart: number;
  faults: string[];
  allFinalSeconds: number;
  receiptsPerSecond: number;
  peakRssMb: number;
  /** The stack's memory when its RSS peaked, and the largest WASM total seen (tools/bench/memory.ts). */
  memory: MemoryReport;
}

export interface MemorySample {
  /** Seconds since the uploads started (0 before). */
  at: number;
  rss: number;
  heapUsed: number;
  /** Resident bytes of each WASM memory. */
  wasm: number[];
  /** Messages queued or in flight. */
  depth: number;
}

export interface MemoryReport {
  atPeak: MemorySample | undefined;
  /** The sample whose WASM memories summed highest. */
  peakWasm: MemorySample | undefined;
  /** Every status sample of every stack process, in order (for a timeline). */
  samples: MemorySample[];
}

const OWNER = 'burst';
const STACK_PROCESS = resolve(import.meta.dirname, 'stack-process.ts');

/** Uploads the engine must reject, each with the code it must get. */
export function brokenUploads(sample: Uint8Array): Upload[] {
  return [
    {
      name: 'cut short',
      body: sample.subarray(0, 600),
      contentType: 'image/jpeg',
      expectedCode: 'CORRUPT_IMAGE',
    },
    { name: 'empty', body: new Uint8Array(0), contentType: 'image/png', expectedCode: 'EMPTY_FILE' },
    {
      name: 'text',
      body: new TextEncoder().encode('not a receipt'),
      contentType: 'text/plain',
      expectedCode: 'UNSUPPORTED_FORMAT',
    },
    {
      name: 'undeclared noise',
      body: new Uint8Array(4096).map((_, index) => (index * 7919) % 251),
      contentType: 'application/octet-stream',
      expectedCode: 'UNSUPPORTED_FORMAT',
    },
  ];
}

/** The images of a folder (JPEG, PNG, WebP), as uploads. */
export async function folderUploads(directory: string): Promise<Upload[]> {
  const types: Record<string, string> = {
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.png': 'image/png',
    '.webp': 'image/webp',
  };
  const names = (await readdir(directory)).filter((name) => types[extname(name).toLowerCase()]).sort();
  return Promise.all(
    names.map(async (name) => ({
      name: name.replace(/\.[^.]+$/, ''),
      body: await readFile(join(directory, name)),
      contentType: types[extname(name).toLowerCase()] as string,
    })),
  );
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, LOCAL_HOST, () => done()));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'text/plain': 'txt',
  'application/octet-stream': 'bin',
};

function isFinal(record: ReceiptRecord): boolean {
  if (record.status === 'COMPLETED' || record.status === 'REVIEWED') return true;
  return record.status === 'FAILED' && record.error?.retryable === false;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A running stack process, its latest status and a way to wait for its messages. */
class StackProcess {
  status: Extract<StackMessage, { type: 'status' }> | undefined;
  peakRss = 0;
  readonly samples: MemorySample[] = [];
  readonly #child: ChildProcess;
  readonly #waiters: { test: (message: StackMessage) => boolean; done: (message: StackMessage) => void }[] =
    [];

  constructor(env: Record<string, string>, clock: () => number) {
    this.#child = fork(STACK_PROCESS, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.#child.on('message', (message: StackMessage) => {
      if (message.type === 'status') {
        this.status = message;
        this.peakRss = Math.max(this.peakRss, message.rss);
        const { rss, heapUsed, wasm, depth } = message;
        this.samples.push({ at: clock(), rss, heapUsed, wasm, depth });
      }
      for (const waiter of [...this.#waiters]) {
        if (waiter.test(message)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.done(message);
        }
      }
    });
  }

  next<T extends StackMessage['type']>(type: T): Promise<Extract<StackMessage, { type: T }>> {
    return new Promise((done, fail) => {
      const onExit = (code: number | null) =>
        fail(new Error(`the stack process exited (${code}) before "${type}"`));
      this.#child.once('exit', onExit);
      this.#waiters.push({
        test: (message) => message.type === type,
        done: (message) => {
          this.#child.off('exit', onExit);
          done(message as Extract<StackMessage, { type: T }>);
        },
      });
    });
  }

  send(message: DriverMessage): void {
    this.#child.send(message);
  }

  async kill(): Promise<void> {
    const exited = new Promise((done) => this.#child.once('exit', done));
    this.#child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = new Promise((done) => this.#child.once('exit', done));
    this.send({ type: 'stop' });
    await exited;
  }
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

function memoryReport(samples: MemorySample[]): MemoryReport {
  const highest = (value: (sample: MemorySample) => number) =>
    samples.reduce<MemorySample | undefined>(
      (best, sample) => (best === undefined || value(sample) > value(best) ? sample : best),
      undefined,
    );
  return {
    atPeak: highest((sample) => sample.rss),
    peakWasm: highest((sample) => sum(sample.wasm)),
    samples,
  };
}

export async function runBurst(options: BurstOptions): Promise<BurstReport> {
  const log = options.log ?? (() => {});
  const outageMs = options.outageMs ?? 0;
  const pollMs = options.pollMs ?? 2000;
  const count = options.count;
  const firstReceipt = options.receipts[0];
  if (!firstReceipt) throw new Error('runBurst: no receipts to upload');
  const broken = brokenUploads(firstReceipt.body);
  const brokenEvery = Math.max(1, Math.round(1 / (options.brokenShare ?? 0.1)));

  const dataDir = await mkdtemp(join(tmpdir(), 'receipt-ocr-burst-'));
  const s3Port = await freePort();
  const dynamodbPort = await freePort();
  const env = {
    // As `pnpm start` runs the stack (allocator.ts); options.env may override it to measure glibc's default.
    ...ALLOCATOR_ENV,
    ...options.env,
    ...(options.retryDelayMs === undefined ? {} : { STACK_RETRY_DELAY_MS: String(options.retryDelayMs) }),
    LOCAL_DATA_DIR: dataDir,
    S3_PORT: String(s3Port),
    DYNAMODB_PORT: String(dynamodbPort),
  };
  const clients = createAwsClients({
    region: LOCAL_REGION,
    s3Endpoint: `http://${LOCAL_HOST}:${s3Port}`,
    dynamodbEndpoint: `http://${LOCAL_HOST}:${dynamodbPort}`,
    credentials: S3RVER_CREDENTIALS,
  });
  const repository = new DynamoDbReceiptRepository(clients.dynamodb, 'receipts');
  const processes: StackProcess[] = [];
  const faults: string[] = [];
  let requeuedOnRestart = 0;
  let uploadsAt: number | undefined;
  const clock = () => (uploadsAt === undefined ? 0 : (performance.now() - uploadsAt) / 1000);
  const start = async () => {
    const stack = new StackProcess(env, clock);
    processes.push(stack);
    const ready = await stack.next('ready');
    return { stack, requeued: ready.requeued };
  };
  /** A process that has loaded its modules and starts the stack when told (stack-process.ts). */
  const standby = () => {
    const spare = new StackProcess({ ...env, STACK_STANDBY: '1' }, clock);
    processes.push(spare);
    const loaded = spare.next('loaded');
    return async () => {
      await loaded;
      const ready = spare.next('ready');
      spare.send({ type: 'start' });
      return { stack: spare, requeued: (await ready).requeued };
    };
  };

  try {
    let { stack } = await start();
    const uploads = Array.from({ length: count }, (_, index) => {
      const upload =
        index % brokenEvery === brokenEvery - 1
          ? (broken[Math.floor(index / brokenEvery) % broken.length] as Upload)
          : (options.receipts[index % options.receipts.length] as Upload);
      return {
        ...upload,
        key: `uploads/${OWNER}/${upload.name} ${index}.${EXTENSIONS[upload.contentType] ?? 'bin'}`,
      };
    });
    log(
      `uploading ${count} receipts at once (${uploads.filter((upload) => upload.expectedCode).length} broken)`,
    );
    const started = performance.now();
    uploadsAt = started;
    await Promise.all(
      uploads.map((upload) =>
        clients.s3.send(
          new PutObjectCommand({
            Bucket: 'receipts',
            Key: upload.key,
            Body: upload.body,
            ContentType: upload.contentType,
          }),
        ),
      ),
    );

    const records = async (): Promise<ReceiptRecord[]> => {
      const found: ReceiptRecord[] = [];
      let cursor: string | undefined;
      do {
        const page = await repository.listByOwner({
          ownerId: OWNER,
          limit: 100,
          ...(cursor ? { cursor } : {}),
        });
        found.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return found;
    };
    const finalCount = async () => (await records().catch(() => [])).filter(isFinal).length;
    const waitForFinal = async (target: number, limitMs: number) => {
      const until = Date.now() + limitMs;
      while (Date.now() < until && (await finalCount()) < target) await sleep(pollMs);
    };
    /** Deliveries the stack processes' handlers finished (their own count, over IPC: no DynamoDB read). */
    const handled = () => processes.reduce((sum, process) => sum + (process.status?.handled ?? 0), 0);

    if (outageMs > 0) {
      const restart = standby();
      // Paced by records settling one by one (a delivery batch holds up to ten receipts).
      await waitForFinal(Math.ceil(count * 0.1), 600_000);
      for (const service of ['dynamodb', 's3'] as const) {
        const before = await finalCount();
        log(`${service} down for ${outageMs / 1000} s (${before}/${count} final)`);
        stack.send({ type: 'outage', service, ms: outageMs });
        await stack.next('restored');
        faults.push(`${service} down ${outageMs / 1000} s at ${before}/${count} final`);
        await waitForFinal(before + Math.ceil(count * 0.05), 600_000);
      }
      const before = await finalCount();
      log(`SIGKILL with ${before}/${count} final; starting again on the same data`);
      await stack.kill();
      const restarted = await restart();
      stack = restarted.stack;
      requeuedOnRestart = restarted.requeued;
      faults.push(
        `SIGKILL at ${before}/${count} final; restart queued ${requeuedOnRestart} unsettled uploads`,
      );
    }

    // Until every record is final, or the queue is empty with nothing final for a while (then: stuck). The
    // records are read only when the queue is empty: before that, work is visibly pending, and reading them
    // every poll cost the small fault run about as much CPU as its receipts.
    const deadline = Date.now() + (options.timeoutMs ?? 3_600_000);
    let idleSince: number | undefined;
    let last = -1;
    while (Date.now() < deadline) {
      const idle = stack.status?.depth === 0;
      if (idle) {
        const final = await finalCount();
        if (final >= count) break;
        if (final !== last) log(`${final}/${count} final, queue empty`);
        last = final;
      } else if (handled() !== last) {
        last = handled();
        log(`${last}/${count} handled`);
      }
      idleSince = idle ? (idleSince ?? Date.now()) : undefined;
      if (idleSince !== undefined && Date.now() - idleSince > 15_000) break;
      await sleep(pollMs);
    }
    const allFinalSeconds = (performance.now() - started) / 1000;

    const found = await records();
    const byKey = new Map<string, ReceiptRecord[]>();
    for (const record of found)
      byKey.set(record.source.key, [...(byKey.get(record.source.key) ?? []), record]);
    const uploadKeys = new Set(uploads.map((upload) => upload.key));
    const outcomes: Record<string, number> = {};
    for (const record of found) {
      const outcome = isFinal(record)
        ? record.status === 'FAILED'
          ? `FAILED ${record.error?.code}${record.error?.attemptsExhausted ? ' (attempts exhausted)' : ''}`
          : record.status
        : `not final: ${record.status}`;
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    const wrongCodes = uploads.filter((upload) => {
      const record = byKey.get(upload.key)?.[0];
      return upload.expectedCode
        ? record?.error?.code !== upload.expectedCode
        : record !== undefined && isFinal(record) && record.status === 'FAILED';
    }).length;
    return {
      uploads: count,
      records: found.length,
      lost: uploads.filter((upload) => !byKey.has(upload.key)).length,
      duplicated:
        [...byKey.values()].filter((list) => list.length > 1).length +
        found.filter((record) => !uploadKeys.has(record.source.key)).length,
      stuck: found.filter((record) => !isFinal(record)).length,
      outcomes,
      wrongCodes,
      retriedRecords: found.filter((record) => record.attempts > 1).length,
      retriedDeliveries: processes.reduce((sum, process) => sum + (process.status?.retries ?? 0), 0),
      deadLettered: processes.reduce((sum, process) => sum + (process.status?.deadLettered ?? 0), 0),
      requeuedOnRestart,
      faults,
      allFinalSeconds,
      receiptsPerSecond: count / allFinalSeconds,
      peakRssMb: Math.round(Math.max(...processes.map((process) => process.peakRss)) / 1024 / 1024),
      memory: memoryReport(processes.flatMap((process) => process.samples)),
    };
  } finally {
    await Promise.allSettled(processes.map((process) => process.stop()));
    clients.s3.destroy();
    clients.dynamodb.destroy();
    clients.sqs.destroy();
    await rm(dataDir, { recursive: true, force: true });
  }
}
