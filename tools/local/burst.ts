/**
 * `pnpm bench:burst [--count 500] [--broken 0.1] [--faults] [--outage 10] [--images DIR] [--languages eng+spa]
 * [--timeline FILE]`:
 * uploads receipts all at once to the local stack (in its own process, on free ports, with throw-away data),
 * optionally with faults during the burst (DynamoDB down, then S3 down, for --outage seconds each, then SIGKILL
 * and a restart), and prints the accounting: records, lost, duplicated, stuck, retried, the outcome of each, time
 * to all final, receipts/s and the peak RSS of the stack process with what it held then (JavaScript heap, each
 * WASM memory); --timeline writes every memory sample as CSV. Exit code 1 when anything is lost, duplicated,
 * stuck or failed with the wrong code. Without --images the receipts are generated (English, Spanish, euro,
 * rotated; JPEG, PNG, WebP).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgsOrExit } from '../cli/run-main.js';
import {
  ENGLISH_RECEIPT,
  renderReceipt,
  SPANISH_EURO_RECEIPT,
  SPANISH_RECEIPT,
} from '../samples/receipt-images.js';
import {
  type BurstReport,
  folderUploads,
  type MemorySample,
  runBurst,
  type Upload,
} from './fault/fault-run.js';

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

function described(sample: MemorySample | undefined): string {
  if (sample === undefined) return 'no sample';
  const wasm = sample.wasm.length > 0 ? sample.wasm.map(mb).join(' + ') : 'none';
  return `RSS ${mb(sample.rss)} MB at ${sample.at.toFixed(0)} s (queue depth ${sample.depth}): JavaScript heap ${mb(sample.heapUsed)} MB, WASM memories ${wasm} MB`;
}

function timeline(samples: readonly MemorySample[]): string {
  const rows = samples.map((sample) =>
    [
      sample.at.toFixed(2),
      mb(sample.rss),
      mb(sample.heapUsed),
      sample.wasm.map(mb).join(' '),
      sample.depth,
    ].join(','),
  );
  return `${['seconds,rss_mb,heap_mb,wasm_mb,depth', ...rows].join('\n')}\n`;
}

const USAGE =
  'usage: pnpm bench:burst [--count 500] [--broken 0.1] [--faults] [--outage 10] [--images DIR] [--languages eng+spa]\n' +
  '                        [--timeline FILE]';

const { values } = parseArgsOrExit(USAGE, {
  options: {
    count: { type: 'string', default: '500' },
    broken: { type: 'string', default: '0.1' },
    faults: { type: 'boolean', default: false },
    outage: { type: 'string', default: '10' },
    images: { type: 'string' },
    languages: { type: 'string', default: 'eng+spa' },
    timeline: { type: 'string' },
  },
});

async function generated(): Promise<Upload[]> {
  return [
    {
      name: 'english',
      body: await renderReceipt({ ...ENGLISH_RECEIPT, format: 'jpeg' }),
      contentType: 'image/jpeg',
    },
    { name: 'spanish', body: await renderReceipt(SPANISH_RECEIPT), contentType: 'image/png' },
    {
      name: 'euro',
      body: await renderReceipt({ ...SPANISH_EURO_RECEIPT, format: 'webp' }),
      contentType: 'image/webp',
    },
    {
      name: 'rotated',
      body: await renderReceipt({ ...ENGLISH_RECEIPT, rotate: 90 }),
      contentType: 'image/png',
    },
  ];
}

function print(report: BurstReport, options: { faults: boolean; images: string }): void {
  const outcomes = Object.entries(report.outcomes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([outcome, count]) => `${outcome} ${count}`)
    .join('; ');
  console.log(`
## Burst on the local stack (${new Date().toISOString().slice(0, 16)}Z, Node ${process.version})

${report.uploads} receipts uploaded at once (${options.images}), ${options.faults ? `faults: ${report.faults.join('; ')}` : 'no faults'}
| records | lost | duplicated | stuck | wrong code | retried records | retried deliveries | dead-lettered |
|---|---|---|---|---|---|---|---|
| ${report.records} | ${report.lost} | ${report.duplicated} | ${report.stuck} | ${report.wrongCodes} | ${report.retriedRecords} | ${report.retriedDeliveries} | ${report.deadLettered} |

- outcomes: ${outcomes}
- all final in ${report.allFinalSeconds.toFixed(1)} s (${report.receiptsPerSecond.toFixed(2)} receipts/s)
- peak RSS of the stack process: ${report.peakRssMb} MB
- at the peak: ${described(report.memory.atPeak)}
- largest WASM total: ${described(report.memory.peakWasm)}${options.faults ? `\n- requeued by the restart: ${report.requeuedOnRestart}` : ''}
`);
}

const receipts = values.images ? await folderUploads(values.images) : await generated();
const report = await runBurst({
  receipts,
  count: Number(values.count),
  brokenShare: Number(values.broken),
  outageMs: values.faults ? Number(values.outage) * 1000 : 0,
  env: { OCR_LANGUAGES: values.languages },
  log: (line) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`),
});
print(report, {
  faults: values.faults,
  images: values.images ? `images of ${values.images}` : 'generated receipts',
});
// What the run was waiting for when it gave up (a wait for the faults' milestones throws it instead).
if (report.diagnosis) console.log(report.diagnosis);
if (values.timeline) await writeFile(values.timeline, timeline(report.memory.samples));
if (report.lost + report.duplicated + report.stuck + report.wrongCodes > 0) process.exitCode = 1;
