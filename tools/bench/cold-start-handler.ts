/**
 * `pnpm exec tsx tools/bench/cold-start-handler.ts [<package dir>[::<NODE_OPTIONS>]...] [--runs N]`: the OCR Lambda's cold start on
 * the compiled handler, as the Lambda runtime pays it. Each run is a fresh `node` process (no tsx) that imports
 * `app/ocr/handler.mjs` from the package `pnpm package:ocr` wrote (default dist/ocr-image): the module awaits
 * its engine at top level, so the import settles when the handler is ready for a receipt. Prints process start
 * -> ready (performance.now() counts from the process's time origin) and the RSS then, median and spread. Several
 * packages (e.g. one built from main) are measured run by run in turn, so a loaded machine weighs on each alike.
 * Each process gets the environment the image sets (Dockerfile.lambda's ENV: image-environment.ts), its
 * NODE_OPTIONS replaced when the package is named with `::<options>` (`dist/ocr-image::` for none). Also prints the CPU time at ready (all threads: the
 * tesseract.js worker's start included), steadier than wall time on a shared machine.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { imageEnvironment } from './image-environment.js';

const run = promisify(execFile);

const PROBE = `
const started = performance.now();
await import(process.argv[1]);
const readyMs = performance.now();
const usage = process.cpuUsage();
const { shutdown } = await import(process.argv[1]);
const rssBytes = process.memoryUsage.rss();
await shutdown?.();
console.log(JSON.stringify({ readyMs, importMs: readyMs - started, cpuMs: (usage.user + usage.system) / 1000, rssBytes }));
`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { runs: { type: 'string', default: '5' } },
  });
  const variants = (positionals.length > 0 ? positionals : ['dist/ocr-image']).map((arg) => {
    const [dir = '', nodeOptions = IMAGE.NODE_OPTIONS ?? ''] = arg.split('::');
    return { name: arg, dir: path.resolve(dir), nodeOptions };
  });
  for (const { dir } of variants) {
    if (!existsSync(path.join(dir, 'app', 'ocr', 'handler.mjs'))) {
      process.stderr.write(`no handler in ${dir}: run pnpm package:ocr --arch ${process.arch} first\n`);
      process.exit(2);
    }
  }
  const runs = new Map<string, Probe[]>(variants.map(({ name }) => [name, []]));
  for (let i = 0; i < Number(values.runs); i += 1) {
    for (const variant of variants)
      runs.get(variant.name)?.push(await probe(variant.dir, variant.nodeOptions));
  }
  for (const [name, probes] of runs) {
    const ready = probes.map((r) => r.readyMs).sort((a, b) => a - b);
    const median = ready[Math.floor(ready.length / 2)] ?? Number.NaN;
    const cpu = probes.map((r) => r.cpuMs).sort((a, b) => a - b);
    const rss = Math.max(...probes.map((r) => r.rssBytes));
    console.log(
      `${name}: cold start of the compiled handler over ${probes.length} fresh processes: median ${median.toFixed(0)} ms ` +
        `(min ${ready[0]?.toFixed(0)}, max ${ready.at(-1)?.toFixed(0)}), CPU median ` +
        `${(cpu[Math.floor(cpu.length / 2)] ?? Number.NaN).toFixed(0)} ms, RSS at ready up to ${(rss / 1e6).toFixed(0)} MB`,
    );
  }
}

const IMAGE = imageEnvironment();

interface Probe {
  readonly readyMs: number;
  readonly cpuMs: number;
  readonly rssBytes: number;
}

async function probe(dir: string, nodeOptions: string): Promise<Probe> {
  const env = {
    PATH: process.env.PATH ?? '',
    ...IMAGE,
    RECEIPTS_BUCKET: 'cold-start',
    RECEIPTS_TABLE: 'cold-start',
    AWS_REGION: 'us-east-1',
    TESSDATA_PATH: path.join(dir, 'tessdata'),
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_LOG_LEVEL: 'WARN',
    NODE_OPTIONS: nodeOptions,
  };
  const handler = path.join(dir, 'app', 'ocr', 'handler.mjs');
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', PROBE, handler], {
    cwd: dir,
    env,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Probe;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
