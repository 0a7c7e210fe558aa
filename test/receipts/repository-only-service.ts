/** A ReceiptApiService with only a repository (and a clock): for the use cases that touch no object or signer. */
import { ReceiptApiService } from '../../functions/receipts/api-service.js';
import type { ReceiptRepository } from '../../functions/receipts/ports.js';

export function repositoryOnlyService(repository: ReceiptRepository, clock?: () => Date): ReceiptApiService {
  return new ReceiptApiService({
    repository,
    objects: {} as never,
    signer: {} as never,
    settings: {
      bucket: 'b',
      uploadPrefix: 'uploads/',
      maxUploadBytes: 1,
      uploadUrlTtlSeconds: 60,
      imageUrlTtlSeconds: 60,
    },
    ...(clock ? { clock } : {}),
  });
}
