/**
 * Dockerfile.lambda, the packaging script and the CDK stacks agree: the final stage copies exactly the two folders
 * `pnpm package:ocr` writes, the traineddata path is the one the functions are told, and every handler command the
 * stacks use is a bundle the package contains. (No Docker engine here: the image itself is built in CI.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/config/paths.js';
import { IMAGE_TESSDATA_PATH } from '../../infra/constructs/ocr-image-function.js';
import { OCR_ENTRIES } from '../../tools/package/targets.js';
import { LAMBDA_NODE_MAJOR } from '../../tools/package/tesseract-core.js';

const dockerfile = readFileSync(path.join(REPO_ROOT, 'Dockerfile.lambda'), 'utf8');
const stages = dockerfile.split(/^FROM /m).slice(1);
const finalStage = stages.at(-1) ?? '';

describe('Dockerfile.lambda', () => {
  it('builds on the Lambda Node.js 22 base image, pinned by version with an optional digest', () => {
    // The same major as the Node the package is built on, whose V8 decides tesseract.js's WASM core.
    expect(dockerfile).toMatch(
      new RegExp(`^ARG LAMBDA_BASE_VERSION=${LAMBDA_NODE_MAJOR}\\.\\d{4}\\.\\d{2}\\.\\d{2}\\.\\d+$`, 'm'),
    );
    expect(finalStage.split('\n')[0]).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile ARG syntax, not a JavaScript template
      'public.ecr.aws/lambda/nodejs:${LAMBDA_BASE_VERSION}${LAMBDA_BASE_DIGEST:+@}${LAMBDA_BASE_DIGEST}',
    );
  });

  it('names a tagged image in every stage (dockerfilelint cannot read FROM --platform)', () => {
    const images = stages.map((stage) => (stage.split('\n')[0] ?? '').replace(/^--platform=\S+ /, ''));
    expect(images).toHaveLength(2);
    for (const image of images) expect(image.split(' ')[0]).toMatch(/^[\w./-]+:\S+$/);
  });

  it('runs the build stage natively on the build machine and packages for the target architecture', () => {
    const build = stages[0] ?? '';
    expect(build.split('\n')[0]).toBe(
      `--platform=$BUILDPLATFORM node:${LAMBDA_NODE_MAJOR}-bookworm-slim AS build`,
    );
    expect(build).toMatch(/^RUN pnpm install --frozen-lockfile$/m);
    expect(build).toMatch(/^RUN pnpm package:ocr --arch "\$\{TARGETARCH:-/m);
  });

  it('copies exactly dist/ocr-image/app and dist/ocr-image/tessdata into the final stage, nothing else', () => {
    const copies = finalStage.split('\n').filter((line) => /^(COPY|ADD) /.test(line));
    expect(copies).toEqual([
      `COPY --from=build /build/dist/ocr-image/tessdata ${IMAGE_TESSDATA_PATH}`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile ENV syntax, not a JavaScript template
      'COPY --from=build /build/dist/ocr-image/app ${LAMBDA_TASK_ROOT}',
    ]);
    expect(finalStage).toContain(`TESSDATA_PATH=${IMAGE_TESSDATA_PATH}`);
    expect(finalStage).not.toMatch(/^RUN /m);
  });

  it('runs a bundle the package contains, as do the commands the stacks give the functions', () => {
    const cmd = /^CMD \["([^"]+)"\]$/m.exec(finalStage)?.[1];
    const stackCommands = ['ocr/handler.handler', 'ocr/sync-ocr.handler'];
    for (const command of [cmd, ...stackCommands]) {
      expect(Object.keys(OCR_ENTRIES)).toContain(command?.replace(/\.handler$/, ''));
    }
    const sources = [
      readFileSync(path.join(REPO_ROOT, 'infra/stacks/processing-stack.ts'), 'utf8'),
      readFileSync(path.join(REPO_ROOT, 'infra/stacks/api-stack.ts'), 'utf8'),
    ].join('\n');
    expect([...sources.matchAll(/command: '([^']+)'/g)].map((match) => match[1]).sort()).toEqual(
      stackCommands,
    );
  });
});

describe('renovate.json', () => {
  const renovate = JSON.parse(readFileSync(path.join(REPO_ROOT, 'renovate.json'), 'utf8')) as {
    customManagers: Array<{
      managerFilePatterns: string[];
      matchStrings: string[];
      versioningTemplate: string;
    }>;
  };
  const workflow = readFileSync(path.join(REPO_ROOT, '.github/workflows/ocr-image.yml'), 'utf8');
  const files: Record<string, string> = {
    'Dockerfile.lambda': dockerfile,
    '.github/workflows/ocr-image.yml': workflow,
  };

  it('finds the base image version in the Dockerfile and the image workflow, the same in both', () => {
    const found = Object.entries(files).map(([file, text]) => {
      const manager = renovate.customManagers.find((each) =>
        each.managerFilePatterns.some((pattern) => new RegExp(pattern.slice(1, -1)).test(file)),
      );
      const match = manager?.matchStrings.map((source) => new RegExp(source).exec(text)).find(Boolean);
      const version = match?.groups?.currentValue ?? '';
      const versioning = new RegExp((manager?.versioningTemplate ?? '').replace(/^regex:/, ''));
      expect(version, file).toMatch(versioning);
      return version;
    });
    expect(new Set(found).size).toBe(1);
  });
});

describe('.dockerignore', () => {
  it('sends only what the build stage copies', () => {
    const rules = readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(rules[0]).toBe('*');
    expect(rules.filter((rule) => rule.startsWith('!')).sort()).toEqual([
      '!THIRD-PARTY-NOTICES.md',
      '!functions/',
      '!models/',
      '!package.json',
      '!patches/',
      '!pnpm-lock.yaml',
      '!pnpm-workspace.yaml',
      '!tools/package/',
      '!tsconfig.json',
    ]);
  });
});
