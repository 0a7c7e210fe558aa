/**
 * One receipt: the image with its boxes beside a form of every field and item. Click a box or a word to fill the
 * focused input; save sends only what changed, conditional on the version shown (If-Match), and a 409 says the
 * receipt changed elsewhere. Reprocess and delete ask first. Keys: Ctrl/⌘+S saves, Alt+→ / Alt+← go to the next
 * or previous receipt of the list.
 */
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type Receipt, type ReceiptsApi, type ReceiptText } from './api.js';
import { correctionOf, type FormValues, formOf, type ItemRow } from './correction.js';
import { CHOICES, FIELD_NAMES, FIELDS, type FieldKind, LOW_CONFIDENCE, valueFromText } from './fields.js';
import { errorText, isSettled } from './format.js';
import { type PickedText, ReceiptImage } from './overlay.js';
import { StatusBadge } from './status-badge.js';
import { usePolling } from './use-polling.js';

const ITEM_COLUMNS: { key: keyof ItemRow; label: string; kind: FieldKind }[] = [
  { key: 'description', label: 'Description', kind: 'text' },
  { key: 'quantity', label: 'Qty', kind: 'amount' },
  { key: 'unitPrice', label: 'Unit price', kind: 'amount' },
  { key: 'amount', label: 'Amount', kind: 'amount' },
];

interface Message {
  kind: 'info' | 'error' | 'conflict';
  text: string;
}

export function ReceiptView(props: {
  api: ReceiptsApi;
  id: string;
  neighbours: { previous?: string | undefined; next?: string | undefined };
  onChanged: (receipt: Receipt) => void;
  onDeleted: (id: string) => void;
}) {
  const { api, id, neighbours } = props;
  const [receipt, setReceipt] = useState<Receipt>();
  const [text, setText] = useState<ReceiptText>();
  const [image, setImage] = useState<{ url: string; width: number; height: number }>();
  const [form, setForm] = useState<FormValues>({ fields: {}, items: [] });
  const [message, setMessage] = useState<Message>();
  const [busy, setBusy] = useState(false);
  const [keepCorrections, setKeepCorrections] = useState(true);
  /** After a reprocess: the version the receipt must pass before it counts as settled again. */
  const [awaitingVersion, setAwaitingVersion] = useState<number>();
  const active = useRef<string>('total');

  const show = (fresh: Receipt) => {
    setReceipt(fresh);
    setForm(formOf(fresh));
    props.onChanged(fresh);
  };

  const loadParts = async (fresh: Receipt) => {
    if (!isSettled(fresh)) return;
    const [textResult, imageResult] = await Promise.allSettled([api.text(fresh.id), api.imageUrl(fresh.id)]);
    setText(textResult.status === 'fulfilled' ? textResult.value : undefined);
    if (imageResult.status === 'fulfilled') {
      const element = new Image();
      element.onload = () =>
        setImage({ url: imageResult.value.url, width: element.naturalWidth, height: element.naturalHeight });
      element.src = imageResult.value.url;
    }
  };

  const load = async () => {
    setMessage(undefined);
    setText(undefined);
    setImage(undefined);
    try {
      const fresh = await api.get(id);
      show(fresh);
      await loadParts(fresh);
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    }
  };
  // Another receipt (next/previous) or another user: load afresh.
  useEffect(() => void load(), [api, id]);

  const waiting = receipt !== undefined && (!isSettled(receipt) || awaitingVersion !== undefined);
  usePolling(waiting, 1500, async () => {
    const fresh = await api.get(id);
    if (awaitingVersion !== undefined && (fresh.version <= awaitingVersion || !isSettled(fresh))) return;
    setAwaitingVersion(undefined);
    if (receipt && fresh.version !== receipt.version) {
      show(fresh);
      await loadParts(fresh);
    }
  });

  const save = async () => {
    if (!receipt || busy) return;
    const correction = correctionOf(receipt, form);
    if (!correction) {
      setMessage({ kind: 'info', text: 'Nothing to save: no value was changed.' });
      return;
    }
    setBusy(true);
    try {
      show(await api.correct(receipt.id, receipt.version, correction));
      setMessage({ kind: 'info', text: 'Saved.' });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') {
        setMessage({
          kind: 'conflict',
          text: 'This receipt was changed elsewhere. Reload it, then make your change again.',
        });
      } else {
        setMessage({ kind: 'error', text: errorText(error) });
      }
    } finally {
      setBusy(false);
    }
  };

  const reprocess = async () => {
    if (!receipt) return;
    const what = keepCorrections ? 'Your corrections are kept.' : 'Your corrections are dropped.';
    if (!confirm(`Run OCR again on this receipt? ${what}`)) return;
    try {
      await api.reprocess(receipt.id, keepCorrections);
      setAwaitingVersion(receipt.version);
      setMessage({ kind: 'info', text: 'Queued for OCR again…' });
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    }
  };

  const remove = async () => {
    if (!receipt || !confirm('Delete this receipt and its image? This cannot be undone.')) return;
    try {
      await api.remove(receipt.id);
      props.onDeleted(receipt.id);
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    }
  };

  const latestSave = useRef(save);
  latestSave.current = save;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void latestSave.current();
      } else if (event.altKey && event.key === 'ArrowRight' && neighbours.next) {
        location.hash = `#/receipts/${encodeURIComponent(neighbours.next)}`;
      } else if (event.altKey && event.key === 'ArrowLeft' && neighbours.previous) {
        location.hash = `#/receipts/${encodeURIComponent(neighbours.previous)}`;
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [neighbours.next, neighbours.previous]);

  const setField = (name: string, value: string) =>
    setForm((current) => ({ ...current, fields: { ...current.fields, [name]: value } }));
  const setItem = (index: number, key: keyof ItemRow, value: string) =>
    setForm((current) => ({
      ...current,
      items: current.items.map((item, at) => (at === index ? { ...item, [key]: value } : item)),
    }));

  /** A box or word was clicked: its text goes into the focused input (or a field box focuses its own input). */
  const pick = (picked: PickedText) => {
    const target = active.current;
    const focused = document.activeElement?.id === `input-${target}`;
    if (!focused && picked.field) {
      document.getElementById(`input-${picked.field}`)?.focus();
      return;
    }
    const [head, index, key] = target.split('.');
    if (head === 'items' && index !== undefined && key !== undefined) {
      const column = ITEM_COLUMNS.find((candidate) => candidate.key === key);
      setItem(Number(index), key as keyof ItemRow, valueFromText(column?.kind ?? 'text', picked.text));
    } else if (head) {
      setField(head, valueFromText(FIELDS[head as keyof typeof FIELDS]?.kind ?? 'text', picked.text));
    }
    document.getElementById(`input-${target}`)?.focus();
  };

  if (!receipt) {
    return html`<main id="main" class="receipt">
      <p><a href="#/">← All receipts</a></p>
      ${message ? html`<p class="error" role="alert">${message.text}</p>` : html`<p>Loading…</p>`}
    </main>`;
  }

  const input = (name: string) => {
    const spec = FIELDS[name as keyof typeof FIELDS];
    const engine = receipt.fields[name as keyof typeof receipt.fields];
    const low = engine !== undefined && engine.confidence < LOW_CONFIDENCE;
    const corrected = receipt.correctedFields.includes(name);
    const choices = CHOICES[spec.kind];
    const common = {
      id: `input-${name}`,
      name,
      class: low ? 'low' : '',
      value: form.fields[name] ?? '',
      onFocus: () => {
        active.current = name;
      },
      onInput: (event: Event) => setField(name, (event.currentTarget as HTMLInputElement).value),
    };
    return html`<div class="field" key=${name}>
      <label for=${`input-${name}`}>${spec.label}</label>
      ${
        choices
          ? html`<select ...${common}>
            <option value="">—</option>
            ${choices.map((choice) => html`<option value=${choice}>${choice}</option>`)}
          </select>`
          : html`<input
            ...${common}
            inputmode=${spec.kind === 'amount' ? 'decimal' : undefined}
            placeholder=${spec.kind === 'date' ? 'YYYY-MM-DD' : spec.kind === 'time' ? 'HH:MM' : ''}
            autocomplete="off"
          />`
      }
      <span class="meta">
        ${engine ? html`<span class=${low ? 'confidence low' : 'confidence'}>${Math.round(engine.confidence * 100)}%</span>` : null}
        ${corrected ? html`<span class="corrected">corrected</span>` : null}
      </span>
    </div>`;
  };

  return html`<main id="main" class="receipt">
    <nav class="receipt-nav" aria-label="Receipt navigation">
      <a href="#/">← All receipts</a>
      ${neighbours.previous ? html`<a href=${`#/receipts/${encodeURIComponent(neighbours.previous)}`} aria-keyshortcuts="Alt+ArrowLeft">Previous</a>` : null}
      ${neighbours.next ? html`<a href=${`#/receipts/${encodeURIComponent(neighbours.next)}`} aria-keyshortcuts="Alt+ArrowRight">Next</a>` : null}
    </nav>
    <h1>
      ${receipt.effective.fields.merchantName ?? receipt.fileName ?? 'Receipt'}
      <${StatusBadge} receipt=${receipt} />
    </h1>
    ${
      receipt.partOf
        ? html`<p class="part-of">Receipt ${receipt.partOf.part} of ${receipt.partOf.parts} found in one photo${
            receipt.partOf.receiptId === receipt.id
              ? null
              : html` (<a href=${`#/receipts/${encodeURIComponent(receipt.partOf.receiptId)}`}>the first</a>)`
          }</p>`
        : null
    }
    <div class="review">
      <figure class="image-pane">
        ${
          image
            ? html`<${ReceiptImage} receipt=${receipt} text=${text} image=${image} onPick=${pick} />`
            : html`<p class="placeholder">${isSettled(receipt) ? 'Loading the image…' : 'The OCR is reading this receipt…'}</p>`
        }
        <figcaption>Click a box or a word to put its text into the field you are editing.</figcaption>
      </figure>
      <form
        class="review-form"
        aria-label="Receipt fields"
        onSubmit=${(event: Event) => {
          event.preventDefault();
          void save();
        }}
      >
        <fieldset>
          <legend>Fields</legend>
          ${FIELD_NAMES.map(input)}
        </fieldset>
        <fieldset>
          <legend>Items</legend>
          <table class="items">
            <thead><tr>${ITEM_COLUMNS.map((column) => html`<th scope="col">${column.label}</th>`)}<th><span class="visually-hidden">Remove</span></th></tr></thead>
            <tbody>
              ${form.items.map(
                (item, index) => html`<tr key=${index}>
                  ${ITEM_COLUMNS.map(
                    (column) => html`<td><input
                      id=${`input-items.${index}.${column.key}`}
                      aria-label=${`${column.label} of item ${index + 1}`}
                      value=${item[column.key]}
                      inputmode=${column.kind === 'amount' ? 'decimal' : undefined}
                      onFocus=${() => {
                        active.current = `items.${index}.${column.key}`;
                      }}
                      onInput=${(event: Event) => setItem(index, column.key, (event.currentTarget as HTMLInputElement).value)}
                    /></td>`,
                  )}
                  <td><button type="button" class="link" aria-label=${`Remove item ${index + 1}`}
                    onClick=${() => setForm((current) => ({ ...current, items: current.items.filter((_, at) => at !== index) }))}>✕</button></td>
                </tr>`,
              )}
            </tbody>
          </table>
          <button type="button" onClick=${() => setForm((current) => ({ ...current, items: [...current.items, { description: '', quantity: '', unitPrice: '', amount: '' }] }))}>Add item</button>
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary" disabled=${busy} aria-keyshortcuts="Control+S">Save</button>
          <button type="button" onClick=${() => void reprocess()} disabled=${!isSettled(receipt) || awaitingVersion !== undefined}>Reprocess</button>
          <label class="inline"><input type="checkbox" checked=${keepCorrections} onChange=${(event: Event) => setKeepCorrections((event.currentTarget as HTMLInputElement).checked)} /> keep corrections</label>
          <button type="button" class="danger" onClick=${() => void remove()}>Delete</button>
        </div>
        <div class="message" aria-live="polite">
          ${
            message
              ? html`<p class=${message.kind === 'info' ? 'info' : 'error'} role=${message.kind === 'info' ? 'status' : 'alert'}>
                ${message.text}
                ${message.kind === 'conflict' ? html` <button type="button" onClick=${() => void load()}>Reload</button>` : null}
              </p>`
              : null
          }
        </div>
      </form>
    </div>
  </main>`;
}
