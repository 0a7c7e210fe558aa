import { html } from 'htm/preact';
import type { Receipt } from './api.js';

/** The status as a word and a colour (the word carries the meaning; the colour only helps). */
export function StatusBadge({ receipt }: { receipt: Pick<Receipt, 'status' | 'error'> }) {
  return html`<span class=${`badge badge-${receipt.status.toLowerCase()}`} data-status=${receipt.status}>
    ${receipt.status}
  </span>
  ${
    receipt.status === 'FAILED' && receipt.error
      ? html`<span class="error-detail">${receipt.error.code}: ${receipt.error.message}</span>`
      : null
  }`;
}
