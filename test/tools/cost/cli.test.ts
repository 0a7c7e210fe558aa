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
  it('answers a wrong option or value with its message and the usage, not a stack trace', () => {
    const unknown = cost('--hlep');
    const negative = cost('--receipts-per-day', '0');

    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--hlep'");
    expect(unknown.stderr).toContain('usage: pnpm cost');
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    expect(negative.status).toBe(2);
    expect(negative.stderr).toContain('--receipts-per-day must be a positive number, got "0"');
  });

  it('prints its usage when asked', () => {
    const help = cost('--help');

    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: pnpm cost /);
  });
});
