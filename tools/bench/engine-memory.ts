/**
 * `pnpm exec tsx tools/bench/engine-memory.ts <dir> [--count 40] [--languages eng+spa] [--recycle-after N]
 * [--lang-path <tessdata>]`: one engine reads the receipt images of <dir> one after another (cycled up to --count) and prints, after each,
 * the process RSS, the main thread's JavaScript heap and the resident size of each WASM memory (memory.ts): how
 * the tesseract.js workers' heaps grow over a run and what recycling them gives back. The burst
 * (`pnpm bench:burst`) measures the whole stack; this measures the engine alone, in minutes.
 *   receipt  seconds  RSS  peak so far  heap  WASM (each)
 * Through tsx its loader thread is one more V8 isolate in the process: engine-memory-compiled.ts runs this file
 * compiled, beside the OCR image's own modules, as the function runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createReceiptEngine, type EngineOptions } from '@receipt-ocr/engine';
import { expandInputs } from '../cli/inputs.js';
import { wasmResident } from './memory.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    count: { type: 'string', default: '40' },
    languages: { type: 'string', default: 'eng+spa' },
    'recycle-after': { type: 'string' },
    'lang-path': { type: 'string' },
  },
});
const folder = positionals[0];
if (folder === undefined) {
  process.stderr.write(
    'usage: tools/bench/engine-memory.ts <dir> [--count 40] [--languages eng+spa] [--recycle-after N] [--lang-path <tessdata>]\n',
  );
  process.exit(2);
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return ((user + system) / 1e6).toFixed(1);
};
const files = (await expandInputs([folder])).map((input) => input.file);
const options: Partial<EngineOptions> = { languages: values.languages.split('+') };
if (values['recycle-after'] !== undefined) options.recycleAfterJobs = Number(values['recycle-after']);
if (values['lang-path'] !== undefined) options.langPath = values['lang-path'];
const engine = await createReceiptEngine(options);
const count = Number(values.count);
let peak = 0;
console.log(
  `engine warm: RSS ${mb(process.memoryUsage.rss())} MB, WASM ${wasmResident().map(mb).join(' + ')} MB`,
);
console.log('receipt\tseconds\tRSS\tpeak so far\theap\tWASM (MB each)');
const started = performance.now();
for (let index = 0; index < count && files.length > 0; index += 1) {
  const file = files[index % files.length] as string;
  const before = performance.now();
  await engine.process({ bytes: readFileSync(file) }).catch(() => undefined);
  const { rss, heapUsed } = process.memoryUsage();
  peak = Math.max(peak, rss);
  console.log(
    [
      `${index + 1} ${path.basename(file)}`,
      ((performance.now() - before) / 1000).toFixed(1),
      mb(rss),
      Math.round(process.resourceUsage().maxRSS / 1024),
      mb(heapUsed),
      wasmResident().map(mb).join(' + '),
    ].join('\t'),
  );
}
await engine.close();
console.log(
  `${count} receipts in ${((performance.now() - started) / 1000).toFixed(0)} s (CPU ${cpuSeconds()} s, all threads); highest RSS after a receipt ` +
    `${mb(peak)} MB; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
);
