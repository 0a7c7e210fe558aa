import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const COST = path.resolve('tools/cost/cost.ts');

function cost(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', COST, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('pnpm cost', () => {
  it('answers a wrong value or bench file with its message and the usage, exit 2', () => {
    const zero = cost('--receipts-per-day', '0');
    const noBench = cost('--bench', path.resolve('no-such-bench.json'));

    expect(zero.status).toBe(2);
    expect(zero.stderr).toContain('--receipts-per-day must be a positive number, got "0"');
    expect(noBench.status).toBe(2);
    expect(noBench.stderr).toContain('cannot be read as `pnpm bench --json` output');
    expect(noBench.stderr).toContain('usage: pnpm cost');
  });
});
