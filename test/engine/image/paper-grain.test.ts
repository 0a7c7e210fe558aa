import { describe, expect, it } from 'vitest';
import { whitenPaper } from '../../../functions/engine/image/paper-grain.js';

describe('whitenPaper', () => {
  it("sets the paper's grain to white and leaves the ink's grey levels as they are", () => {
    // Prepare: grainy paper (236-244) with a stroke of ink and its anti-aliased edges (40, 90, 150)
    const paper = [236, 241, 244, 238, 240, 237, 243, 239];
    const ink = [150, 90, 40, 40, 90, 150];
    const data = Buffer.from([...paper, ...ink, ...paper, ...paper]);
    const image = { data, width: data.length, height: 1 };
    const before = Buffer.from(data);

    // Act
    const whitened = whitenPaper(image);

    // Assess
    expect([...whitened.data]).toEqual([
      ...paper.map(() => 255),
      ...ink,
      ...paper.map(() => 255),
      ...paper.map(() => 255),
    ]);
    expect(image.data).toEqual(before);
    expect([whitened.width, whitened.height]).toEqual([image.width, image.height]);
  });
});
