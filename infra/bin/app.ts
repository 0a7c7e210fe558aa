#!/usr/bin/env node
/** CDK entry point: `cdk synth|deploy -c stage=dev|prod [-c key=value ...]`; the keys are OVERRIDE_KEYS
 * (infra/config/stages.ts), documented in docs/deploy.md. */
import { App } from 'aws-cdk-lib';
import { loadStageConfig, OVERRIDE_KEYS, type StageOverrides } from '../config/stages.js';
import { addReceiptOcrStacks } from '../receipt-ocr-app.js';

const app = new App();
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
};
const overrides: StageOverrides = Object.fromEntries(
  OVERRIDE_KEYS.flatMap((key) => {
    const value = context(key);
    return value === undefined ? [] : [[key, value]];
  }),
);
addReceiptOcrStacks(app, loadStageConfig(context('stage') ?? 'dev', overrides));
app.synth();
