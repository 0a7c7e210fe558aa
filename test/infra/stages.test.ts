import { describe, expect, it } from 'vitest';
import { loadStageConfig, STAGES } from '../../infra/config/stages.js';

describe('stage settings', () => {
  it.each(Object.keys(STAGES))('validates the %s stage', (stage) => {
    expect(loadStageConfig(stage).stage).toBe(stage);
  });

  it('keeps data in prod and sizes the OCR function from the benchmark', () => {
    const prod = loadStageConfig('prod');
    expect(prod.removalPolicy).toBe('retain');
    expect(prod.ocr).toMatchObject({ architecture: 'arm64', memoryMiB: 1769, timeoutSeconds: 60 });
    expect(prod.auth).toEqual({ mode: 'create', mfa: 'required' });
  });

  it('applies context overrides', () => {
    const config = loadStageConfig('dev', {
      architecture: 'x86_64',
      alarmEmail: 'ops@example.com',
      corsAllowedOrigins: 'https://a.example.com, https://b.example.com',
    });
    expect(config.ocr.architecture).toBe('x86_64');
    expect(config.alarms.email).toBe('ops@example.com');
    expect(config.api.corsAllowedOrigins).toEqual(['https://a.example.com', 'https://b.example.com']);
  });

  it.each([
    [{ stage: 'staging' }, /Unknown stage "staging": use -c stage=dev\|prod/],
    [{ architecture: 'arm' }, /ocr\.architecture/],
    [{ corsAllowedOrigins: '*' }, /api\.corsAllowedOrigins\.0/],
    [{ corsAllowedOrigins: 'https://*.example.com' }, /no wildcard origins/],
    [{ alarmEmail: 'not-an-email' }, /alarms\.email/],
    [{ baseImageDigest: 'latest' }, /ocr\.baseImageDigest/],
  ])('rejects %o with a message naming the setting', (input, message) => {
    const { stage = 'dev', ...overrides } = input as { stage?: string; architecture?: string };
    expect(() => loadStageConfig(stage, overrides)).toThrow(message);
  });
});
