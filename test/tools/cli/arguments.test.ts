import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The command-line tools that read options, with the start of the usage each prints. */
const TOOLS = [
  ['tools/cost/cost.ts', 'usage: pnpm cost '],
  ['tools/bench/bench.ts', 'usage: pnpm bench '],
  ['tools/local/redrive-cli.ts', 'usage: pnpm redrive '],
  ['tools/local/bench-pipeline.ts', 'usage: pnpm bench:pipeline '],
  ['tools/local/burst.ts', 'usage: pnpm bench:burst '],
] as const;

describe('a wrong option', () => {
  it.each(TOOLS)('%s answers it with the message and its usage, exit 2, no stack trace', (tool, usage) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.resolve(tool), '--hlep'], {
      encoding: 'utf8',
      timeout: 60_000,
    });

    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Unknown option '--hlep'");
    expect(run.stderr).toContain(usage);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
