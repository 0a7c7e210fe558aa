import { describe, expect, it } from 'vitest';
import { wasmResident } from '../../../tools/bench/memory.js';

/** One /proc/<pid>/smaps entry: a mapping's header line and the fields the parser reads. */
function mapping(start: bigint, size: bigint, rssKb: number): string {
  const hex = (value: bigint) => value.toString(16).padStart(12, '0');
  return [
    `${hex(start)}-${hex(start + size)} rw-p 00000000 00:00 0`,
    `Size:           ${size / 1024n} kB`,
    `Rss:            ${rssKb} kB`,
    'Pss:            0 kB',
  ].join('\n');
}

const GiB = 1n << 30n;
const MiB = 1n << 20n;

describe('wasmResident', () => {
  it('counts a WASM reservation split into adjacent mappings as one memory, and nothing smaller', () => {
    // Prepare: a 10 GiB reservation whose first 64 MiB are committed (two mappings), a 2 GiB heap mapping, and a
    // second reservation elsewhere.
    const smaps = [
      mapping(0x7f0000000000n, 64n * MiB, 40_960),
      mapping(0x7f0000000000n + 64n * MiB, 10n * GiB - 64n * MiB, 0),
      mapping(0x7f1000000000n, 2n * GiB, 500_000),
      mapping(0x7f2000000000n, 10n * GiB, 10_240),
    ].join('\n');

    // Act
    const memories = wasmResident(smaps);

    // Assess: 40 MiB and 10 MiB resident, largest first; the 2 GiB mapping is not a WASM memory.
    expect(memories).toEqual([40 * 1024 * 1024, 10 * 1024 * 1024]);
  });

  it('finds none where /proc gives nothing', () => {
    expect(wasmResident('')).toEqual([]);
  });
});
