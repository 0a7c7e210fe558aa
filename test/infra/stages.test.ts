import { describe, expect, it } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS } from '../../functions/engine/engine-options.js';
import { loadStageConfig, STAGES, type StageConfig, type StageOverrides } from '../../infra/config/stages.js';
import { PROD_OVERRIDES } from './support/build-app.js';

describe('stage settings', () => {
  it('validates the dev stage as it is in the repository', () => {
    expect(loadStageConfig('dev').stage).toBe('dev');
  });

  it('validates the prod stage with what the deploy command passes', () => {
    const prod = loadStageConfig('prod', PROD_OVERRIDES);
    expect(prod.removalPolicy).toBe('retain');
    expect(prod.production).toBe(true);
    expect(prod.ocr).toMatchObject({ architecture: 'arm64', memoryMiB: 1769, timeoutSeconds: 180 });
    expect(prod.auth).toEqual({
      mode: 'create',
      mfa: 'required',
      email: { fromEmail: 'no-reply@receipts.acme-corp.io' },
    });
    expect(prod).toMatchObject({ account: '123456789012', region: 'eu-west-1' });
  });

  it('sizes prod from the capacity model: the 5x peak of 1M receipts a day at 1.5 s each, with reserve', () => {
    const { ocr } = loadStageConfig('prod', PROD_OVERRIDES);
    const peakReceiptsPerSecond = (5 * 1_000_000) / 86_400;
    expect(ocr.maxConcurrency / 1.5).toBeGreaterThan(peakReceiptsPerSecond * 1.3);
    expect(ocr.maxConcurrency / 2.0).toBeGreaterThan(peakReceiptsPerSecond);
    expect(ocr.reservedConcurrency).toBeGreaterThanOrEqual(ocr.maxConcurrency);
    expect(ocr.maxReceiveCount).toBeGreaterThanOrEqual(5);
  });

  it('gives the longest receipt the engine accepts the time it takes, and the rest of a batch room before it', () => {
    // A 45,000-row receipt took 100 s on one loaded core (docs/engine.md): the 60,000-row limit is ~133 s.
    const longestReceiptSeconds = (DEFAULT_ENGINE_OPTIONS.maxReadHeight * 100) / 45_000;
    for (const stage of ['dev', 'prod']) {
      const { ocr } = loadStageConfig(stage, stage === 'prod' ? PROD_OVERRIDES : {});
      expect(ocr.minRemainingSecondsToStart).toBeGreaterThanOrEqual(longestReceiptSeconds);
      // The other three receipts of a batch (p90 2.6 s, maximum 3.4 s each) and a cold engine start first.
      expect(ocr.timeoutSeconds - ocr.minRemainingSecondsToStart).toBeGreaterThanOrEqual(3 * 3.4 + 2);
    }
  });

  it('keeps receipts one retention period and tiers prod images only where the saving beats the transition', () => {
    const dev = loadStageConfig('dev');
    const prod = loadStageConfig('prod', PROD_OVERRIDES);
    expect(dev.storage).toMatchObject({ retentionDays: 30 });
    expect(dev.storage.imageTiering).toBeUndefined();
    expect(prod.storage).toMatchObject({
      retentionDays: 365,
      imageTiering: { storageClass: 'STANDARD_IA', afterDays: 30 },
    });
  });

  it.each([
    [
      'tiering at or after the expiry',
      (config: StageConfig) => ({
        ...config,
        storage: { ...config.storage, imageTiering: { storageClass: 'STANDARD_IA' as const, afterDays: 30 } },
      }),
      /storage\.imageTiering\.afterDays: must be less than storage\.retentionDays \(30\)/,
    ],
    [
      'PENDING records kept longer than receipts',
      (config: StageConfig) => ({
        ...config,
        storage: { ...config.storage, retentionDays: 7, pendingRecordExpiryDays: 8 },
      }),
      /storage\.pendingRecordExpiryDays: must not exceed storage\.retentionDays \(7\)/,
    ],
    [
      'a start margin no invocation has',
      (config: StageConfig) => ({
        ...config,
        ocr: { ...config.ocr, timeoutSeconds: 60, minRemainingSecondsToStart: 60 },
      }),
      /ocr\.minRemainingSecondsToStart: must be less than ocr\.timeoutSeconds \(60\)/,
    ],
  ])('refuses %s with a message naming the setting', (_name, change, message) => {
    const dev = STAGES.dev as StageConfig;
    const stages = STAGES as Record<string, StageConfig>;
    stages.dev = change(dev);
    try {
      expect(() => loadStageConfig('dev')).toThrow(message);
    } finally {
      stages.dev = dev;
    }
  });

  it('applies context overrides', () => {
    const config = loadStageConfig('dev', {
      architecture: 'x86_64',
      alarmEmail: 'ops@example.com',
      alarmWebhookUrl: 'https://events.pagerduty.com/integration/abc/enqueue',
      corsAllowedOrigins: 'https://a.example.com, https://b.example.com',
      cognitoFromEmail: 'no-reply@acme-corp.io',
      oauthCallbackUrls: 'https://app.acme-corp.io/callback',
    });
    expect(config.ocr.architecture).toBe('x86_64');
    expect(config.alarms.email).toBe('ops@example.com');
    expect(config.alarms.webhookUrl).toBe('https://events.pagerduty.com/integration/abc/enqueue');
    expect(config.api.corsAllowedOrigins).toEqual(['https://a.example.com', 'https://b.example.com']);
    expect(config.auth).toMatchObject({
      email: { fromEmail: 'no-reply@acme-corp.io' },
      oauthCallbackUrls: ['https://app.acme-corp.io/callback'],
    });
  });

  it.each([
    [{ stage: 'staging' }, /Unknown stage "staging": use -c stage=dev\|prod/],
    [{ architecture: 'arm' }, /ocr\.architecture/],
    [{ corsAllowedOrigins: '*' }, /api\.corsAllowedOrigins\.0/],
    [{ corsAllowedOrigins: 'https://*.example.com' }, /no wildcard origins/],
    [{ alarmEmail: 'not-an-email' }, /alarms\.email/],
    [{ alarmWebhookUrl: 'http://hooks.acme-corp.io/x' }, /alarms\.webhookUrl/],
    [{ baseImageDigest: 'latest' }, /ocr\.baseImageDigest/],
    [{ account: '1234' }, /account: a 12-digit AWS account id/],
  ])('rejects %o with a message naming the setting', (input, message) => {
    const { stage = 'dev', ...overrides } = input as StageOverrides & { stage?: string };
    expect(() => loadStageConfig(stage, overrides)).toThrow(message);
  });
});

describe('a production synth refuses what would not work in production', () => {
  const without = (key: keyof StageOverrides): StageOverrides =>
    Object.fromEntries(Object.entries(PROD_OVERRIDES).filter(([name]) => name !== key));

  it.each<[string, StageOverrides, RegExp]>([
    [
      'no alarm subscriber',
      without('alarmEmail'),
      /alarms\.email: a production stage needs an alarm subscriber/,
    ],
    ['no origin at all', without('corsAllowedOrigins'), /api\.corsAllowedOrigins: list the apps' origins/],
    [
      'an example.com origin',
      { ...PROD_OVERRIDES, corsAllowedOrigins: 'https://app.example.com' },
      /api\.corsAllowedOrigins\.0: "https:\/\/app\.example\.com" is a placeholder/,
    ],
    [
      'a local origin',
      { ...PROD_OVERRIDES, corsAllowedOrigins: 'https://receipts.acme-corp.io,http://localhost:5173' },
      /api\.corsAllowedOrigins\.1: "http:\/\/localhost:5173" is a placeholder or not https/,
    ],
    [
      'an example.com OAuth callback',
      { ...PROD_OVERRIDES, oauthCallbackUrls: 'https://example.com' },
      /auth\.oauthCallbackUrls\.0: "https:\/\/example\.com" is a placeholder/,
    ],
    ['no SES identity', without('cognitoFromEmail'), /auth\.email: a production pool sends mail through SES/],
    ['no pinned account', without('account'), /account: pin the production account: -c account=/],
    ['no pinned region', without('region'), /region: pin the production region: -c region=/],
  ])('fails on %s, naming the setting', (_, overrides, message) => {
    expect(() => loadStageConfig('prod', overrides)).toThrow(message);
  });

  it('accepts a pager webhook instead of an e-mail subscriber', () => {
    const config = loadStageConfig('prod', {
      ...without('alarmEmail'),
      alarmWebhookUrl: 'https://events.pagerduty.com/integration/abc/enqueue',
    });
    expect(config.alarms.webhookUrl).toBe('https://events.pagerduty.com/integration/abc/enqueue');
  });

  it('keeps the repository free of production placeholders', () => {
    expect(STAGES.prod?.api.corsAllowedOrigins).toEqual([]);
    expect(() => loadStageConfig('prod')).toThrow(/Invalid settings for stage "prod"/);
  });
});
