/** The receipt domain: record schema and lifecycle, ports, errors, messages and the pipeline service. */
export * from './errors.js';
export * from './keys.js';
export * from './lifecycle.js';
export * from './messages.js';
export type * from './ports.js';
export * from './record.js';
export * from './service.js';
