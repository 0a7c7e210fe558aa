/**
 * Raw pixel helpers shared by the receipt finder, the orientation check and the glyph judges: colour to gray, a
 * gray region's pixels, a box blur, percentiles. Plain loops over typed arrays.
 */

/** Interleaved 8-bit pixels as sharp's raw output gives them (1 to 4 channels). */
export interface RasterImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

/** A rectangle of a raster, in its pixels. */
export interface Region {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

function whole(image: RasterImage): Region {
  return { left: 0, top: 0, width: image.width, height: image.height };
}

/** The pixels of a one-channel image's rectangle [left, right) × [top, bottom), row by row. */
export function grayPixels(
  image: { readonly data: Uint8Array; readonly width: number },
  left: number,
  top: number,
  right: number,
  bottom: number,
): Uint8Array {
  const width = right - left;
  const pixels = new Uint8Array(width * (bottom - top));
  for (let y = top; y < bottom; y += 1) {
    pixels.set(image.data.subarray(y * image.width + left, y * image.width + right), (y - top) * width);
  }
  return pixels;
}

/** Gray level per pixel of `region` (Rec. 601 luma on the encoded values; alpha ignored). */
export function luminance(image: RasterImage, region: Region = whole(image)): Uint8Array {
  const { data, channels } = image;
  const { left, top, width, height } = region;
  const gray = new Uint8Array(width * height);
  const stride = image.width * channels;
  for (let y = 0, i = 0; y < height; y += 1) {
    let at = (top + y) * stride + left * channels;
    if (channels < 3) {
      for (let x = 0; x < width; x += 1, i += 1, at += channels) gray[i] = data[at] as number;
      continue;
    }
    for (let x = 0; x < width; x += 1, i += 1, at += channels) {
      gray[i] =
        ((data[at] as number) * 77 + (data[at + 1] as number) * 150 + (data[at + 2] as number) * 29 + 128) >>
        8;
    }
  }
  return gray;
}

/**
 * Gray level at half size: each output pixel the luma of a 2x2 block's mean (a trailing odd row or column is
 * dropped). One pass over a large photo instead of a libvips resize, which takes no JPEG shrink-on-load for a
 * factor of 2 (measured: a third of the cost of libvips' gray conversion and resize on a 12 MP photo).
 */
export function luminanceHalf(
  image: RasterImage,
  region: Region = whole(image),
): { data: Uint8Array; width: number; height: number } {
  const { data, channels } = image;
  const outWidth = region.width >> 1;
  const outHeight = region.height >> 1;
  const gray = new Uint8Array(outWidth * outHeight);
  const [r, g, b] = channels < 3 ? [0, 0, 0] : [0, 1, 2];
  const stride = image.width * channels;
  for (let y = 0; y < outHeight; y += 1) {
    let top = (region.top + 2 * y) * stride + region.left * channels;
    let out = y * outWidth;
    for (let x = 0; x < outWidth; x += 1, top += 2 * channels, out += 1) {
      const bottom = top + stride;
      const next = top + channels;
      const nextBottom = bottom + channels;
      const red =
        (data[top + r] as number) +
        (data[next + r] as number) +
        (data[bottom + r] as number) +
        (data[nextBottom + r] as number);
      const green =
        (data[top + g] as number) +
        (data[next + g] as number) +
        (data[bottom + g] as number) +
        (data[nextBottom + g] as number);
      const blue =
        (data[top + b] as number) +
        (data[next + b] as number) +
        (data[bottom + b] as number) +
        (data[nextBottom + b] as number);
      gray[out] = (red * 77 + green * 150 + blue * 29 + 512) >> 10;
    }
  }
  return { data: gray, width: outWidth, height: outHeight };
}

/**
 * Gray level at 1/`factor` size, each output pixel the mean luma of a factor x factor block (trailing rows and
 * columns that make no whole block are dropped), sampled on a grid of 3 x 3 of the block's pixels: the receipt
 * finder blurs its copy anyway, and a pass over every pixel of a 12 MP photo costs three times as much (measured).
 */
export function luminanceShrink(image: RasterImage, factor: number): RasterImage {
  const { data, channels } = image;
  const outWidth = Math.floor(image.width / factor);
  const outHeight = Math.floor(image.height / factor);
  const gray = new Uint8Array(outWidth * outHeight);
  const step = Math.max(1, Math.floor(factor / 3));
  const taken = Math.ceil(factor / step);
  const count = taken * taken;
  const [g, b] = channels < 3 ? [0, 0] : [1, 2];
  const weights = channels < 3 ? [256, 0, 0] : [77, 150, 29];
  const [wr, wg, wb] = weights as [number, number, number];
  const stride = image.width * channels;
  const red = new Uint32Array(outWidth);
  const green = new Uint32Array(outWidth);
  const blue = new Uint32Array(outWidth);
  for (let y = 0; y < outHeight; y += 1) {
    red.fill(0);
    green.fill(0);
    blue.fill(0);
    for (let row = y * factor; row < (y + 1) * factor; row += step) {
      const start = row * stride;
      for (let x = 0; x < outWidth; x += 1) {
        let at = start + x * factor * channels;
        let r = 0;
        let gg = 0;
        let bb = 0;
        for (let k = 0; k < factor; k += step, at += step * channels) {
          r += data[at] as number;
          gg += data[at + g] as number;
          bb += data[at + b] as number;
        }
        red[x] = (red[x] as number) + r;
        green[x] = (green[x] as number) + gg;
        blue[x] = (blue[x] as number) + bb;
      }
    }
    const area = count * 256;
    for (let x = 0; x < outWidth; x += 1) {
      const luma = (red[x] as number) * wr + (green[x] as number) * wg + (blue[x] as number) * wb;
      gray[y * outWidth + x] = (luma + (area >> 1)) / area;
    }
  }
  return { data: gray, width: outWidth, height: outHeight, channels: 1 };
}

/** Mean over a (2 radius + 1) square, edges clamped; running sums, so any radius costs the same. */
export function boxBlur(gray: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const size = 2 * radius + 1;
  const across = new Uint32Array(gray.length);
  const clampX = (x: number) => (x < 0 ? 0 : x >= width ? width - 1 : x);
  const clampY = (y: number) => (y < 0 ? 0 : y >= height ? height - 1 : y);
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    let sum = 0;
    for (let k = -radius; k <= radius; k += 1) sum += gray[row + clampX(k)] as number;
    for (let x = 0; x < width; x += 1) {
      across[row + x] = sum;
      sum += (gray[row + clampX(x + radius + 1)] as number) - (gray[row + clampX(x - radius)] as number);
    }
  }
  const out = new Uint8Array(gray.length);
  const area = size * size;
  const half = area >> 1;
  const sums = new Uint32Array(width);
  for (let k = -radius; k <= radius; k += 1) {
    const row = clampY(k) * width;
    for (let x = 0; x < width; x += 1) sums[x] = (sums[x] as number) + (across[row + x] as number);
  }
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    const added = clampY(y + radius + 1) * width;
    const removed = clampY(y - radius) * width;
    for (let x = 0; x < width; x += 1) {
      const sum = sums[x] as number;
      out[row + x] = ((sum + half) / area) | 0;
      sums[x] = sum + (across[added + x] as number) - (across[removed + x] as number);
    }
  }
  return out;
}

/** The value below which `share` (0..1) of the values lie, from a 256-bin histogram. */
export function percentile(values: ArrayLike<number>, share: number): number {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] ?? 0;
    histogram[value] = (histogram[value] ?? 0) + 1;
  }
  const target = share * values.length;
  let seen = 0;
  for (let level = 0; level < 256; level += 1) {
    seen += histogram[level] ?? 0;
    if (seen >= target) return level;
  }
  return 255;
}
