/**
 * The receipt contract's closed value lists, with no dependency: schema.ts validates with them, and the review page
 * (web/) offers them as choices without bundling zod.
 */
export const PAYMENT_METHODS = ['cash', 'card', 'mobile', 'voucher', 'other'] as const;
export const CATEGORIES = [
  'groceries',
  'restaurant',
  'fuel',
  'pharmacy',
  'transport',
  'lodging',
  'retail',
  'utilities',
  'entertainment',
  'other',
] as const;
