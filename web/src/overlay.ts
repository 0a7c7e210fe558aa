/**
 * The receipt image with the engine's boxes on it: an SVG whose viewBox is the read image's pixel size, the upload
 * drawn into it through the engine's geometry (geometry.ts), every OCR word as a faint box and every field and
 * item as a labelled box, low-confidence ones highlighted. Clicking a box hands its text to the form.
 */
import { html } from 'htm/preact';
import type { Receipt, ReceiptText } from './api.js';
import { FIELDS, LOW_CONFIDENCE } from './fields.js';
import { svgMatrix, uploadToRead } from './geometry.js';

type Box = { x0: number; y0: number; x1: number; y1: number };

export interface PickedText {
  text: string;
  /** The field whose box was clicked, when it was a field's. */
  field?: string;
}

function rect(box: Box) {
  return { x: box.x0, y: box.y0, width: Math.max(1, box.x1 - box.x0), height: Math.max(1, box.y1 - box.y0) };
}

export function ReceiptImage(props: {
  receipt: Receipt;
  text: ReceiptText | undefined;
  image: { url: string; width: number; height: number };
  onPick: (picked: PickedText) => void;
}) {
  const { receipt, text, image, onPick } = props;
  const read = text?.image ?? receipt.image ?? { width: image.width, height: image.height, rotation: 0 };
  const transform = svgMatrix(uploadToRead(image, read));
  const words = text?.lines.flatMap((line) => line.words) ?? [];
  const fields = Object.entries(receipt.fields).flatMap(([name, field]) =>
    field?.bbox ? [{ name, field: { ...field, bbox: field.bbox } }] : [],
  );
  const items = receipt.items.flatMap((item, index) => (item.bbox ? [{ index, item, bbox: item.bbox }] : []));
  return html`<svg
    class="receipt-image"
    viewBox=${`0 0 ${read.width} ${read.height}`}
    role="img"
    aria-label="The receipt image with the fields the OCR found outlined"
  >
    <image href=${image.url} width=${image.width} height=${image.height} transform=${transform} />
    <g class="words">
      ${words.map(
        (word, index) => html`<rect
          key=${`w${index}`}
          class="box-word"
          ...${rect(word.bbox)}
          onMouseDown=${(event: MouseEvent) => event.preventDefault()}
          onClick=${() => onPick({ text: word.text })}
        ><title>${word.text}</title></rect>`,
      )}
    </g>
    <g class="items">
      ${items.map(
        ({ index, item, bbox }) => html`<rect
          key=${`i${index}`}
          class=${`box-item${item.confidence < LOW_CONFIDENCE ? ' box-low' : ''}`}
          ...${rect(bbox)}
          onMouseDown=${(event: MouseEvent) => event.preventDefault()}
          onClick=${() => onPick({ text: item.text })}
        ><title>Item: ${item.description} ${item.amount}</title></rect>`,
      )}
    </g>
    <g class="fields">
      ${fields.map(
        ({ name, field }) => html`<rect
          key=${name}
          class=${`box-field${field.confidence < LOW_CONFIDENCE ? ' box-low' : ''}`}
          data-field=${name}
          ...${rect(field.bbox)}
          onMouseDown=${(event: MouseEvent) => event.preventDefault()}
          onClick=${() => onPick({ text: field.text, field: name })}
        ><title>${FIELDS[name as keyof typeof FIELDS]?.label ?? name}: ${field.text} (${Math.round(field.confidence * 100)}%)</title></rect>`,
      )}
    </g>
  </svg>`;
}
