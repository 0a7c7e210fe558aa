/** Runs a tool's entry file (tools/…/x.ts) in a child Node with tsx, as `pnpm <script>` would, and never throws. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ToolRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

export async function runTool(entry: string, args: readonly string[]): Promise<ToolRun> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', path.resolve(entry), ...args],
      {
        timeout: 120_000,
      },
    );
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as ToolRun;
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}
