/**
 * ReceiptApiService.exportAll reads every page and refuses, rather than cuts short, an export above its limit.
 * The repository here is a stand-in that serves pages of one record each beyond the limit: seeding 5,001 records
 * in dynalite would take minutes (the DynamoDB adapter's paging is tested against dynalite in test/api).
 */
import { describe, expect, it } from 'vitest';
import { ExportTooLargeError, MAX_EXPORT_RECEIPTS } from '../../functions/receipts/api-service.js';
import type { ListReceiptsQuery, ReceiptPage, ReceiptRepository } from '../../functions/receipts/ports.js';
import type { ReceiptRecord } from '../../functions/receipts/record.js';
import { completedRecord } from '../../tools/samples/receipt-records.js';
import { repositoryOnlyService } from './repository-only-service.js';

function pagedRepository(total: number) {
  const records = Array.from({ length: total }, (_, index) =>
    completedRecord({ ownerId: 'alice', createdAt: new Date(index * 1000).toISOString(), bucket: 'b' }),
  );
  const queries: ListReceiptsQuery[] = [];
  const repository = {
    async listByOwner(query: ListReceiptsQuery): Promise<ReceiptPage> {
      queries.push(query);
      const start = query.cursor ? Number(query.cursor) : 0;
      const items: ReceiptRecord[] = records.slice(start, start + query.limit);
      const next = start + query.limit;
      return { items, ...(next < records.length ? { nextCursor: String(next) } : {}) };
    },
  } as unknown as ReceiptRepository;
  return { repository, queries, records };
}

const service = (repository: ReceiptRepository) => repositoryOnlyService(repository);

describe('ReceiptApiService.exportAll', () => {
  it('follows the cursor to the last page, passing the filters on every page', async () => {
    const { repository, queries, records } = pagedRepository(250);
    const exported = await service(repository).exportAll({ ownerId: 'alice', status: 'COMPLETED' });
    expect(exported.map((record) => record.receiptId)).toEqual(records.map((record) => record.receiptId));
    expect(queries.map((query) => [query.cursor, query.limit, query.status])).toEqual([
      [undefined, 100, 'COMPLETED'],
      ['100', 100, 'COMPLETED'],
      ['200', 100, 'COMPLETED'],
    ]);
  });

  it('refuses an export above the limit with a code that says to narrow it', async () => {
    const { repository } = pagedRepository(MAX_EXPORT_RECEIPTS + 1);
    const exporting = service(repository).exportAll({ ownerId: 'alice' });
    await expect(exporting).rejects.toBeInstanceOf(ExportTooLargeError);
    await expect(exporting).rejects.toMatchObject({ code: 'EXPORT_TOO_LARGE' });
  });

  it('exports exactly the limit', async () => {
    const { repository } = pagedRepository(MAX_EXPORT_RECEIPTS);
    expect(await service(repository).exportAll({ ownerId: 'alice' })).toHaveLength(MAX_EXPORT_RECEIPTS);
  });
});
