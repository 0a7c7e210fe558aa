/**
 * The REST API as the page uses it: one fetch wrapper that adds the token and turns the API's error envelope into
 * an ApiError with its code, plus the presigned POST upload with progress (XMLHttpRequest: fetch reports no
 * upload progress). Types come from the API's own modules (type-only imports: nothing of them is bundled).
 */
import type { Correction, ListFilters, Receipt, ReceiptText } from './types.js';

export type * from './types.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function query(parameters: Record<string, string | number | undefined>): string {
  const entries = Object.entries(parameters).filter(
    (entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '',
  );
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}`;
}

async function failure(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => undefined)) as
    | { error?: { code?: string; message?: string }; message?: string }
    | undefined;
  return new ApiError(
    response.status,
    body?.error?.code ?? (response.status === 401 ? 'UNAUTHORIZED' : `HTTP_${response.status}`),
    body?.error?.message ?? body?.message ?? `the API answered ${response.status}`,
  );
}

export class ReceiptsApi {
  constructor(
    readonly baseUrl: string,
    private readonly token: () => string,
  ) {}

  async #send(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: { Authorization: this.token(), ...(init.headers as Record<string, string>) },
    });
    if (!response.ok) throw await failure(response);
    return response;
  }

  async #json<T>(path: string, init: RequestInit = {}, body?: unknown): Promise<T> {
    const response = await this.#send(path, {
      ...init,
      ...(body === undefined
        ? {}
        : {
            body: JSON.stringify(body),
            headers: { 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) },
          }),
    });
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  list(filters: ListFilters, cursor?: string, limit = 25) {
    return this.#json<{ items: Receipt[]; nextCursor?: string }>(
      `/receipts${query({ limit, cursor, ...filters })}`,
    );
  }

  get(id: string) {
    return this.#json<Receipt>(`/receipts/${encodeURIComponent(id)}`);
  }

  text(id: string) {
    return this.#json<ReceiptText>(`/receipts/${encodeURIComponent(id)}/text`);
  }

  imageUrl(id: string) {
    return this.#json<{ url: string; expiresAt: string }>(`/receipts/${encodeURIComponent(id)}/image`);
  }

  /** Conditional on the version the person edited: a 409 VERSION_CONFLICT means it changed elsewhere. */
  correct(id: string, version: number, correction: Correction) {
    return this.#json<Receipt>(
      `/receipts/${encodeURIComponent(id)}`,
      { method: 'PATCH', headers: { 'If-Match': `"${version}"` } },
      correction,
    );
  }

  remove(id: string) {
    return this.#json<void>(`/receipts/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  reprocess(id: string, keepCorrections: boolean) {
    return this.#json<{ id: string }>(
      `/receipts/${encodeURIComponent(id)}/reprocess`,
      { method: 'POST' },
      { keepCorrections },
    );
  }

  create(file: File) {
    return this.#json<{ id: string; upload: { url: string; fields: Record<string, string> } }>(
      '/receipts',
      { method: 'POST' },
      { contentType: file.type, fileName: file.name },
    );
  }

  /** The export as a file (the API names it in Content-Disposition). */
  async export(format: 'csv' | 'json', filters: ListFilters): Promise<{ blob: Blob; fileName: string }> {
    const response = await this.#send(`/receipts/export${query({ format, ...filters })}`);
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `receipts.${format}`;
    return { blob: await response.blob(), fileName };
  }
}

/** The presigned POST: every form field, then the file last (S3's rule); `onProgress` gets 0..1. */
export function uploadToS3(
  upload: { url: string; fields: Record<string, string> },
  file: File,
  onProgress: (fraction: number) => void,
): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', file);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', upload.url);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve();
      } else {
        const code = /<Code>([^<]+)<\/Code>/.exec(request.responseText)?.[1] ?? `HTTP ${request.status}`;
        reject(new ApiError(request.status, 'UPLOAD_FAILED', `the storage refused the upload (${code})`));
      }
    };
    request.onerror = () =>
      reject(new ApiError(0, 'UPLOAD_FAILED', 'the upload did not reach the storage: check the connection'));
    request.send(form);
  });
}
