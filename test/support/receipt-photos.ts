/**
 * Receipts as users capture them, for tests: a rendered receipt (receipt-images.ts) laid on a table or pasted
 * on a page, in perspective, with a shadow, uneven light and camera blur, encoded as a JPEG. The corners of the
 * receipt in the scene are known, so a test can assert where the engine found it in pixels.
 *
 *   const { bytes, corners } = await renderPhoto({ ...TABLE_PHOTO, background: 'wood' });
 */
import sharp from 'sharp';
import type { Point, Quad } from '../../functions/engine/image/geometry.js';
import { applyHomography, homography } from '../../functions/engine/image/homography.js';
import {
  ENGLISH_RECEIPT,
  type ReceiptSpec,
  renderReceipt,
  SPANISH_RECEIPT,
} from '../../tools/samples/receipt-images.js';

export type Background = 'wood' | 'dark' | 'grey' | 'white';

export interface PhotoSpec {
  readonly receipt: ReceiptSpec;
  /** Scene size in pixels. */
  readonly width: number;
  readonly height: number;
  /** Where the upright receipt's top-left, top-right, bottom-right and bottom-left corners land. */
  readonly corners: Quad;
  /** More receipts on the same table (several receipts photographed together). */
  readonly more?: readonly { readonly receipt: ReceiptSpec; readonly corners: Quad }[];
  readonly background: Background;
  /** A soft shadow cast down and to the right of the receipt. */
  readonly shadow?: boolean;
  /** Light falling off across the scene: 0 even, 0.4 the far side 40% darker. */
  readonly falloff?: number;
  /** A soft shadow over the lower part of the scene (the phone's or the hand's): 0.5 halves the light there. */
  readonly shade?: number;
  /** Gaussian blur sigma of the camera, in scene pixels. */
  readonly blur?: number;
  readonly format?: 'jpeg' | 'png';
  /** Seed of the background texture and sensor noise. */
  readonly seed?: number;
}

const BACKGROUNDS: Record<Background, readonly [number, number, number]> = {
  wood: [150, 104, 66],
  dark: [48, 46, 52],
  grey: [172, 172, 168],
  white: [246, 246, 243],
};

/** Small deterministic PRNG (mulberry32): the same spec always renders the same bytes. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function inside(quad: Quad, x: number, y: number): boolean {
  for (let i = 0; i < 4; i += 1) {
    const a = quad[i] as Point;
    const b = quad[(i + 1) % 4] as Point;
    if ((b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x) < 0) return false;
  }
  return true;
}

/**
 * Corners of a receipt `receiptWidth` wide (its height from its aspect) centred at `centre`, turned `angle`
 * degrees clockwise, with the far (top) edge `tilt` narrower than the near one, as a phone held at an angle.
 */
export function placeReceipt(options: {
  readonly centre: Point;
  readonly receiptWidth: number;
  readonly aspect: number;
  readonly angle?: number;
  readonly tilt?: number;
}): Quad {
  const w = options.receiptWidth / 2;
  const h = (options.receiptWidth * options.aspect) / 2;
  const narrow = 1 - (options.tilt ?? 0);
  const local: Point[] = [
    { x: -w * narrow, y: -h },
    { x: w * narrow, y: -h },
    { x: w, y: h },
    { x: -w, y: h },
  ];
  const radians = ((options.angle ?? 0) * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  return local.map((p) => ({
    x: options.centre.x + p.x * cos - p.y * sin,
    y: options.centre.y + p.x * sin + p.y * cos,
  })) as unknown as Quad;
}

/** The receipt alone as a gray raster, and its aspect (height / width). */
export async function receiptRaster(spec: ReceiptSpec) {
  const { data, info } = await sharp(await renderReceipt({ ...spec, format: 'png' }))
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, aspect: info.height / info.width };
}

export async function renderPhoto(spec: PhotoSpec): Promise<{ bytes: Buffer; corners: Quad }> {
  const { width, height } = spec;
  const sheets = await Promise.all(
    [{ receipt: spec.receipt, corners: spec.corners }, ...(spec.more ?? [])].map(async (sheet) => {
      const raster = await receiptRaster(sheet.receipt);
      const toReceipt = homography(sheet.corners, [
        { x: 0, y: 0 },
        { x: raster.width, y: 0 },
        { x: raster.width, y: raster.height },
        { x: 0, y: raster.height },
      ]);
      if (toReceipt === undefined) throw new Error('degenerate corners');
      return { raster, corners: sheet.corners, toReceipt };
    }),
  );
  const next = random(spec.seed ?? 7);
  const base = BACKGROUNDS[spec.background];
  const scene = Buffer.alloc(width * height * 3);
  const shadow = spec.shadow
    ? await shadowMask(
        spec,
        sheets.map((sheet) => sheet.corners),
      )
    : undefined;
  const grain = spec.background === 'wood' ? 28 : 6;
  for (let y = 0; y < height; y += 1) {
    // Wood: long stripes along x whose tone drifts slowly; other surfaces: fine sensor noise only.
    const stripe = spec.background === 'wood' ? Math.sin(y * 0.045 + Math.sin(y * 0.004) * 6) * grain : 0;
    for (let x = 0; x < width; x += 1) {
      const lower = Math.min(1, Math.max(0, (y / height - 0.55) / 0.2));
      const light =
        (1 - (spec.falloff ?? 0) * ((x / width + y / height) / 2)) * (1 - (spec.shade ?? 0) * lower);
      let shade = shadow === undefined ? 1 : 1 - 0.45 * ((shadow[y * width + x] ?? 0) / 255);
      let rgb: readonly [number, number, number] = base;
      let tone = stripe + (next() - 0.5) * 10;
      const sheet = sheets.find((s) => inside(s.corners, x + 0.5, y + 0.5));
      if (sheet !== undefined) {
        const p = applyHomography(sheet.toReceipt, { x: x + 0.5, y: y + 0.5 });
        const value = sheet.raster.data[Math.floor(p.y) * sheet.raster.width + Math.floor(p.x)] ?? 255;
        rgb = [value, value, value - 4];
        tone = (next() - 0.5) * 6;
        shade = 1;
      }
      const at = (y * width + x) * 3;
      for (let c = 0; c < 3; c += 1) {
        scene[at + c] = Math.max(0, Math.min(255, ((rgb[c] ?? 0) + tone) * light * shade));
      }
    }
  }
  let image = sharp(scene, { raw: { width, height, channels: 3 } });
  if ((spec.blur ?? 0.6) > 0.3) image = image.blur(spec.blur ?? 0.6);
  const bytes =
    spec.format === 'png' ? await image.png().toBuffer() : await image.jpeg({ quality: 88 }).toBuffer();
  return { bytes, corners: spec.corners };
}

/** The sheets' outlines moved down-right and blurred: 255 in full shadow. */
async function shadowMask(spec: PhotoSpec, outlines: readonly Quad[]): Promise<Buffer> {
  const { width, height } = spec;
  const offset = Math.max(4, Math.round(Math.min(width, height) * 0.012));
  const moved = outlines.map(
    (corners) => corners.map((p) => ({ x: p.x + offset, y: p.y + offset * 1.5 })) as unknown as Quad,
  );
  const mask = Buffer.alloc(width * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (moved.some((quad) => inside(quad, x + 0.5, y + 0.5))) mask[y * width + x] = 255;
    }
  }
  return sharp(mask, { raw: { width, height, channels: 1 } })
    .blur(offset)
    .extractChannel(0)
    .raw()
    .toBuffer();
}

/** A receipt photographed on a wooden table, a little turned and in perspective (override what you test). */
export async function tablePhoto(
  overrides: Partial<Omit<PhotoSpec, 'corners'>> & { angle?: number; tilt?: number } = {},
): Promise<{ bytes: Buffer; corners: Quad }> {
  const receipt = overrides.receipt ?? { ...ENGLISH_RECEIPT, fontSize: 30 };
  const { aspect } = await receiptRaster(receipt);
  const width = overrides.width ?? 1600;
  const height = overrides.height ?? 1200;
  const receiptHeight = height * 0.8;
  const corners = placeReceipt({
    centre: { x: width * 0.52, y: height * 0.5 },
    receiptWidth: receiptHeight / aspect,
    aspect,
    angle: overrides.angle ?? 6,
    tilt: overrides.tilt ?? 0.06,
  });
  return renderPhoto({
    background: 'wood',
    shadow: true,
    falloff: 0.25,
    ...overrides,
    receipt,
    width,
    height,
    corners,
  });
}

/**
 * A receipt pasted on a page and scanned: at its own resolution (no scaling), upright or slightly crooked,
 * at `at` (the receipt's top-left corner as a share of the page), on white or grey card.
 */
export async function pageScan(options: {
  readonly receipt?: ReceiptSpec;
  readonly width: number;
  readonly height: number;
  readonly at: Point;
  readonly background: 'white' | 'grey';
  readonly angle?: number;
}): Promise<{ bytes: Buffer; corners: Quad }> {
  const receipt = options.receipt ?? ENGLISH_RECEIPT;
  const { width: w, aspect } = await receiptRaster(receipt);
  const centre = {
    x: options.at.x * options.width + w / 2,
    y: options.at.y * options.height + (w * aspect) / 2,
  };
  const corners = placeReceipt({ centre, receiptWidth: w, aspect, angle: options.angle ?? 0 });
  return renderPhoto({
    receipt,
    width: options.width,
    height: options.height,
    corners,
    background: options.background,
    blur: 0,
    format: 'png',
  });
}

/** The English receipt and a shorter Spanish one photographed side by side (the English one is larger). */
export async function twoReceiptPhoto(): Promise<{ bytes: Buffer; receipts: [Quad, Quad] }> {
  const english = { ...ENGLISH_RECEIPT, fontSize: 24 };
  const spanish = { ...SPANISH_RECEIPT, fontSize: 20 };
  const first = placeReceipt({
    centre: { x: 470, y: 560 },
    receiptWidth: 640,
    aspect: (await receiptRaster(english)).aspect,
    angle: -4,
    tilt: 0.04,
  });
  const second = placeReceipt({
    centre: { x: 1200, y: 520 },
    receiptWidth: 560,
    aspect: (await receiptRaster(spanish)).aspect,
    angle: 5,
    tilt: 0.04,
  });
  const { bytes } = await renderPhoto({
    receipt: english,
    corners: first,
    more: [{ receipt: spanish, corners: second }],
    width: 1700,
    height: 1200,
    background: 'wood',
    shadow: true,
    falloff: 0.2,
  });
  return { bytes, receipts: [first, second] };
}
