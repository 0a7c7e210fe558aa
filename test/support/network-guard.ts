/**
 * Tests reach nothing but the loopback interface. Any other outbound connection (a CDN fetch of
 * traineddata, an AWS endpoint left unconfigured) fails the test that made it, loudly.
 */
import net from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;

function hostOf(args: unknown[]): string | undefined {
  const [first, second] = args;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; path?: string | null };
    // A unix socket has a string path and no host (http request options carry `path: null`).
    if (typeof options.path === 'string' && options.host === undefined) return 'localhost';
    return options.host ?? 'localhost';
  }
  if (typeof first === 'number') return typeof second === 'string' ? second : 'localhost';
  return undefined;
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  // net.connect() and http(s) agents call socket.connect() with their arguments normalised into one array.
  const host = hostOf(Array.isArray(args[0]) ? (args[0] as unknown[]) : args);
  if (host !== undefined && !LOOPBACK.test(host)) {
    throw new Error(`network guard: tests may only connect to loopback, not ${host}`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

const originalFetch = globalThis.fetch;
globalThis.fetch = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!LOOPBACK.test(url.hostname.replace(/^\[|\]$/g, ''))) {
    throw new Error(`network guard: tests may only fetch from loopback, not ${url.hostname}`);
  }
  return originalFetch(input, init);
};
