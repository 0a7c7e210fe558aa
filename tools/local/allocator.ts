/**
 * The environment a process that runs the engine for long gets before it starts (glibc reads it once, at the
 * first allocation, so it cannot be set from inside). glibc gives every thread that allocates a malloc arena of
 * its own, up to eight per core, and frees into it: the tesseract.js worker threads and libvips' threads leave
 * freed memory scattered over arenas that are never given back. Measured with one engine reading six 12 MP
 * photos (tools/bench/formats.ts): peak RSS 414 MB with glibc's default, 318 MB with two arenas. Without it,
 * recycling the tesseract.js worker every 10 receipts did not lower RSS over 20 dev scans (252 vs 253 MB): its
 * freed memory stayed in the arenas. The OCR image sets the same (Dockerfile.lambda); `pnpm start`, `pnpm bench`,
 * `pnpm eval` and `pnpm ocr` too (package.json: they read receipts as the function does, and the bench's memory
 * figures should be the function's). No effect outside glibc.
 *
 * MALLOC_MMAP_THRESHOLD_ fixes at 128 KiB the size above which glibc gives a block its own mapping, returned to the
 * kernel when freed. By default glibc raises that threshold (up to 32 MB) whenever such a block is freed, after which
 * decoded images and libvips' buffers come from the heap and stay resident. Measured compiled over the 40 dev scans
 * (tools/bench/engine-memory-compiled.ts, docs/engine.md "Memory, session 6"): peak RSS 231 -> 215 MB, CPU +0.9 %.
 */
export const ALLOCATOR_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
};
