import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { LANGUAGES } from '../../functions/contract/rules.js';
import { REPO_ROOT } from '../config/paths.js';
import { functionRole } from './function-role.js';
import { retainedLogGroup } from './log-group.js';
import { requireTraineddataPackages } from './traineddata-packages.js';
import { requireIntInRange } from './validate.js';

/** Path of the traineddata inside the image (Dockerfile.lambda copies `dist/ocr-image/tessdata` there). */
export const IMAGE_TESSDATA_PATH = '/opt/tessdata';

export interface OcrImageFunctionProps {
  /** Handler inside the image, `<file without extension>.<export>`, e.g. `ocr/handler.handler`. */
  readonly command: string;
  /** CPU architecture of the image and the function; the image is built for the same platform. */
  readonly architecture: 'arm64' | 'x86_64';
  /** Memory in MiB (CPU share grows with it; 1769 MiB = one vCPU). */
  readonly memoryMiB: number;
  /** Timeout in seconds. */
  readonly timeoutSeconds: number;
  /**
   * Tesseract languages joined by "+" (`eng+spa`): the image is built with exactly these models
   * (Dockerfile.lambda OCR_LANGUAGES) and the function reads with them (`OCR_LANGUAGES`), so the two cannot differ.
   * Each needs its `@tesseract.js-data/<lang>` package in package.json.
   */
  readonly languages: string;
  /** Environment variables; `TESSDATA_PATH` and `OCR_LANGUAGES` are added. */
  readonly environment: Readonly<Record<string, string>>;
  /** Retention of the function's log group in days. */
  readonly logRetentionDays: number;
  /**
   * Removal policy of the log group.
   * @default RemovalPolicy.DESTROY
   */
  readonly logRemovalPolicy?: RemovalPolicy;
  /**
   * Digest of the Lambda Node.js base image, passed to Dockerfile.lambda as LAMBDA_BASE_DIGEST.
   * @default - the base image version tag in Dockerfile.lambda, unpinned by digest
   */
  readonly baseImageDigest?: string;
  /**
   * Concurrent executions reserved for (and capping) this function.
   * @default - none: the function shares the account's unreserved pool
   */
  readonly reservedConcurrency?: number;
  /**
   * Description shown in the Lambda console.
   * @default - none
   */
  readonly description?: string;
}

/**
 * A Lambda function running the OCR container image built from `Dockerfile.lambda` (tesseract.js + sharp). At synth
 * the image is only hashed; `cdk deploy` builds it with Docker for the function's architecture. Several functions
 * with the same architecture share one image and differ by their command.
 */
export class OcrImageFunction extends Construct {
  readonly function: lambda.DockerImageFunction;

  constructor(scope: Construct, id: string, props: OcrImageFunctionProps) {
    super(scope, id);
    if (!/^[\w./-]+\.\w+$/.test(props.command)) {
      throw new Error(
        `OcrImageFunction: command must look like "ocr/handler.handler", got "${props.command}"`,
      );
    }
    requireIntInRange('OcrImageFunction memoryMiB', props.memoryMiB, 128, 10_240);
    requireIntInRange('OcrImageFunction timeoutSeconds', props.timeoutSeconds, 1, 900);
    if (props.baseImageDigest !== undefined && !/^sha256:[0-9a-f]{64}$/.test(props.baseImageDigest)) {
      throw new Error(
        `OcrImageFunction: baseImageDigest must be sha256:<64 hex>, got "${props.baseImageDigest}"`,
      );
    }
    if (!LANGUAGES.pattern.test(props.languages)) {
      throw new Error(
        `OcrImageFunction: languages must be ${LANGUAGES.description}, got "${props.languages}"`,
      );
    }
    requireTraineddataPackages('OcrImageFunction languages', props.languages.split('+'));
    if (props.reservedConcurrency !== undefined) {
      requireIntInRange('OcrImageFunction reservedConcurrency', props.reservedConcurrency, 1, 10_000);
    }
    const arm = props.architecture === 'arm64';

    const logGroup = retainedLogGroup(
      this,
      'Logs',
      props.logRetentionDays,
      props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    );
    this.function = new lambda.DockerImageFunction(this, 'Function', {
      code: lambda.DockerImageCode.fromImageAsset(REPO_ROOT, {
        file: 'Dockerfile.lambda',
        platform: arm ? Platform.LINUX_ARM64 : Platform.LINUX_AMD64,
        cmd: [props.command],
        buildArgs: {
          OCR_LANGUAGES: props.languages,
          ...(props.baseImageDigest === undefined ? {} : { LAMBDA_BASE_DIGEST: props.baseImageDigest }),
        },
      }),
      architecture: arm ? lambda.Architecture.ARM_64 : lambda.Architecture.X86_64,
      memorySize: props.memoryMiB,
      timeout: Duration.seconds(props.timeoutSeconds),
      environment: {
        ...props.environment,
        OCR_LANGUAGES: props.languages,
        TESSDATA_PATH: IMAGE_TESSDATA_PATH,
      },
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      role: functionRole(this, 'Role', logGroup),
      ...(props.reservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrency }),
      ...(props.description === undefined ? {} : { description: props.description }),
    });
  }
}
