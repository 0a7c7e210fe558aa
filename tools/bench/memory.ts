/**
 * Where a process's memory sits, for burst runs and benchmarks: the resident part of each WebAssembly memory (a
 * tesseract.js worker's, libheif's), which no Node API reports across worker threads. V8 reserves about 10 GiB of
 * address space for every 32-bit WASM memory: an inaccessible guard of 2 GiB, then the heap, committed (readable)
 * as it grows, then the inaccessible rest. On Linux, /proc/self/smaps shows the committed part as a readable
 * mapping right after a guard mapping of at least 1 GiB (two reservations side by side merge their guards into
 * one mapping, which changes nothing here); its resident pages are that memory's real footprint. Memories under
 * 1 MiB resident are left out: small instances (an HTTP parser's), and whatever mapping happens to follow a
 * reservation's inaccessible tail.
 */
import { readFileSync } from 'node:fs';

const GUARD = 1n << 30n;
const SMALLEST = 1024 * 1024;
const MAPPING = /^([0-9a-f]+)-([0-9a-f]+) (\S+) /;
const RESIDENT = /^Rss:\s+(\d+) kB/;

interface Mapping {
  start: bigint;
  end: bigint;
  readable: boolean;
  rss: number;
}

/** Resident bytes per WASM memory, largest first, from /proc/self/smaps (Linux; [] elsewhere). */
export function wasmResident(smaps = readSmaps()): number[] {
  const mappings: Mapping[] = [];
  for (const line of smaps.split('\n')) {
    const header = MAPPING.exec(line);
    if (header) {
      mappings.push({
        start: BigInt(`0x${header[1]}`),
        end: BigInt(`0x${header[2]}`),
        readable: header[3]?.startsWith('r') ?? false,
        rss: 0,
      });
      continue;
    }
    const resident = RESIDENT.exec(line);
    const last = mappings.at(-1);
    if (resident && last) last.rss = Number(resident[1]) * 1024;
  }
  return mappings
    .filter((mapping, index) => {
      const before = mappings[index - 1];
      return (
        mapping.readable &&
        before !== undefined &&
        !before.readable &&
        before.end === mapping.start &&
        before.end - before.start >= GUARD &&
        mapping.rss >= SMALLEST
      );
    })
    .map((mapping) => mapping.rss)
    .sort((a, b) => b - a);
}

function readSmaps(): string {
  try {
    return readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return '';
  }
}
