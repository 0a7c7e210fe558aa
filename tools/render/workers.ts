/**
 * Render jobs on worker threads, so that the pixel loops written in JavaScript use every core (sharp's own
 * work already runs on libuv's threads). Each worker renders whole receipts and writes their files.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { type BuildOptions, type JobRunner, type RenderJob, renderOne, type Written } from './dataset.js';

interface JobMessage {
  readonly id: number;
  readonly job: RenderJob;
}

type ResultMessage =
  | { readonly id: number; readonly written: Written[] }
  | { readonly id: number; readonly error: string };

export function workerPool(options: BuildOptions, size: number): JobRunner {
  return async (jobs, progress) => {
    // Workers inherit the parent's exec arguments, so the TypeScript loader that runs the CLI loads this file too.
    const workers = Array.from(
      { length: Math.max(1, size) },
      () => new Worker(new URL(import.meta.url), { workerData: { out: options.out, seed: options.seed } }),
    );
    const results: Written[][] = new Array(jobs.length);
    let next = 0;
    try {
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve, reject) => {
              const send = () => {
                if (next >= jobs.length) {
                  resolve();
                  return;
                }
                const id = next;
                next += 1;
                worker.postMessage({ id, job: jobs[id] as RenderJob } satisfies JobMessage);
              };
              worker.on('message', (message: ResultMessage) => {
                if ('error' in message) {
                  reject(new Error(message.error));
                  return;
                }
                results[message.id] = message.written;
                progress();
                send();
              });
              worker.on('error', reject);
              send();
            }),
        ),
      );
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
    return results;
  };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const options = workerData as Pick<BuildOptions, 'out' | 'seed'>;
  port.on('message', ({ id, job }: JobMessage) => {
    renderOne(options, job.language, job.index, job.variants).then(
      (written) => port.postMessage({ id, written } satisfies ResultMessage),
      (error: unknown) =>
        port.postMessage({
          id,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        } satisfies ResultMessage),
    );
  });
}
