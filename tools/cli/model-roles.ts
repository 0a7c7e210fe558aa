/** `--models page+lines` of `pnpm bench` and `pnpm eval`: which model kind reads pages and which re-reads lines. */
import type { ModelRoles } from '@receipt-ocr/engine/internals';
import { MODEL_KINDS, type ModelKind } from '@receipt-ocr/engine/language-models';

export class ModelRolesError extends Error {
  readonly code = 'USAGE';
}

/** `fast+best_int` → pages fast, lines best_int; one kind alone serves both roles. */
export function parseModelRoles(value: string | undefined): ModelRoles | undefined {
  if (value === undefined) return undefined;
  const [page, lines = page] = value.split('+');
  const kind = (name: string | undefined): ModelKind => {
    if (!MODEL_KINDS.includes(name as ModelKind)) {
      throw new ModelRolesError(`unknown model kind "${name}": use ${MODEL_KINDS.join(' or ')}`);
    }
    return name as ModelKind;
  };
  return { page: kind(page), lines: kind(lines) };
}
