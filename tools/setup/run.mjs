#!/usr/bin/env node
/**
 * `node tools/setup/run.mjs <command> [args…]`: runs a project command with the toolchain it needs, installing
 * that toolchain first when the machine lacks it. `npm start` and `npm test` (and their pnpm twins) go through
 * here, so a machine with only Node >= 20 and npm needs no other set-up step and no PATH edit.
 *
 * 1. Node 22 (the Lambda runtime) and the pnpm of package.json's `packageManager`: the ones on PATH when they
 *    match, else `npm install --global --prefix .tools node@22 pnpm@<version>` once (corepack is not needed).
 * 2. Dependencies: `pnpm install --frozen-lockfile` when node_modules is missing or was installed from another
 *    lockfile (pnpm keeps a copy of the one it installed in node_modules/.pnpm/lock.yaml).
 * 3. The command, with .tools/bin and node_modules/.bin first on PATH; its exit code is this script's.
 *
 * `--print-path` does 1 and prints the PATH to use (how .ci/run gets the same toolchain).
 * Plain JavaScript on purpose: it runs on the Node 20 the machine has, before any dependency is installed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOOLS_BIN = path.join(ROOT, '.tools', 'bin');
const NODE_MAJOR = 22;
const MANIFEST = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const PNPM_VERSION = MANIFEST.packageManager.split('@')[1];

function log(message) {
  console.error(`[setup] ${message}`);
}

/** The version a binary reports, or undefined when it is not there or fails. */
function versionOf(command, env) {
  const result = spawnSync(command, ['--version'], { env, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim().replace(/^v/, '') : undefined;
}

function suits(env) {
  const node = versionOf('node', env);
  return node?.split('.')[0] === String(NODE_MAJOR) && versionOf('pnpm', env) === PNPM_VERSION;
}

/** An environment whose PATH finds Node 22 and the pinned pnpm, installing them under .tools/ if need be. */
function toolchainEnv() {
  if (suits(process.env)) return process.env;
  const env = { ...process.env, PATH: `${TOOLS_BIN}${path.delimiter}${process.env.PATH ?? ''}` };
  if (suits(env)) return env;
  log(`installing Node ${NODE_MAJOR} and pnpm ${PNPM_VERSION} into .tools/ (once)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const installed = spawnSync(
    npm,
    ['install', '--global', '--prefix', path.join(ROOT, '.tools'), '--no-audit', '--no-fund'].concat([
      `node@${NODE_MAJOR}`,
      `pnpm@${PNPM_VERSION}`,
    ]),
    // npm's output goes to stderr: --print-path's stdout is the PATH alone.
    { stdio: ['ignore', 2, 2] },
  );
  if (installed.status !== 0 || !suits(env)) {
    log(`could not install Node ${NODE_MAJOR} and pnpm ${PNPM_VERSION} with npm (exit ${installed.status})`);
    process.exit(1);
  }
  return env;
}

function dependenciesCurrent() {
  const installedLock = path.join(ROOT, 'node_modules', '.pnpm', 'lock.yaml');
  if (!existsSync(installedLock)) return false;
  return readFileSync(installedLock, 'utf8') === readFileSync(path.join(ROOT, 'pnpm-lock.yaml'), 'utf8');
}

const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  console.error('usage: node tools/setup/run.mjs <command> [args…] | --print-path');
  process.exit(2);
}
const env = toolchainEnv();
if (command === '--print-path') {
  console.log(env.PATH);
  process.exit(0);
}
if (!dependenciesCurrent()) {
  log('installing dependencies (pnpm install --frozen-lockfile)');
  const installed = spawnSync('pnpm', ['install', '--frozen-lockfile'], { cwd: ROOT, env, stdio: 'inherit' });
  if (installed.status !== 0) process.exit(installed.status ?? 1);
}
const child = spawn(command, args, {
  stdio: 'inherit',
  env: { ...env, PATH: `${path.join(ROOT, 'node_modules', '.bin')}${path.delimiter}${env.PATH}` },
});
// Ctrl-C reaches the whole foreground process group, the command included: it decides how to stop, and this
// script waits and exits as it did (a clean stop stays quiet). A SIGTERM or SIGHUP sent to this process alone is
// passed on.
const relays = {
  SIGINT: () => {},
  SIGTERM: () => child.kill('SIGTERM'),
  SIGHUP: () => child.kill('SIGHUP'),
};
for (const [signal, relay] of Object.entries(relays)) process.on(signal, relay);
child.on('error', (error) => {
  log(`${command}: ${error.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  if (signal !== null) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
