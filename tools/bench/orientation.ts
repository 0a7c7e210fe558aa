/**
 * `pnpm tsx tools/bench/orientation.ts <file|dir>...`: the orientation check alone (no recognition) on
 * upright receipt images turned 0, 90, 180 and 270 degrees: how often it names the turn that makes each upright,
 * how often it is sure, and how often it is sure and wrong (the cases recognition cannot repair: a sure answer
 * is not probed, and a sure axis only has the other way up probed).
 */
import { readFileSync } from 'node:fs';
import {
  analysisCopy,
  checkEncodedInput,
  findTextLines,
  loadReceipt,
  measureOrientation,
} from '@receipt-ocr/engine/internals';
import sharp from 'sharp';
import { expandInputs } from '../cli/inputs.js';

const LIMITS = { maxBytes: 50 * 1024 * 1024, maxPixels: 64_000_000 };
const TURNS = [0, 90, 180, 270] as const;

async function main(): Promise<void> {
  const files = (await expandInputs(process.argv.slice(2)))
    .filter((input) => input.problem === undefined)
    .map((input) => input.file);
  if (files.length === 0) throw new Error('usage: pnpm tsx tools/bench/orientation.ts <file|dir>...');
  for (const turn of TURNS) {
    let right = 0;
    let sure = 0;
    let sureWrong = 0;
    let axisWrong = 0;
    for (const file of files) {
      const original = readFileSync(file);
      const bytes =
        turn === 0 ? original : await sharp(original).rotate(turn).jpeg({ quality: 92 }).toBuffer();
      const loaded = await loadReceipt(bytes, checkEncodedInput(bytes, LIMITS), LIMITS);
      const lines = findTextLines(await analysisCopy(loaded.image));
      const found = measureOrientation(loaded.image, lines.angleDegrees);
      // Turned `turn` clockwise: (360 - turn) more make it upright.
      const ok = found.turn === (360 - turn) % 360;
      const certain = found.axisSure && found.flipSure;
      right += ok ? 1 : 0;
      sure += certain ? 1 : 0;
      if (certain && !ok) {
        sureWrong += 1;
        process.stderr.write(`sure and wrong: ${file} turned ${turn} ${JSON.stringify(found.evidence)}\n`);
      }
      // Sure of the axis and wrong about it: the probe only tries the other way up then.
      if (found.axisSure && (found.turn - (360 - turn)) % 180 !== 0) {
        axisWrong += 1;
        process.stderr.write(
          `sure of a wrong axis: ${file} turned ${turn} ${JSON.stringify(found.evidence)}\n`,
        );
      }
    }
    process.stdout.write(
      `turned ${turn}: right ${right}/${files.length}, sure ${sure}, sure and wrong ${sureWrong}, sure of a wrong axis ${axisWrong}\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
