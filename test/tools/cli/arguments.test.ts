import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The command-line tools that read options, with the start of the usage each prints. */
const TOOLS = [
  ['tools/cli/ocr.ts', 'usage: pnpm ocr '],
  ['tools/eval/eval.ts', 'usage: pnpm eval '],
  ['tools/render/cli.ts', 'usage: pnpm render:receipts '],
  ['tools/local/token.ts', 'usage: pnpm api-token '],
  ['tools/package/package-ocr.ts', 'usage: pnpm package:ocr '],
  ['tools/cost/cost.ts', 'usage: pnpm cost '],
  ['tools/bench/bench.ts', 'usage: pnpm bench '],
  ['tools/bench/languages.ts', 'usage: pnpm bench:languages '],
  ['tools/local/redrive-cli.ts', 'usage: pnpm redrive '],
  ['tools/local/bench-pipeline.ts', 'usage: pnpm bench:pipeline '],
  ['tools/local/burst.ts', 'usage: pnpm bench:burst '],
] as const;

const run = (tool: string, option: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.resolve(tool), option], {
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('--help', () => {
  it.each(TOOLS)('%s prints its usage on stdout and exits 0, doing nothing else', (tool, usage) => {
    const help = run(tool, '--help');

    expect(help.status).toBe(0);
    expect(help.stdout.startsWith(usage)).toBe(true);
    expect(help.stderr).toBe('');
  });
});

describe('a wrong option', () => {
  it.each(TOOLS)('%s answers it with the message and its usage, exit 2, no stack trace', (tool, usage) => {
    const wrong = run(tool, '--hlep');

    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("Unknown option '--hlep'");
    expect(wrong.stderr).toContain(usage);
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
  });
});
