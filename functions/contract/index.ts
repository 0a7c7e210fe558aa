/**
 * The contract between functions, infra and tools: facts each of them needs, kept in one place. Dependency-free
 * (`pnpm lint` refuses any import here), so the CDK app, the Lambda bundles and the CLI all import it.
 */
export * from './environment.js';
export * from './events.js';
export * from './limits.js';
export * from './media-types.js';
export * from './models.js';
export * from './rules.js';
export * from './table.js';
export * from './telemetry.js';
