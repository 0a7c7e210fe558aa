/**
 * Where the uploaded image goes under the field boxes. Boxes are in pixels of the image the engine read: the
 * upload (as a browser shows it: EXIF applied), with the receipt's quadrilateral flattened when the engine found
 * one (`crop`), then turned upright (`rotation`, clockwise). The page draws the upload inside an SVG whose viewBox
 * is the read image, through the affine transform below, so boxes and image share one coordinate system.
 *
 * Not representable from what the record keeps: the engine's margin crop (dark background cut off) and the skew
 * part of the rotation; on such photos the boxes sit a little off. Quarter turns and receipt crops are exact up
 * to the flattening (an affine fit of the quadrilateral's top-left, top-right and bottom-left corners).
 */

/** SVG/CSS 2D matrix [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = readonly [number, number, number, number, number, number];

export interface ReadImage {
  width: number;
  height: number;
  rotation: number;
  crop?: readonly { x: number; y: number }[] | undefined;
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `outer` after `inner`. */
export function compose(outer: Matrix, inner: Matrix): Matrix {
  const [a, b, c, d, e, f] = outer;
  const [A, B, C, D, E, F] = inner;
  return [a * A + c * B, b * A + d * B, a * C + c * D, b * C + d * D, a * E + c * F + e, b * E + d * F + f];
}

export function invert(m: Matrix): Matrix {
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

export function apply(m: Matrix, point: { x: number; y: number }): { x: number; y: number } {
  return { x: m[0] * point.x + m[2] * point.y + m[4], y: m[1] * point.x + m[3] * point.y + m[5] };
}

/** The clockwise quarter turn (0, 90, 180, 270) nearest to `degrees`. */
export function quarterTurn(degrees: number): 0 | 90 | 180 | 270 {
  return ((((Math.round(degrees / 90) * 90) % 360) + 360) % 360) as 0 | 90 | 180 | 270;
}

/** Turns an image of `width`×`height` clockwise by a quarter turn, keeping it in the positive quadrant. */
function turn(quarter: 0 | 90 | 180 | 270, width: number, height: number): Matrix {
  switch (quarter) {
    case 90:
      return [0, 1, -1, 0, height, 0];
    case 180:
      return [-1, 0, 0, -1, width, height];
    case 270:
      return [0, -1, 1, 0, 0, width];
    default:
      return IDENTITY;
  }
}

/**
 * Maps pixels of the upload (`natural`: its size as the browser shows it) to pixels of the read image.
 * With a crop, the engine's rotation is counted after the receipt's own tilt was levelled by the flattening.
 */
export function uploadToRead(natural: { width: number; height: number }, read: ReadImage): Matrix {
  const crop = read.crop;
  if (crop && crop.length === 4) {
    const [topLeft, topRight, , bottomLeft] = crop as [
      { x: number; y: number },
      { x: number; y: number },
      { x: number; y: number },
      { x: number; y: number },
    ];
    const tilt = (Math.atan2(topRight.y - topLeft.y, topRight.x - topLeft.x) * 180) / Math.PI;
    const quarter = quarterTurn(read.rotation + tilt);
    const sideways = quarter === 90 || quarter === 270;
    const flatWidth = sideways ? read.height : read.width;
    const flatHeight = sideways ? read.width : read.height;
    // The flattened receipt -> the upload: its corners where the quadrilateral's are.
    const flatToUpload: Matrix = [
      (topRight.x - topLeft.x) / flatWidth,
      (topRight.y - topLeft.y) / flatWidth,
      (bottomLeft.x - topLeft.x) / flatHeight,
      (bottomLeft.y - topLeft.y) / flatHeight,
      topLeft.x,
      topLeft.y,
    ];
    return compose(turn(quarter, flatWidth, flatHeight), invert(flatToUpload));
  }
  return turn(quarterTurn(read.rotation), natural.width, natural.height);
}

export function svgMatrix(m: Matrix): string {
  return `matrix(${m.map((value) => Number(value.toFixed(6))).join(' ')})`;
}
