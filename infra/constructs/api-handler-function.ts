import { existsSync } from 'node:fs';
import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { REPO_ROOT } from '../config/paths.js';
import { functionRole } from './function-role.js';
import { retainedLogGroup } from './log-group.js';
import { requireIntInRange } from './validate.js';

export interface ApiHandlerFunctionProps {
  /** Entry file relative to the repository root, e.g. `functions/api/handlers/health.ts` (exports `handler`). */
  readonly entry: string;
  /** CPU architecture. */
  readonly architecture: 'arm64' | 'x86_64';
  /** Environment variables. */
  readonly environment: Readonly<Record<string, string>>;
  /** Retention of the function's log group in days. */
  readonly logRetentionDays: number;
  /**
   * Removal policy of the log group.
   * @default RemovalPolicy.DESTROY
   */
  readonly logRemovalPolicy?: RemovalPolicy;
  /**
   * Memory in MiB.
   * @default 512
   */
  readonly memoryMiB?: number;
  /**
   * Timeout in seconds (API Gateway answers 504 after 29 s anyway).
   * @default 10
   */
  readonly timeoutSeconds?: number;
}

/**
 * An API route handler on the Node.js 22 runtime, bundled at synth by the local esbuild (never Docker) into one
 * minified ESM file with a source map; the AWS SDK is bundled too so the deployed code runs the locked versions.
 */
export class ApiHandlerFunction extends Construct {
  readonly function: nodejs.NodejsFunction;

  constructor(scope: Construct, id: string, props: ApiHandlerFunctionProps) {
    super(scope, id);
    const entry = path.resolve(REPO_ROOT, props.entry);
    if (!existsSync(entry))
      throw new Error(`ApiHandlerFunction ${id}: entry file ${props.entry} does not exist`);
    const memoryMiB = props.memoryMiB ?? 512;
    const timeoutSeconds = props.timeoutSeconds ?? 10;
    requireIntInRange(`ApiHandlerFunction ${id} memoryMiB`, memoryMiB, 128, 10_240);
    requireIntInRange(`ApiHandlerFunction ${id} timeoutSeconds`, timeoutSeconds, 1, 29);

    const logGroup = retainedLogGroup(
      this,
      'Logs',
      props.logRetentionDays,
      props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    );
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'pnpm-lock.yaml'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: props.architecture === 'arm64' ? lambda.Architecture.ARM_64 : lambda.Architecture.X86_64,
      memorySize: memoryMiB,
      timeout: Duration.seconds(timeoutSeconds),
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      role: functionRole(this, 'Role', logGroup),
      bundling: {
        forceDockerBundling: false,
        format: nodejs.OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        externalModules: [],
        // Some dependencies still call require(): give the ESM bundle one.
        banner:
          "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        mainFields: ['module', 'main'],
      },
    });
  }
}
