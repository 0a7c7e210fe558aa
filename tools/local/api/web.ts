/**
 * The review page on the local API's origin: the built files of dist/web at `/`, and `/config.json` made per
 * request with a fresh token for each local user (the page's user switcher). Same origin as the API, so the page
 * needs no CORS locally; the uploads and images go to s3rver, whose bucket allows the page's origin.
 */
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { contentSecurityPolicy, PAGE_HEADERS } from '../../../web/headers.js';
import type { LocalSigner } from './jwt.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
const FILES = new Set(['/index.html', '/app.js', '/app.css']);

export interface LocalWebOptions {
  /** Folder of the built page (web/build.ts). */
  dir: string;
  /** The local users the page offers, first = default. */
  users: readonly string[];
  /** The S3 endpoint the page uploads to and loads images from. */
  s3Endpoint: string;
}

/** The page's answer for a GET of `pathname`, or undefined when the path is not the page's. */
export type WebResponder = (pathname: string) => Promise<APIGatewayProxyResult | undefined>;

export function localWeb(options: LocalWebOptions, signer: Pick<LocalSigner, 'sign'>): WebResponder {
  const headers = {
    ...PAGE_HEADERS,
    'Content-Security-Policy': contentSecurityPolicy({
      connect: [options.s3Endpoint],
      images: [options.s3Endpoint],
    }),
    'Cache-Control': 'no-cache',
  };
  return async (pathname) => {
    if (pathname === '/config.json') {
      const users = await Promise.all(
        options.users.map(async (id) => ({ id, token: await signer.sign(id) })),
      );
      return {
        statusCode: 200,
        headers: { ...headers, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
        // An empty apiUrl: the API is the page's own origin.
        body: JSON.stringify({ apiUrl: '', auth: { mode: 'local', users } }),
      };
    }
    const file = pathname === '/' ? '/index.html' : pathname;
    if (!FILES.has(file)) return undefined;
    const body = await readFile(join(options.dir, file), 'utf8');
    return {
      statusCode: 200,
      headers: { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'text/plain' },
      body,
    };
  };
}
