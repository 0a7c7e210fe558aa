import { removalPolicyOf } from '../config/removal.js';
import type { StageConfig } from '../config/stages.js';
import type { OcrImageFunctionProps } from '../constructs/ocr-image-function.js';

/**
 * What every function on the OCR image takes from the stage: architecture, base image pin, the languages the image
 * ships and reads, memory, log retention (a retained stage keeps its logs when a stack is deleted).
 */
export function ocrImageSettings(
  config: StageConfig,
): Pick<
  OcrImageFunctionProps,
  'architecture' | 'baseImageDigest' | 'languages' | 'memoryMiB' | 'logRetentionDays' | 'logRemovalPolicy'
> {
  return {
    logRemovalPolicy: removalPolicyOf(config),
    architecture: config.ocr.architecture,
    ...(config.ocr.baseImageDigest === undefined ? {} : { baseImageDigest: config.ocr.baseImageDigest }),
    languages: config.ocr.languages,
    memoryMiB: config.ocr.memoryMiB,
    logRetentionDays: config.logRetentionDays,
  };
}
