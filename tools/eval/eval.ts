/**
 * `pnpm eval <set-dir>... [--json] [--limit N] [--show-misses] [--lang eng+spa] [--concurrency N]
 *            [--ocr-cache DIR] [--min total=0.9,...] [--floors FILE] [--models fast+best_int]`
 *
 * Runs the real engine over labelled receipt sets and prints, per set, the accuracy of each labelled field,
 * what the OCR text contains (tells reading errors from extraction errors), item F1, the character error rate
 * and the time per receipt; then how well confidence predicts a right total or date over all sets. Exits 1
 * when a set falls below a floor. See docs/fields.md.
 */

import { runMain } from '../cli/run-main.js';
import { parseEvalArgs, USAGE, UsageError } from './args.js';
import { type Calibration, calibration } from './calibration.js';
import { DatasetError, findSetDirs, loadSet } from './dataset.js';
import { assertLabelled, belowFloors, type Floors, FloorsError, readFloorsFile } from './floors.js';
import { labelledFields } from './labels.js';
import { printCalibration, printMisses, printRunInfo, printSet } from './report.js';
import { runSets } from './run.js';
import { summarise } from './score.js';

async function main(argv: readonly string[]): Promise<number> {
  const args = parseEvalArgs(argv);
  const sets = findSetDirs(args.dirs).map((dir) => loadSet(dir, args.limit));
  const fileFloors = args.floorsFile !== undefined ? readFloorsFile(args.floorsFile) : undefined;
  // Checked before any OCR runs: a floor that cannot apply is a mistake in the command, not a result.
  const floorsBySet = sets.map((set) => {
    const floors: Floors[] = args.min ? [args.min] : [];
    if (fileFloors) {
      const own = fileFloors.get(set.name);
      if (own === undefined) throw new FloorsError(`${args.floorsFile} has no floors for set "${set.name}"`);
      floors.push(own);
    }
    const labelled = labelledFields(set.samples.map((s) => s.label));
    for (const f of floors) assertLabelled(set.name, f, labelled);
    return floors;
  });

  const run = await runSets(sets, args);
  const results = run.sets.map(({ set, scores }) => ({ set, scores, summary: summarise(scores) }));
  const allScores = run.sets.flatMap((r) => r.scores);
  const calibrated: Calibration = calibration(allScores);
  const failures = results.flatMap(({ set, summary }, i) =>
    (floorsBySet[i] ?? []).flatMap((floors) => belowFloors(set.name, floors, summary)),
  );
  const cache = args.cacheDir ? { dir: args.cacheDir, receiptsFromCache: run.receiptsFromCache } : null;

  if (args.json) {
    const sets = results.map(({ set, scores, summary }) => ({
      name: set.name,
      dir: set.dir,
      ...summary,
      ...(args.showMisses ? { perReceipt: scores } : {}),
    }));
    const out = {
      engine: run.engine,
      concurrency: args.concurrency,
      ocrCache: cache,
      engineFailures: run.failures,
      sets,
      calibration: calibrated,
      floors: { checked: floorsBySet.some((f) => f.length > 0), failures },
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else {
    printRunInfo(run.engine, cache, args.concurrency);
    for (const f of run.failures) process.stdout.write(`ENGINE FAILED on ${f.set}/${f.id}: ${f.error}\n`);
    for (const { set, scores, summary } of results) {
      if (args.showMisses) printMisses(set.name, scores);
      printSet(set.name, set.dir, summary);
    }
    printCalibration(calibrated, allScores.length, results.length);
  }
  for (const failure of failures) process.stderr.write(`BELOW FLOOR ${failure}\n`);
  return failures.length > 0 ? 1 : 0;
}

runMain(
  'eval',
  USAGE,
  () => main(process.argv.slice(2)),
  (error) => error instanceof UsageError || error instanceof DatasetError || error instanceof FloorsError,
);
