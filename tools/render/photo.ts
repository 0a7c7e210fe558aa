/**
 * A phone photo of a receipt lying on a table: wood-like or plain table texture, the receipt warped by a mild
 * perspective (corners moved by up to about 8 % of its width) and turned a little, a soft drop shadow, a
 * broad shadow across the scene and light falling off towards the corners, slight camera blur. The caller
 * encodes the result as JPEG at `jpegQuality`.
 */
import sharp from 'sharp';
import { homography, type Point, warpInto } from './homography.js';
import { Rng as Generator, type Rng } from './random.js';
import { fromSharp, noiseTable, type Raster, smoothNoise, toSharp } from './raster.js';

export interface PhotoParams {
  readonly kind: 'photo';
  readonly width: number;
  readonly height: number;
  readonly table: 'wood' | 'solid';
  readonly tableColor: readonly [number, number, number];
  /** Receipt height as a share of the photo height (before perspective). */
  readonly fill: number;
  readonly center: Point;
  readonly rotation: number;
  /** Corner displacements as shares of the receipt's width, clockwise from top-left. */
  readonly corners: readonly Point[];
  readonly paper: readonly [number, number, number];
  readonly shadow: {
    readonly dx: number;
    readonly dy: number;
    readonly blur: number;
    readonly opacity: number;
  };
  readonly light: { readonly angle: number; readonly depth: number; readonly vignette: number };
  readonly blur: number;
  readonly jpegQuality: number;
  readonly seed: number;
}

export function drawPhotoParams(rng: Rng): PhotoParams {
  const twelve = rng.chance(0.25);
  const [width, height] = twelve ? [3024, 4032] : [2250, 3000];
  const wood = rng.chance(0.6);
  const tableColor: [number, number, number] = wood
    ? rng.pick([
        [150, 100, 62],
        [120, 80, 50],
        [180, 140, 95],
        [95, 62, 40],
      ])
    : rng.pick([
        [70, 70, 72],
        [40, 45, 55],
        [200, 200, 195],
        [60, 90, 120],
        [120, 40, 40],
        [30, 30, 30],
      ]);
  // A phone held at an angle: the far edge of the receipt looks shorter (keystone), up and down or sideways,
  // plus a little jitter; no corner moves by more than 8 % of the receipt's width.
  const pitch = rng.float(-0.06, 0.06);
  const yaw = rng.float(-0.04, 0.04);
  const jitter = () => rng.float(-0.015, 0.015);
  const corners: Point[] = [
    [Math.max(0, pitch) + jitter(), Math.max(0, yaw) + jitter()],
    [-Math.max(0, pitch) + jitter(), Math.max(0, -yaw) + jitter()],
    [-Math.max(0, -pitch) + jitter(), -Math.max(0, -yaw) + jitter()],
    [Math.max(0, -pitch) + jitter(), -Math.max(0, yaw) + jitter()],
  ];
  return {
    kind: 'photo',
    width,
    height,
    table: wood ? 'wood' : 'solid',
    tableColor,
    fill: rng.float(0.55, 0.85),
    center: [rng.float(0.42, 0.58), rng.float(0.45, 0.55)],
    rotation: rng.float(-4, 4),
    corners,
    paper: [rng.float(0.97, 1), rng.float(0.95, 0.99), rng.float(0.88, 0.96)],
    shadow: {
      dx: rng.float(-0.015, 0.015),
      dy: rng.float(0, 0.02),
      blur: rng.float(12, 30),
      opacity: rng.float(0.3, 0.55),
    },
    light: { angle: rng.float(0, 360), depth: rng.float(0.1, 0.4), vignette: rng.float(0.08, 0.25) },
    blur: rng.float(0.6, 1.4),
    jpegQuality: rng.int(76, 84),
    seed: rng.int(0, 0x7fffffff),
  };
}

/** Table texture at a quarter of the photo's resolution (grey; the colour is applied when composing). */
function tableTexture(p: PhotoParams, rng: Generator, width: number, height: number): Buffer {
  const grey = Buffer.alloc(width * height);
  if (p.table === 'wood') {
    // Grain: noise stretched along x, planks: coarser noise, seams: dark lines.
    const grain = smoothNoise(rng, width, height, [rng.int(80, 180), rng.int(1, 2)]);
    const planks = smoothNoise(rng, width, height, rng.int(120, 220));
    const plank = Math.round(height / rng.int(3, 6));
    for (let y = 0; y < height; y += 1) {
      const seam = y % plank < 1 ? 0.55 : 1;
      for (let x = 0; x < width; x += 1) {
        const i = y * width + x;
        grey[i] = Math.min(
          255,
          (150 + 0.35 * (grain[i] as number) + 0.15 * (planks[i] as number) - 60) * seam,
        );
      }
    }
  } else {
    const coarse = smoothNoise(rng, width, height, rng.int(25, 60));
    const noise = noiseTable(rng);
    for (let i = 0; i < grey.length; i += 1) {
      grey[i] =
        200 +
        0.12 * (coarse[i] as number) +
        5 * (noise[(Math.imul(i, 0x9e3779b1) >>> 16) & 0xffff] as number);
    }
  }
  return grey;
}

/** A low-resolution grey field read at full resolution with bilinear interpolation. */
class Field {
  private readonly xs: Int32Array;
  private readonly fx: Float32Array;

  constructor(
    readonly data: Buffer,
    readonly width: number,
    readonly height: number,
    readonly scale: number,
    outWidth: number,
  ) {
    this.xs = new Int32Array(outWidth);
    this.fx = new Float32Array(outWidth);
    for (let x = 0; x < outWidth; x += 1) {
      const gx = Math.min(width - 1.001, Math.max(0, x * scale - 0.5));
      this.xs[x] = Math.floor(gx);
      this.fx[x] = gx - Math.floor(gx);
    }
  }

  /** Row offsets and weight for output row y. */
  row(y: number): [number, number, number] {
    const gy = Math.min(this.height - 1.001, Math.max(0, y * this.scale - 0.5));
    const iy = Math.floor(gy);
    return [iy * this.width, (iy + 1) * this.width, gy - iy];
  }

  at(x: number, row0: number, row1: number, fy: number): number {
    const ix = this.xs[x] as number;
    const f = this.fx[x] as number;
    const d = this.data;
    const top = (d[row0 + ix] as number) + ((d[row0 + ix + 1] as number) - (d[row0 + ix] as number)) * f;
    const bottom = (d[row1 + ix] as number) + ((d[row1 + ix + 1] as number) - (d[row1 + ix] as number)) * f;
    return top + (bottom - top) * fy;
  }
}

async function smallGrey(svg: string, blur?: number): Promise<Raster> {
  const image = sharp(Buffer.from(svg));
  return fromSharp(blur !== undefined && blur >= 0.3 ? image.blur(blur) : image, 1);
}

/** The quad the receipt covers in the photo, clockwise from top-left. */
export function receiptQuad(p: PhotoParams, receiptWidth: number, receiptHeight: number): Point[] {
  const scaleByHeight = (p.fill * p.height) / receiptHeight;
  const scaleByWidth = (0.8 * p.width) / receiptWidth;
  const scale = Math.min(scaleByHeight, scaleByWidth);
  const w = receiptWidth * scale;
  const h = receiptHeight * scale;
  const [cx, cy] = [p.center[0] * p.width, p.center[1] * p.height];
  const angle = (p.rotation * Math.PI) / 180;
  const base: Point[] = [
    [-w / 2, -h / 2],
    [w / 2, -h / 2],
    [w / 2, h / 2],
    [-w / 2, h / 2],
  ];
  return base.map(([x, y], i) => {
    const [dx, dy] = p.corners[i] as Point;
    const px = x + dx * w;
    const py = y + dy * w;
    return [
      cx + px * Math.cos(angle) - py * Math.sin(angle),
      cy + px * Math.sin(angle) + py * Math.cos(angle),
    ];
  });
}

/** A grey polygon on white, `width` x `height` pixels, the points scaled by `scale`. */
function polygonSvg(
  points: readonly Point[],
  width: number,
  height: number,
  scale: number,
  fill: number,
): string {
  const pts = points.map(([x, y]) => `${(x * scale).toFixed(1)},${(y * scale).toFixed(1)}`).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/><polygon points="${pts}" fill="rgb(${fill},${fill},${fill})"/></svg>`;
}

function lightingSvg(p: PhotoParams, width: number, height: number): string {
  const rad = (p.light.angle * Math.PI) / 180;
  const x2 = 50 + 50 * Math.cos(rad);
  const y2 = 50 + 50 * Math.sin(rad);
  const dark = Math.round(255 * (1 - p.light.depth));
  const corner = Math.round(255 * (1 - p.light.vignette));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs>
<linearGradient id="l" x1="${100 - x2}%" y1="${100 - y2}%" x2="${x2}%" y2="${y2}%">
<stop offset="0" stop-color="#fff"/><stop offset="0.55" stop-color="#fff"/><stop offset="1" stop-color="rgb(${dark},${dark},${dark})"/></linearGradient>
<radialGradient id="v" cx="50%" cy="50%" r="75%"><stop offset="0.5" stop-color="#fff"/><stop offset="1" stop-color="rgb(${corner},${corner},${corner})"/></radialGradient>
</defs>
<rect width="100%" height="100%" fill="url(#l)"/>
<rect width="100%" height="100%" fill="url(#v)" style="mix-blend-mode:multiply"/></svg>`;
}

export async function photograph(receipt: Raster, p: PhotoParams): Promise<Raster> {
  const rng = new Generator(p.seed);
  const { width, height } = p;
  // Camera blur falls on the receipt's print; the table is smooth anyway, so blurring the (smaller) source is
  // as good as blurring the photo and several times cheaper.
  const grey = await fromSharp(toSharp(receipt).blur(Math.max(0.3, p.blur)), 1);
  const quad = receiptQuad(p, grey.width, grey.height);

  // Table, drop shadow and light are smooth: composed at a quarter of the resolution into one field, which
  // the full-size pass reads bilinearly (the light is kept apart for the receipt).
  const tw = Math.ceil(width / 4);
  const th = Math.ceil(height / 4);
  const small = tw / width;
  const texture = tableTexture(p, rng, tw, th);
  const shadowQuad = quad.map(([x, y]): Point => [x + p.shadow.dx * width, y + p.shadow.dy * height]);
  const shade = Math.round(255 * (1 - p.shadow.opacity));
  const mask = await smallGrey(polygonSvg(shadowQuad, tw, th, small, shade), p.shadow.blur);
  const lightImage = await smallGrey(lightingSvg(p, tw, th));
  const combined = Buffer.alloc(tw * th);
  for (let i = 0; i < combined.length; i += 1) {
    combined[i] =
      ((texture[i] as number) * (mask.data[i] as number) * (lightImage.data[i] as number)) / 65025;
  }
  const ground = new Field(combined, tw, th, small, width);
  const light = new Field(lightImage.data, tw, th, small, width);

  const scene = Buffer.alloc(width * height * 3);
  const [r, g, b] = p.tableColor.map((c) => c / 200) as [number, number, number];
  for (let y = 0; y < height; y += 1) {
    const [t0, t1, tf] = ground.row(y);
    for (let x = 0; x < width; x += 1) {
      const v = ground.at(x, t0, t1, tf);
      const o = (y * width + x) * 3;
      scene[o] = v * r;
      scene[o + 1] = v * g;
      scene[o + 2] = v * b;
    }
  }
  const lit = Buffer.alloc(width * height);
  const xs = quad.map((q) => q[0]);
  const ys = quad.map((q) => q[1]);
  const [x0, x1] = [
    Math.max(0, Math.floor(Math.min(...xs))),
    Math.min(width, Math.ceil(Math.max(...xs)) + 1),
  ];
  const [y0, y1] = [
    Math.max(0, Math.floor(Math.min(...ys))),
    Math.min(height, Math.ceil(Math.max(...ys)) + 1),
  ];
  for (let y = y0; y < y1; y += 1) {
    const [l0, l1, lf] = light.row(y);
    for (let x = x0; x < x1; x += 1) lit[y * width + x] = light.at(x, l0, l1, lf);
  }

  // The receipt through the perspective, lit like the table, then the camera's blur.
  const source: Point[] = [
    [0, 0],
    [grey.width - 1, 0],
    [grey.width - 1, grey.height - 1],
    [0, grey.height - 1],
  ];
  warpInto(scene, width, height, grey, quad, homography(quad, source), p.paper, lit);
  return { data: scene, width, height, channels: 3 };
}
