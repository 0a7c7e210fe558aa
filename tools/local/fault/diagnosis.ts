/**
 * What a burst or fault run was waiting for when it waited too long (fault-run.ts): the records not final, the
 * uploads without one, what each stack process's queue holds (ready, delayed, in flight, dead-lettered) and
 * whether the process is alive and answering. A stall then fails with this text instead of a bare timeout.
 */
import type { ReceiptRecord } from '../../../functions/receipts/record.js';
import type { QueuedMessage, StackMessage } from './messages.js';

export type QueueAnswer = Extract<StackMessage, { type: 'queue' }>;
type Status = Extract<StackMessage, { type: 'status' }>;

export interface ProcessState {
  pid: number | undefined;
  role: string;
  /** `running`, or how it ended (exit code or signal). */
  state: string;
  status: Status | undefined;
  /** Seconds since its last status message (sent every 250 ms while its event loop turns). */
  statusAgeSeconds: number | undefined;
  /** Its answer to `diagnose`, or why there is none. */
  queue: QueueAnswer | string;
}

export interface DiagnosisInput {
  phase: string;
  elapsedSeconds: number;
  faults: readonly string[];
  processes: readonly ProcessState[];
  uploadKeys: readonly string[];
  /** Every record of the run's owner, or why they could not be read. */
  records: readonly ReceiptRecord[] | string;
  isFinal: (record: ReceiptRecord) => boolean;
}

/** Lines kept per list: a stalled 500-receipt burst must stay readable. */
const LIST_LIMIT = 25;

function listed<T>(items: readonly T[], line: (item: T) => string): string[] {
  const lines = items.slice(0, LIST_LIMIT).map((item) => `    ${line(item)}`);
  if (items.length > LIST_LIMIT) lines.push(`    … and ${items.length - LIST_LIMIT} more`);
  return lines;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function queueLines(queue: QueueAnswer | string): string[] {
  if (typeof queue === 'string') return [`  queue: ${queue}`];
  const ready = queue.waiting.filter((message) => message.ms === 0).length;
  const lines = [
    `  queue: ${queue.waiting.length} waiting (${ready} ready, ${queue.waiting.length - ready} delayed), ` +
      `${queue.inFlight.length} in flight, ${queue.deadLetters.length} dead-lettered; ` +
      `${queue.failedBatches} failed batches in a row; outages: ${queue.outages.join(', ') || 'none'}`,
  ];
  const message = (entry: QueuedMessage, what: string) =>
    `${entry.about} (message ${entry.messageId}, receive ${entry.receiveCount}, ${what} ${seconds(entry.ms)})`;
  if (queue.inFlight.length > 0) {
    lines.push('  in flight:', ...listed(queue.inFlight, (entry) => message(entry, 'handled for')));
  }
  if (queue.waiting.length > 0) {
    lines.push('  waiting:', ...listed(queue.waiting, (entry) => message(entry, 'visible in')));
  }
  if (queue.deadLetters.length > 0) {
    lines.push(
      '  dead letters:',
      ...listed(
        queue.deadLetters,
        (entry) => `${entry.about} (message ${entry.messageId}, ${entry.receiveCount} receives)`,
      ),
    );
  }
  return lines;
}

function processLines(process: ProcessState): string[] {
  const { status } = process;
  const heard =
    process.statusAgeSeconds === undefined
      ? 'no status yet'
      : `last status ${process.statusAgeSeconds.toFixed(1)} s ago`;
  const counts = status
    ? `: depth ${status.depth}, handled ${status.handled}, retried ${status.retries}, dead-lettered ${status.deadLettered}, RSS ${Math.round(status.rss / 1024 / 1024)} MB`
    : '';
  const head = `${process.role} stack process ${process.pid ?? '?'}: ${process.state}, ${heard}${counts}`;
  return process.state === 'running' ? [head, ...queueLines(process.queue)] : [head];
}

function recordLine(record: ReceiptRecord): string {
  const parts = [`${record.source.key}: ${record.status}`, `attempts ${record.attempts}`];
  if (record.error) {
    parts.push(
      `error ${record.error.code} (${record.error.retryable ? 'retryable' : 'permanent'}${record.error.attemptsExhausted ? ', attempts exhausted' : ''})`,
    );
  }
  if (record.processing) {
    parts.push(`lease of message ${record.processing.deliveryId} until ${record.processing.leaseUntil}`);
  }
  parts.push(`updated ${record.updatedAt}`);
  return parts.join(', ');
}

export function diagnosis(input: DiagnosisInput): string {
  const lines = [
    `waited too long for: ${input.phase} (${input.elapsedSeconds.toFixed(0)} s after the uploads)`,
    `faults so far: ${input.faults.join('; ') || 'none'}`,
    ...input.processes.flatMap(processLines),
  ];
  if (typeof input.records === 'string') {
    lines.push(`records: could not be read (${input.records})`);
  } else {
    const keys = new Set(input.records.map((record) => record.source.key));
    const notFinal = input.records.filter((record) => !input.isFinal(record));
    const missing = input.uploadKeys.filter((key) => !keys.has(key));
    lines.push(
      `records: ${input.records.length} for ${input.uploadKeys.length} uploads; ` +
        `${input.records.length - notFinal.length} final, ${notFinal.length} not final, ${missing.length} uploads without a record`,
    );
    if (notFinal.length > 0) lines.push('  not final:', ...listed(notFinal, recordLine));
    if (missing.length > 0) lines.push('  without a record:', ...listed(missing, (key) => key));
  }
  return lines.join('\n');
}

/** A run that waited longer than its limit, with what it was waiting for. */
export class BurstStalledError extends Error {
  override readonly name = 'BurstStalledError';
}
