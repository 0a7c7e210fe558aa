#!/usr/bin/env node
/** CDK entry point: `cdk synth|deploy -c stage=dev|prod [-c architecture=x86_64] [-c baseImageDigest=sha256:...]
 * [-c alarmEmail=ops@example.com] [-c corsAllowedOrigins=https://a,https://b]`. */
import { App } from 'aws-cdk-lib';
import { loadStageConfig, type StageOverrides } from '../config/stages.js';
import { addReceiptOcrStacks } from '../receipt-ocr-app.js';

const app = new App();
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
};
const overrides: StageOverrides = Object.fromEntries(
  (['architecture', 'baseImageDigest', 'alarmEmail', 'corsAllowedOrigins'] as const).flatMap((key) => {
    const value = context(key);
    return value === undefined ? [] : [[key, value]];
  }),
);
addReceiptOcrStacks(app, loadStageConfig(context('stage') ?? 'dev', overrides));
app.synth();
