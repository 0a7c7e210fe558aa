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
import { BurstStalledError, diagnosis, type ProcessState, type QueueAnswer } from './diagnosis.js';
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
  /**
   * Limit of the whole run, from its start (default 2 h). A wait for a stack process or for the faults' milestones
   * that reaches it throws a BurstStalledError saying what it waited for; records not final at the end are
   * counted as stuck, and the report's `diagnosis` says why. Keep it well under a test's timeout, so that a stall
   * fails with its reason.
   */
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
  /** When a record is not final, what the run was waiting for (diagnosis.ts); else undefined. */
  diagnosis: string | undefined;
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
const LATE = Symbol('late');

/** A running stack process, its latest status and a way to wait for its messages. */
class StackProcess {
  status: Extract<StackMessage, { type: 'status' }> | undefined;
  statusAt: number | undefined;
  /**
   * What it has said of its start: `loaded` (a standby), then `ready` (its stack runs). It hears `stop` after
   * either.
   */
  stage: 'starting' | 'loaded' | 'ready' = 'starting';
  peakRss = 0;
  readonly samples: MemorySample[] = [];
  readonly #child: ChildProcess;
  readonly #waiters: { test: (message: StackMessage) => boolean; done: (message: StackMessage) => void }[] =
    [];

  constructor(
    env: Record<string, string>,
    clock: () => number,
    readonly role: string,
  ) {
    this.#child = fork(STACK_PROCESS, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.#child.on('message', (message: StackMessage) => {
      if (message.type === 'ready' || message.type === 'loaded') this.stage = message.type;
      if (message.type === 'status') {
        this.status = message;
        this.statusAt = performance.now();
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

  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  next<T extends StackMessage['type']>(type: T): Promise<Extract<StackMessage, { type: T }>> {
    return new Promise((done, fail) => {
      const onExit = (code: number | null, signal: string | null) =>
        fail(new Error(`the stack process exited (${signal ?? code}) before "${type}"`));
      // A process that is already gone sends no 'exit' again.
      if (!this.running) {
        onExit(this.#child.exitCode, this.#child.signalCode);
        return;
      }
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

  /** Its state and what its queue holds, for a diagnosis: a process that does not answer in 2 s is said to. */
  async describe(): Promise<ProcessState> {
    const state = this.running
      ? 'running'
      : `ended (${this.#child.signalCode ?? `exit code ${this.#child.exitCode}`})`;
    let queue: QueueAnswer | string =
      this.stage === 'loaded'
        ? 'none yet (a standby: its modules loaded, it waits to start the stack)'
        : 'none yet (still starting: it has not said ready)';
    if (this.running && this.stage === 'ready' && this.#child.connected) {
      const answer = this.next('queue');
      answer.catch(() => {});
      this.send({ type: 'diagnose' });
      queue = await Promise.race([
        answer.catch((error: unknown) => String(error)),
        sleep(2000).then(() => 'no answer within 2 s (its event loop is blocked or very busy)'),
      ]);
    }
    return {
      pid: this.#child.pid,
      role: this.role,
      state,
      status: this.status,
      statusAgeSeconds: this.statusAt === undefined ? undefined : (performance.now() - this.statusAt) / 1000,
      queue,
    };
  }

  async kill(): Promise<void> {
    const exited = new Promise((done) => this.#child.once('exit', done));
    this.#child.kill('SIGKILL');
    await exited;
  }

  /**
   * Asks it to stop; one that has not exited 20 s later is killed (a stop must not hang the run), and one still
   * starting at once (it has nothing to keep: the data folder is the run's, and removed).
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    const exited = new Promise((done) => this.#child.once('exit', done));
    const answers = this.stage !== 'starting' && this.#child.connected;
    if (answers) this.send({ type: 'stop' });
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), answers ? 20_000 : 0);
    await exited;
    clearTimeout(timer);
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
  const deadline = performance.now() + (options.timeoutMs ?? 7_200_000);

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
  let readError = '';
  /** Final records; 0 while they cannot be read (DynamoDB down), the reason logged once. */
  const finalCount = async () => {
    try {
      const final = (await records()).filter(isFinal).length;
      readError = '';
      return final;
    } catch (error) {
      if (String(error) !== readError) log(`records unreadable: ${error}`);
      readError = String(error);
      return 0;
    }
  };

  let phase = 'the first stack process to start';
  const diagnose = async () =>
    diagnosis({
      phase,
      elapsedSeconds: clock(),
      faults,
      processes: await Promise.all(processes.map((process) => process.describe())),
      uploadKeys: uploads.map((upload) => upload.key),
      records: await records().catch((error: unknown) => String(error)),
      isFinal,
    });
  /** `promise`, or a BurstStalledError with the diagnosis if it has not settled by the deadline. */
  const within = async <T>(what: string, promise: Promise<T>): Promise<T> => {
    phase = what;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<typeof LATE>((done) => {
      timer = setTimeout(() => done(LATE), Math.max(0, deadline - performance.now()));
    });
    try {
      const result = await Promise.race([promise, late]);
      if (result === LATE) throw new BurstStalledError(await diagnose());
      return result as T;
    } finally {
      clearTimeout(timer);
    }
  };

  try {
    const start = async () => {
      const stack = new StackProcess(env, clock, 'first');
      processes.push(stack);
      return within('the first stack process to start', stack.next('ready'));
    };
    /** A process that has loaded its modules and starts the stack when told (stack-process.ts). */
    const standby = () => {
      const spare = new StackProcess({ ...env, STACK_STANDBY: '1' }, clock, 'restarted');
      processes.push(spare);
      const loaded = spare.next('loaded');
      loaded.catch(() => {});
      return async () => {
        await within('the standby stack process to load its modules', loaded);
        const ready = spare.next('ready');
        spare.send({ type: 'start' });
        return { stack: spare, requeued: (await within('the restarted stack to start', ready)).requeued };
      };
    };

    await start();
    let stack = processes[0] as StackProcess;
    log(
      `uploading ${count} receipts at once (${uploads.filter((upload) => upload.expectedCode).length} broken)`,
    );
    const started = performance.now();
    uploadsAt = started;
    await within(
      'the uploads to S3',
      Promise.all(
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
      ),
    );

    /** Until `target` records are final (at most all); a stack process that died, or the deadline, ends it. */
    const waitForFinal = async (target: number) => {
      phase = `${Math.min(target, count)}/${count} records final`;
      for (
        let final = await finalCount(), seen = -1;
        final < Math.min(target, count);
        final = await finalCount()
      ) {
        if (final !== seen) log(`${final}/${count} final, waiting for ${Math.min(target, count)}`);
        seen = final;
        if (!stack.running || performance.now() > deadline) throw new BurstStalledError(await diagnose());
        await sleep(pollMs);
      }
    };
    /** Deliveries the stack processes' handlers finished (their own count, over IPC: no DynamoDB read). */
    const handled = () => processes.reduce((sum, process) => sum + (process.status?.handled ?? 0), 0);

    if (outageMs > 0) {
      const restart = standby();
      // Paced by records settling one by one (a delivery batch holds up to ten receipts).
      await waitForFinal(Math.ceil(count * 0.1));
      for (const service of ['dynamodb', 's3'] as const) {
        const before = await finalCount();
        log(`${service} down for ${outageMs / 1000} s (${before}/${count} final)`);
        const restored = stack.next('restored');
        stack.send({ type: 'outage', service, ms: outageMs });
        await within(`${service} to come back after its outage`, restored);
        faults.push(`${service} down ${outageMs / 1000} s at ${before}/${count} final`);
        await waitForFinal(before + Math.ceil(count * 0.05));
      }
      const before = await finalCount();
      log(`SIGKILL with ${before}/${count} final; starting again on the same data`);
      await within('the SIGKILLed stack process to exit', stack.kill());
      const restarted = await restart();
      stack = restarted.stack;
      requeuedOnRestart = restarted.requeued;
      faults.push(
        `SIGKILL at ${before}/${count} final; restart queued ${requeuedOnRestart} unsettled uploads`,
      );
    }

    // Until every record is final, or the queue is empty with nothing final for a while (then: stuck), or the
    // stack process is gone. The records are read only when the queue is empty: before that, work is visibly
    // pending, and reading them every poll cost the small fault run about as much CPU as its receipts.
    phase = 'every record final';
    let idleSince: number | undefined;
    let last = -1;
    while (performance.now() < deadline && stack.running) {
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
    const lost = uploads.filter((upload) => !byKey.has(upload.key)).length;
    const stuck = found.filter((record) => !isFinal(record)).length;
    return {
      uploads: count,
      records: found.length,
      lost,
      duplicated:
        [...byKey.values()].filter((list) => list.length > 1).length +
        found.filter((record) => !uploadKeys.has(record.source.key)).length,
      stuck,
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
      diagnosis: lost + stuck > 0 ? await diagnose() : undefined,
    };
  } finally {
    await Promise.allSettled(processes.map((process) => process.stop()));
    clients.s3.destroy();
    clients.dynamodb.destroy();
    clients.sqs.destroy();
    await rm(dataDir, { recursive: true, force: true });
  }
}
