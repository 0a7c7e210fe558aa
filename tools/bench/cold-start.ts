/** Child process of `pnpm bench`: prints how long this process took from its start to a ready engine. */
import { performance } from 'node:perf_hooks';
import { createReceiptEngine } from '@receipt-ocr/engine';

const engine = await createReceiptEngine();
// performance.now() counts from the process's time origin, so this includes Node start and module loading.
const readyMs = performance.now();
await engine.close();
process.stdout.write(`${JSON.stringify({ readyMs, rssBytes: process.memoryUsage.rss() })}\n`);
