/**
 * Connected components of a binary mask (two passes with union-find): the paper region when finding a
 * receipt, glyphs and words when settling its orientation.
 */

export interface Component {
  readonly label: number;
  readonly area: number;
  readonly left: number;
  readonly top: number;
  /** Exclusive: the component spans [left, right) x [top, bottom). */
  readonly right: number;
  readonly bottom: number;
}

export interface Components {
  /** Per pixel: 0 for background, else the component's label (index into `components` plus one). */
  readonly labels: Int32Array;
  readonly components: Component[];
}

function find(parent: Int32Array, label: number): number {
  let root = label;
  while (parent[root] !== root) root = parent[root] as number;
  // Path halving keeps later look-ups short.
  let node = label;
  while (parent[node] !== root) {
    const next = parent[node] as number;
    parent[node] = root;
    node = next;
  }
  return root;
}

function union(parent: Int32Array, a: number, b: number): number {
  const rootA = find(parent, a);
  const rootB = find(parent, b);
  if (rootA === rootB) return rootA;
  const [low, high] = rootA < rootB ? [rootA, rootB] : [rootB, rootA];
  parent[high] = low;
  return low;
}

/** The root of `label` joined with `neighbour`'s (0 means none). */
function merge(parent: Int32Array, label: number, neighbour: number): number {
  if (neighbour === 0) return label;
  return label === 0 ? find(parent, neighbour) : union(parent, label, neighbour);
}

/**
 * Labels the non-zero pixels of `mask` (width x height, row-major). `eight` joins diagonal neighbours too
 * (glyph strokes); four-connectivity keeps a paper region from leaking through a one-pixel diagonal gap.
 */
export function connectedComponents(
  mask: Uint8Array,
  width: number,
  height: number,
  eight = true,
): Components {
  const labels = new Int32Array(width * height);
  // Provisional labels can reach half the pixels (a checkerboard); grown on demand.
  let parent = new Int32Array(1024);
  let next = 1;
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    for (let x = 0; x < width; x += 1) {
      const index = row + x;
      if (mask[index] === 0) continue;
      // Neighbours already labelled: left, up, and for eight-connectivity up-left and up-right.
      let label = x > 0 ? (labels[index - 1] as number) : 0;
      if (label !== 0) label = find(parent, label);
      if (y > 0) {
        label = merge(parent, label, labels[index - width] as number);
        if (eight && x > 0) label = merge(parent, label, labels[index - width - 1] as number);
        if (eight && x < width - 1) label = merge(parent, label, labels[index - width + 1] as number);
      }
      if (label === 0) {
        if (next >= parent.length) {
          const grown = new Int32Array(parent.length * 2);
          grown.set(parent);
          parent = grown;
        }
        parent[next] = next;
        label = next;
        next += 1;
      }
      labels[index] = label;
    }
  }
  // Second pass: final labels 1..n in order of first appearance, with their statistics.
  const final = new Int32Array(next);
  const stats: { area: number; left: number; top: number; right: number; bottom: number }[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    for (let x = 0; x < width; x += 1) {
      const index = row + x;
      const provisional = labels[index] as number;
      if (provisional === 0) continue;
      const root = find(parent, provisional);
      let label = final[root] as number;
      if (label === 0) {
        stats.push({ area: 0, left: x, top: y, right: x + 1, bottom: y + 1 });
        label = stats.length;
        final[root] = label;
      }
      labels[index] = label;
      const s = stats[label - 1] as (typeof stats)[number];
      s.area += 1;
      if (x < s.left) s.left = x;
      if (x >= s.right) s.right = x + 1;
      s.bottom = y + 1;
    }
  }
  return { labels, components: stats.map((s, i) => ({ label: i + 1, ...s })) };
}
