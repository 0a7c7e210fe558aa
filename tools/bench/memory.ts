/**
 * Where a process's memory sits, for burst runs: RSS, the JavaScript heap, and the resident part of each
 * WebAssembly memory (a tesseract.js worker's, libheif's). V8 reserves about 10 GiB of address space for every
 * 32-bit WASM memory (the 4 GiB heap and its guard regions), so on Linux each one shows in /proc/self/smaps as a
 * run of adjacent mappings that large: their resident pages are that memory's real footprint, which no Node API
 * reports across worker threads.
 */
import { readFileSync } from 'node:fs';

/** A run of adjacent mappings at least this large is a WASM memory's reservation. */
const WASM_RESERVATION = 4n << 30n;
const MAPPING = /^([0-9a-f]+)-([0-9a-f]+) /;
const RESIDENT = /^Rss:\s+(\d+) kB/;

/** Resident bytes per WASM memory, from /proc/self/smaps (Linux; [] elsewhere). */
export function wasmResident(smaps = readSmaps()): number[] {
  const runs: { start: bigint; end: bigint; rss: number }[] = [];
  let run: (typeof runs)[number] | undefined;
  for (const line of smaps.split('\n')) {
    const mapping = MAPPING.exec(line);
    if (mapping) {
      const start = BigInt(`0x${mapping[1]}`);
      const end = BigInt(`0x${mapping[2]}`);
      if (run?.end === start) run.end = end;
      else {
        run = { start, end, rss: 0 };
        runs.push(run);
      }
      continue;
    }
    const resident = RESIDENT.exec(line);
    if (resident && run) run.rss += Number(resident[1]) * 1024;
  }
  // Two reservations next to each other merge into one run and count as one entry (their sum).
  return runs
    .filter((r) => r.end - r.start >= WASM_RESERVATION)
    .map((r) => r.rss)
    .sort((a, b) => b - a);
}

function readSmaps(): string {
  try {
    return readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return '';
  }
}
