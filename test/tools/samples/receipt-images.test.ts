import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ENGLISH_RECEIPT, renderReceipt, SAMPLE_FONT_CONFIG } from '../../../tools/samples/receipt-images.js';

const run = promisify(execFile);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('sample receipt images', () => {
  it('ship their font and licence beside the renderer', () => {
    const folder = path.dirname(SAMPLE_FONT_CONFIG);
    expect(existsSync(path.join(folder, 'DejaVuSansMono.ttf'))).toBe(true);
    expect(existsSync(path.join(folder, 'LICENSE'))).toBe(true);
    expect(process.env.FONTCONFIG_FILE).toBe(SAMPLE_FONT_CONFIG);
  });

  it('render the same pixels in a process whose fontconfig knows no font at all', async () => {
    // Prepare: a child whose own font configuration is empty, as on a slim machine without fonts.
    const dir = mkdtempSync(path.join(tmpdir(), 'receipt-font-'));
    const emptyConfig = path.join(dir, 'fonts.conf');
    writeFileSync(emptyConfig, '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n');
    const module = path.resolve('tools/samples/receipt-images.ts');
    const script = `const { ENGLISH_RECEIPT, renderReceipt } = await import(${JSON.stringify(module)});
      const { createHash } = await import('node:crypto');
      process.stdout.write(createHash('sha256').update(await renderReceipt(ENGLISH_RECEIPT)).digest('hex'));`;

    // Act
    const child = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: {
        ...process.env,
        FONTCONFIG_FILE: emptyConfig,
        HOME: dir,
        XDG_CONFIG_HOME: dir,
        XDG_DATA_HOME: dir,
      },
      timeout: 60_000,
    });
    const here = sha256(await renderReceipt(ENGLISH_RECEIPT));

    // Assess: the shipped font was used there as here (an empty fontconfig renders no text: other pixels).
    expect(child.stdout).toBe(here);
  });
});
