/**
 * Settings of the local stack only (`pnpm start`, the fault runs, `pnpm api-token`, `pnpm redrive`): ports, data
 * folder and s3rver's credentials. Lambda never reads them, so they stay out of functions/commons/config.ts.
 */
import { z } from 'zod';
import { type Environment, readConfig } from '../../functions/commons/config.js';

/** s3rver accepts only its fixed credentials; use them with the local S3 endpoint (dynalite takes any). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

const required = z.string().trim().min(1);
const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

/** The `pnpm start` stack: ports and data folder (S3_PORT, DYNAMODB_PORT, PORT, LOCAL_DATA_DIR). */
const LocalStackEnv = z
  .object({
    S3_PORT: port(4568),
    DYNAMODB_PORT: port(4567),
    PORT: port(3000),
    LOCAL_DATA_DIR: required.default('.data'),
  })
  .transform((env) => ({
    s3Port: env.S3_PORT,
    dynamodbPort: env.DYNAMODB_PORT,
    apiPort: env.PORT,
    dataDir: env.LOCAL_DATA_DIR,
  }));

export type LocalStackConfig = z.output<typeof LocalStackEnv>;

export function loadLocalStackConfig(env: Environment = process.env): LocalStackConfig {
  return readConfig(LocalStackEnv, env);
}
