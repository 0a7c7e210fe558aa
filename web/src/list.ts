/**
 * The receipts list: newest first, filters (status, transaction dates, merchant), paging with the API's cursor,
 * and live status: receipts not settled yet are read again every 2 s until they are.
 */
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import type { ListFilters, Receipt, ReceiptStatus, ReceiptsApi } from './api.js';
import { errorText, isSettled, money, shortTime } from './format.js';
import { StatusBadge } from './status-badge.js';
import { UploadZone } from './upload.js';
import { usePolling } from './use-polling.js';

const STATUSES: ReceiptStatus[] = ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'REVIEWED'];

export interface ListState {
  filters: ListFilters;
  items: Receipt[];
  nextCursor?: string | undefined;
}

export function ReceiptList(props: {
  api: ReceiptsApi;
  state: ListState;
  setState: (update: (state: ListState) => ListState) => void;
}) {
  const { api, state, setState } = props;
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [merchant, setMerchant] = useState(state.filters.merchant ?? '');

  const load = async (filters: ListFilters, cursor?: string) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await api.list(filters, cursor);
      setState((current) => ({
        filters,
        items: cursor ? [...current.items, ...page.items] : page.items,
        nextCursor: page.nextCursor,
      }));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setLoading(false);
    }
  };
  // A new API object means another signed-in user: their receipts, from the first page.
  useEffect(() => void load(state.filters), [api]);

  // The merchant box filters as one types, once typing pauses.
  useEffect(() => {
    if ((state.filters.merchant ?? '') === merchant) return;
    const timer = setTimeout(
      () => void load({ ...state.filters, merchant: merchant.trim() || undefined }),
      300,
    );
    return () => clearTimeout(timer);
  }, [merchant]);

  const unsettled = state.items.filter((receipt) => !isSettled(receipt));
  usePolling(unsettled.length > 0, 2000, async () => {
    const fresh = await Promise.all(unsettled.map((receipt) => api.get(receipt.id).catch(() => receipt)));
    const byId = new Map(fresh.map((receipt) => [receipt.id, receipt]));
    setState((current) => ({ ...current, items: current.items.map((item) => byId.get(item.id) ?? item) }));
  });

  const filter = (change: Partial<ListFilters>) => void load({ ...state.filters, ...change });
  const uploaded = async (id: string) => {
    const receipt = await api.get(id);
    setState((current) => ({
      ...current,
      items: [receipt, ...current.items.filter((item) => item.id !== id)],
    }));
  };

  return html`<main id="main">
    <${UploadZone} api=${api} onUploaded=${(id: string) => void uploaded(id)} />
    <form class="filters" aria-label="Filter receipts" onSubmit=${(event: Event) => event.preventDefault()}>
      <label>
        Status
        <select
          value=${state.filters.status ?? ''}
          onChange=${(event: Event) =>
            filter({
              status: ((event.currentTarget as HTMLSelectElement).value || undefined) as ReceiptStatus,
            })}
        >
          <option value="">all</option>
          ${STATUSES.map((status) => html`<option value=${status}>${status}</option>`)}
        </select>
      </label>
      <label>
        From
        <input
          type="date"
          value=${state.filters.from ?? ''}
          onChange=${(event: Event) => filter({ from: (event.currentTarget as HTMLInputElement).value || undefined })}
        />
      </label>
      <label>
        To
        <input
          type="date"
          value=${state.filters.to ?? ''}
          onChange=${(event: Event) => filter({ to: (event.currentTarget as HTMLInputElement).value || undefined })}
        />
      </label>
      <label>
        Merchant
        <input
          type="search"
          value=${merchant}
          placeholder="any"
          onInput=${(event: Event) => setMerchant((event.currentTarget as HTMLInputElement).value)}
        />
      </label>
    </form>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    <table class="receipts">
      <caption class="visually-hidden">Your receipts, newest first</caption>
      <thead>
        <tr><th scope="col">Status</th><th scope="col">Merchant</th><th scope="col">Date</th><th scope="col" class="num">Total</th><th scope="col">Uploaded</th></tr>
      </thead>
      <tbody>
        ${state.items.map(
          (receipt) => html`<tr key=${receipt.id} data-id=${receipt.id}>
            <td data-label="Status"><${StatusBadge} receipt=${receipt} /></td>
            <td data-label="Merchant">
              <a href=${`#/receipts/${encodeURIComponent(receipt.id)}`}>
                ${receipt.effective.fields.merchantName ?? receipt.fileName ?? 'Receipt'}
              </a>
            </td>
            <td data-label="Date">${receipt.effective.fields.transactionDate ?? ''}</td>
            <td data-label="Total" class="num">${money(receipt)}</td>
            <td data-label="Uploaded">${shortTime(receipt.createdAt)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${!loading && state.items.length === 0 ? html`<p class="empty">No receipts here yet.</p>` : null}
    <p class="paging" aria-live="polite">
      ${loading ? 'Loading…' : null}
      ${
        state.nextCursor && !loading
          ? html`<button type="button" onClick=${() => void load(state.filters, state.nextCursor)}>Load more</button>`
          : null
      }
    </p>
  </main>`;
}
