/**
 * The per-user daily quota of new receipts: one heavy user cannot keep the pipeline (and the bill) busy. Days are
 * UTC days; the counter of a day expires by itself a day after it ends.
 */
import { ReceiptError } from './errors.js';

/** Counts uses per owner and day (DynamoDB in AWS, an in-memory map in tests). */
export interface QuotaCounter {
  /**
   * Adds one use to the owner's counter for `day` unless it has reached `limit`.
   * @returns false, and counts nothing, when the limit was already reached.
   */
  tryConsume(input: { ownerId: string; day: string; limit: number; expiresAt: Date }): Promise<boolean>;
}

/** The owner used up today's quota (API: 429 with Retry-After). */
export class QuotaExceededError extends ReceiptError {
  override readonly name = 'QuotaExceededError';
  constructor(
    readonly limit: number,
    /** Seconds until the next UTC day, when the quota starts again. */
    readonly retryAfterSeconds: number,
  ) {
    super(
      'QUOTA_EXCEEDED',
      `daily limit of ${limit} receipts reached: try again after midnight UTC (in ${retryAfterSeconds} s)`,
      false,
    );
  }
}

const DAY_MS = 86_400_000;

export class DailyQuota {
  constructor(
    private readonly counter: QuotaCounter,
    /** Receipts one owner may create per UTC day. */
    readonly limit: number,
  ) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`daily quota must be a positive integer, got ${limit}`);
  }

  /** Counts one receipt for the owner today. @throws QuotaExceededError when today's limit is reached. */
  async consume(ownerId: string, now: Date): Promise<void> {
    const dayStart = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
    const nextDay = dayStart + DAY_MS;
    const allowed = await this.counter.tryConsume({
      ownerId,
      day: new Date(dayStart).toISOString().slice(0, 10),
      limit: this.limit,
      expiresAt: new Date(nextDay + DAY_MS),
    });
    if (!allowed) throw new QuotaExceededError(this.limit, Math.ceil((nextDay - now.getTime()) / 1000));
  }
}
