/**
 * OCR Lambda entry point (container image, CMD `ocr/handler.handler`). Everything expensive happens once, at
 * init: config validation, the OCR engine (tesseract.js worker + traineddata) and the SDK clients, awaited at top
 * level so a broken engine fails the cold start instead of the first receipt. Invocations reuse all of it.
 *
 * Order matters for the cold start: the engine's worker is started first, and only then are the rest of the
 * function's modules imported (ocr-function.ts), so the worker thread's WASM compile and model load overlap their
 * evaluation. The static imports here must stay light (no AWS SDK, Powertools or sharp): a bundle evaluates them
 * before this module's first line (docs/engine.md, "Cold start").
 */
import { createReceiptEngine } from '@receipt-ocr/engine';
import { loadOcrConfig } from '../commons/config.js';

const config = loadOcrConfig();

const [engine, wiring] = await Promise.all([
  createReceiptEngine({
    languages: config.languages,
    maxBytes: config.maxUploadBytes,
    ...(config.tessdataPath ? { langPath: config.tessdataPath } : {}),
  }),
  import('./ocr-function.js'),
]);

export const handler = wiring.ocrFunctionHandler(config, engine);

/** For long-lived hosts of this module (the local stack, tests): stop the worker and the clients' sockets. */
export async function shutdown(): Promise<void> {
  await engine.close();
  wiring.closeClients();
}
