/** Expands the CLI's file and folder arguments into the list of files to read, in a stable order. */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface InputFile {
  /** The path as given, or the folder as given joined with the file name. */
  readonly file: string;
  /** Why the path cannot be read at all (missing, unreadable); such inputs are reported, not skipped. */
  readonly problem?: string;
}

export async function expandInputs(paths: readonly string[]): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for (const given of paths) {
    let isFolder: boolean;
    try {
      isFolder = (await stat(given)).isDirectory();
    } catch (error) {
      files.push({ file: given, problem: (error as NodeJS.ErrnoException).code ?? String(error) });
      continue;
    }
    if (!isFolder) {
      files.push({ file: given });
      continue;
    }
    const entries = await readdir(given, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      // Folders of scans often hold .DS_Store and the like; nested folders are not walked.
      if (entry.isFile() && !entry.name.startsWith('.')) files.push({ file: path.join(given, entry.name) });
    }
  }
  return files;
}

/**
 * The image files of a benchmark's folder argument (a labelled set's `images/` subfolder when it has one), at most
 * `limit` of them; without the argument, prints `usage` and exits 2.
 */
export async function receiptImageFiles(
  given: string | undefined,
  limit: string | undefined,
  usage: string,
): Promise<{ dir: string; files: string[] }> {
  if (given === undefined) {
    process.stderr.write(`usage: ${usage}\n`);
    process.exit(2);
  }
  const dir = existsSync(path.join(given, 'images')) ? path.join(given, 'images') : given;
  const files = (await expandInputs([dir])).map((input) => input.file);
  return { dir, files: limit === undefined ? files : files.slice(0, Number(limit)) };
}
