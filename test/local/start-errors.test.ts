/**
 * Starting the local stack when something is in the way: a port taken, another stack on the same data folder.
 * Each gives one sentence naming what to change, before anything heavy (the OCR engine) is loaded.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataDir, writeLocalInfo } from '../../tools/local/data-dir.js';
import { startLocalStack } from '../../tools/local/stack.js';

let dataDir: string;
let occupied: Server;
let occupiedPort: number;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'receipt-ocr-start-'));
  occupied = createServer();
  await new Promise<void>((resolve) => occupied.listen(0, '127.0.0.1', () => resolve()));
  occupiedPort = (occupied.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => occupied.close(resolve));
  await rm(dataDir, { recursive: true, force: true });
});

describe('a port in use', () => {
  it.each([
    ['S3', { s3Port: -1, dynamodbPort: 0 }, 'S3_PORT'],
    ['DynamoDB', { s3Port: 0, dynamodbPort: -1 }, 'DYNAMODB_PORT'],
  ])(
    '%s: names the port and the variable to set, and frees the data folder',
    async (_name, ports, variable) => {
      const options = Object.fromEntries(
        Object.entries(ports).map(([name, port]) => [name, port === -1 ? occupiedPort : port]),
      );
      await expect(startLocalStack({ dataDir, ...options })).rejects.toThrow(
        `127.0.0.1:${occupiedPort} is already in use: stop what holds it, or set ${variable} to another port`,
      );
      const lock = await lockDataDir(dataDir);
      await lock.release();
    },
  );
});

describe('the data folder', () => {
  it('is held by one stack at a time: a second one is told which process holds it', async () => {
    const lock = await lockDataDir(dataDir);
    await expect(startLocalStack({ dataDir, s3Port: 0, dynamodbPort: 0 })).rejects.toThrow(
      `another local stack (process ${process.pid}) is using ${dataDir}: stop it first, or set LOCAL_DATA_DIR to another folder`,
    );
    await lock.release();
  });

  it('is taken over from a stack that was killed', async () => {
    // Prepare: the lock of a process that has exited
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    await writeFile(join(dataDir, 'stack.lock'), `${gone}\n`);

    // Act
    const lock = await lockDataDir(dataDir);

    // Assess
    expect(await readFile(join(dataDir, 'stack.lock'), 'utf8')).toBe(`${process.pid}\n`);
    await lock.release();
  });

  it('keeps local.json (it holds a token) readable by its owner only, also when it existed before', async () => {
    await writeFile(join(dataDir, 'local.json'), '{}', { mode: 0o644 });
    const file = await writeLocalInfo(dataDir, { token: 'secret' });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ token: 'secret' });
  });
});
