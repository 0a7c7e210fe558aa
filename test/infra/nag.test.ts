import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { buildApp, CDK_TEST_TIMEOUT_MS } from './support/build-app.js';

interface Acknowledged {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

function acknowledgementsUnder(root: IConstruct): Acknowledged[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => {
        const data = entry.data as Record<string, string> | Array<{ id: string; reason: string }>;
        const rules = Array.isArray(data)
          ? data
          : Object.entries(data).map(([id, reason]) => ({ id, reason }));
        return rules.map((rule) => ({ path: construct.node.path, id: rule.id, reason: rule.reason }));
      }),
  );
}

describe('cdk-nag AwsSolutions checks', { timeout: CDK_TEST_TIMEOUT_MS }, () => {
  it.each(['dev', 'prod'])('synthesizes the %s stage with no unacknowledged finding', (stage) => {
    const { app } = buildApp(stage);
    expect(() => app.synth()).not.toThrow();
  });

  it('synthesizes prod with the real handler files bundled by the local esbuild (what pnpm synth does)', () => {
    const { app, stacks } = buildApp('prod', {}, { realHandlers: true });
    const assembly = app.synth();
    const assets = JSON.parse(
      readFileSync(path.join(assembly.directory, `${stacks.api.artifactId}.assets.json`), 'utf8'),
    ) as { files: Record<string, { source: { path: string; packaging: string } }> };
    const bundles = Object.values(assets.files).filter((file) => file.source.packaging === 'zip');
    expect(bundles).toHaveLength(7);
    for (const bundle of bundles) {
      expect(existsSync(path.join(assembly.directory, bundle.source.path, 'index.mjs'))).toBe(true);
    }
  });

  it('fails synth on a finding nobody acknowledged', () => {
    const { app, stacks } = buildApp('dev');
    new s3.Bucket(stacks.storage, 'UnreviewedBucket');
    expect(() => app.synth()).toThrow(
      /UnreviewedBucket[\s\S]*AwsSolutions-S10|AwsSolutions-S10[\s\S]*UnreviewedBucket/,
    );
  });

  it('gives every acknowledgement a rule id, a resource and a reason', () => {
    const { app } = buildApp('dev');
    const acknowledged = acknowledgementsUnder(app);
    expect(acknowledged.length).toBeGreaterThan(10);
    for (const entry of acknowledged) {
      expect(entry.id, entry.path).toMatch(/^AwsSolutions::AwsSolutions-[A-Z]+\d+/);
      expect(entry.path, entry.id).toMatch(/^ReceiptOcr-dev-\w+\/.+/);
      expect(entry.reason.length, `${entry.path} ${entry.id}`).toBeGreaterThan(40);
    }
  });
});
