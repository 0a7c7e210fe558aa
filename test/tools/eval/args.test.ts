import { describe, expect, it } from 'vitest';
import { parseEvalArgs, UsageError } from '../../../tools/eval/args.js';

describe('pnpm eval arguments', () => {
  it('reads --models as the page and line model kinds, one kind serving both roles', () => {
    expect(parseEvalArgs(['set', '--models', 'fast+best_int']).models).toEqual({
      page: 'fast',
      lines: 'best_int',
    });
    expect(parseEvalArgs(['set', '--models', 'fast']).models).toEqual({ page: 'fast', lines: 'fast' });
    expect(parseEvalArgs(['set']).models).toBeUndefined();
  });

  it('refuses an unknown model kind with a usage error naming the kinds', () => {
    expect(() => parseEvalArgs(['set', '--models', 'best'])).toThrow(UsageError);
    expect(() => parseEvalArgs(['set', '--models', 'best'])).toThrow(/fast or best_int/);
  });
});
