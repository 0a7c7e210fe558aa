/**
 * Regular-expression fragments for words the OCR mangles in many ways, shared by the packs that print them.
 * TOTAL is read T0TAL, TOTAI, [OTAL; SUB is read 5UB, SUN, SVB, SU8 on thermal paper.
 */
export const T = '(?:T|\\[|\\b)[O0]T[A4][L1I]';
export const SUB = '[S5][UV][BN8]';

/** A RegExp built from a template over the fragments above. */
export function re(source: string): RegExp {
  return new RegExp(source);
}
