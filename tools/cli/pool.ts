/**
 * Runs items through N engines, each taking the next item when it is free (tesseract.js recognition is
 * single-threaded, so one engine per core is how a batch uses the machine).
 */
import { createReceiptEngine, type EngineOptions, type ReceiptEngine } from '@receipt-ocr/engine';

export async function withEngines<T>(
  count: number,
  options: Partial<EngineOptions>,
  use: (engines: ReceiptEngine[]) => Promise<T>,
): Promise<T> {
  const started = await Promise.allSettled(Array.from({ length: count }, () => createReceiptEngine(options)));
  const engines = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  try {
    const failed = started.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    return await use(engines);
  } finally {
    await Promise.all(engines.map((engine) => engine.close()));
  }
}

/** Processes every item with the first free engine; `handle` must not throw (it reports per item). */
export async function runPool<I>(
  engines: readonly ReceiptEngine[],
  items: readonly I[],
  handle: (engine: ReceiptEngine, item: I, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    engines.map(async (engine) => {
      while (next < items.length) {
        const index = next;
        next += 1;
        await handle(engine, items[index] as I, index);
      }
    }),
  );
}
