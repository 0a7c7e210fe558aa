/**
 * `pnpm api-token <userId>`: prints a local API token whose `sub` is userId, signed with the development key of the
 * local stack (created under LOCAL_DATA_DIR, default .data, if `pnpm start` has not run yet). Use it to act as any
 * user, e.g. to check that one user cannot see another's receipts.
 */
import { isOwnerId } from '../../functions/receipts/keys.js';
import { parseArgsOrExit } from '../cli/run-main.js';
import { localSigner } from './api/jwt.js';
import { loadLocalStackConfig } from './config.js';

const USAGE = 'usage: pnpm api-token <userId> [--ttl <seconds>]   (prints a local API token for that user)';

const { positionals, values } = parseArgsOrExit(USAGE, {
  allowPositionals: true,
  options: { ttl: { type: 'string', default: String(24 * 60 * 60) } },
});
const userId = positionals[0];
const ttlSeconds = Number(values.ttl);
if (!userId || positionals.length > 1 || !Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
  console.error(USAGE);
  process.exit(2);
}
if (!isOwnerId(userId)) {
  console.error(
    `pnpm api-token: "${userId}" is not a valid user id: letters, digits and . _ @ + = : - (1-128 chars)`,
  );
  process.exit(2);
}
try {
  const signer = await localSigner(loadLocalStackConfig().dataDir);
  console.log(await signer.sign(userId, { ttlSeconds }));
} catch (error) {
  console.error(`pnpm api-token: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
