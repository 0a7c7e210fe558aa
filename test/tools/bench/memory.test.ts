import { describe, expect, it } from 'vitest';
import { wasmResident } from '../../../tools/bench/memory.js';

/** One /proc/<pid>/smaps entry: a mapping's header line and the fields the parser reads. */
function mapping(start: bigint, size: bigint, perms: string, rssKb: number): string {
  const hex = (value: bigint) => value.toString(16).padStart(12, '0');
  return [
    `${hex(start)}-${hex(start + size)} ${perms} 00000000 00:00 0`,
    `Size:           ${size / 1024n} kB`,
    `Rss:            ${rssKb} kB`,
    'Pss:            0 kB',
  ].join('\n');
}

const GiB = 1n << 30n;
const MiB = 1n << 20n;

describe('wasmResident', () => {
  it('finds each WASM memory after its guard, two reservations side by side included, and nothing else', () => {
    // Prepare: a malloc arena (committed, then reserved) right before the first reservation; two reservations
    // side by side, as smaps shows them (the first one's tail and the second one's guard merged); a large
    // committed mapping with no guard before it.
    let at = 0x7f0000000000n;
    const next = (size: bigint, perms: string, rssKb: number) => {
      const text = mapping(at, size, perms, rssKb);
      at += size;
      return text;
    };
    const smaps = [
      next(12n * MiB, 'rw-p', 12_000),
      next(52n * MiB, '---p', 0),
      next(2n * GiB, '---p', 0),
      next(20n * MiB, 'rw-p', 19_752),
      next(8n * GiB - 20n * MiB + 2n * GiB, '---p', 0),
      next(64n * MiB, 'rw-p', 40_960),
      next(8n * GiB - 64n * MiB, '---p', 0),
      next(8n * 1024n, 'rw-p', 8),
      next(2n * GiB, 'rw-p', 500_000),
    ].join('\n');

    // Act
    const memories = wasmResident(smaps);

    // Assess: the two heaps' resident sizes, largest first; not the arena, the small neighbour or the 2 GiB map.
    expect(memories).toEqual([40_960 * 1024, 19_752 * 1024]);
  });

  it('finds none where /proc gives nothing', () => {
    expect(wasmResident('')).toEqual([]);
  });
});
