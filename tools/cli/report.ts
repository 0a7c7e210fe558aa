/** How one receipt's outcome is written: a JSON line (--json) or a readable summary. */
import type { EngineResult, ReceiptFields } from '@receipt-ocr/engine';

export type Outcome =
  | { readonly file: string; readonly ok: true; readonly result: EngineResult }
  | { readonly file: string; readonly ok: false; readonly error: { code: string; message: string } };

export function toJsonLine(outcome: Outcome): string {
  if (!outcome.ok) return JSON.stringify({ file: outcome.file, ok: false, error: outcome.error });
  const { fields, items, confidence, timings } = outcome.result;
  return JSON.stringify({ file: outcome.file, ok: true, fields, items, confidence, timings });
}

const pct = (value: number) => `${Math.round(value * 100)}%`;

export function toSummary(outcome: Outcome): string {
  if (!outcome.ok) return `✗ ${outcome.file}\n  ${outcome.error.code}: ${outcome.error.message}\n`;
  const { fields, items, confidence, timings, language, image } = outcome.result;
  const total = timings.decodeMs + timings.preprocessMs + timings.ocrMs + timings.parseMs;
  const out = [
    `✓ ${outcome.file}  (confidence ${pct(confidence)}, ${language}, ${image.width}x${image.height}` +
      `${image.rotation ? `, rotated ${image.rotation}°` : ''}, ${Math.round(total)} ms)`,
  ];
  for (const [name, field] of Object.entries(fields) as [
    keyof ReceiptFields,
    { value: string; confidence: number },
  ][]) {
    out.push(`  ${name.padEnd(16)} ${field.value}  (${pct(field.confidence)})`);
  }
  if (Object.keys(fields).length === 0) out.push('  no fields found');
  for (const item of items) {
    const quantity = item.quantity === null ? '' : `${item.quantity} x `;
    out.push(`  - ${item.description}  ${quantity}${item.amount}`);
  }
  return `${out.join('\n')}\n`;
}
