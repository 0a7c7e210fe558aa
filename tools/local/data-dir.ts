/**
 * The local stack's data folder: one stack at a time (dynalite's LevelDB cannot be shared, and a second stack
 * on the same folder used to fail later with a bare "Database is closed"), and the connection file `local.json`,
 * which holds a 24-hour API token, readable by its owner only.
 */
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const LOCK_FILE = 'stack.lock';
export const LOCAL_INFO_FILE = 'local.json';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the folder for this process, or throws naming the process that holds it. A lock left by a process that
 * no longer runs (killed, crashed) is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<{ release(): Promise<void> }> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
      throw new Error(
        `another local stack (process ${holder}) is using ${dataDir}: stop it first, or set LOCAL_DATA_DIR to another folder`,
      );
    }
    await rm(file, { force: true });
  }
  throw new Error(`could not lock ${dataDir}: another local stack is starting on it`);
}

/** Writes `local.json` for its owner only (mode 600, also when the file existed with wider permissions). */
export async function writeLocalInfo(dataDir: string, info: object): Promise<string> {
  const file = join(dataDir, LOCAL_INFO_FILE);
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return file;
}
