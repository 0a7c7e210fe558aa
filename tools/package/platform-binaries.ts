import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { findPackageDir, type ResolvedPackage, readManifest } from './runtime-modules.js';
import type { TargetArch } from './targets.js';

/**
 * sharp's native packages (its addon and libvips) for Linux (glibc, as in the Lambda base image) on the target
 * architecture, at the exact versions sharp pins. Taken from the installed packages when the host matches;
 * otherwise fetched once with `npm pack` from the npm registry into `cacheDir` (pnpm installs only the host's
 * binary). Everything else the image runs is JavaScript or WebAssembly, the same on every architecture.
 */
export function nativePlatformPackages(
  sharpDir: string,
  arch: TargetArch,
  cacheDir: string,
): Map<string, ResolvedPackage> {
  return platformPackages(
    sharpDir,
    [`@img/sharp-linux-${arch}`, `@img/sharp-libvips-linux-${arch}`],
    cacheDir,
  );
}

/** `names` among the optional (platform) dependencies of the package in `ownerDir`, at its pinned versions. */
function platformPackages(
  ownerDir: string,
  names: readonly string[],
  cacheDir: string,
): Map<string, ResolvedPackage> {
  const owner = readManifest(ownerDir);
  const optional = owner.optionalDependencies ?? {};
  const packages = new Map<string, ResolvedPackage>();
  for (const name of names) {
    const version = optional[name];
    if (version === undefined)
      throw new Error(`${owner.name} does not list ${name} among its platform packages`);
    const installed = findPackageDir(name, ownerDir);
    const dir =
      installed !== undefined && readManifest(installed).version === version
        ? installed
        : fetchPackage(name, version, cacheDir);
    packages.set(name, { dir, manifest: readManifest(dir) });
  }
  return packages;
}

function fetchPackage(name: string, version: string, cacheDir: string): string {
  const dir = path.join(cacheDir, `${name.replace('/', '+')}@${version}`);
  if (existsSync(path.join(dir, 'package.json'))) return dir;
  mkdirSync(dir, { recursive: true });
  const tarball = execFileSync(
    'npm',
    ['pack', `${name}@${version}`, '--silent', '--pack-destination', cacheDir],
    { encoding: 'utf8' },
  )
    .trim()
    .split('\n')
    .pop();
  if (tarball === undefined || tarball === '')
    throw new Error(`npm pack ${name}@${version} returned no file`);
  execFileSync('tar', ['-xzf', path.join(cacheDir, tarball), '-C', dir, '--strip-components=1']);
  return dir;
}
