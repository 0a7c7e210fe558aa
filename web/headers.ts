/**
 * The review page's security headers, one home for the local server (tools/local/api/web.ts) and the CloudFront
 * response headers policy (infra/constructs/review-web-app.ts). The page loads only its own script and style; it
 * talks to the API and to S3 (presigned upload POST and image GET), and in AWS to the Cognito hosted UI's token
 * endpoint, so those origins are the only ones besides 'self'.
 */
export interface PageOrigins {
  /** fetch/XHR targets besides the page's own origin: the API, the bucket, the Cognito domain. */
  readonly connect: readonly string[];
  /** Image sources besides the page's own origin: the bucket (presigned GET). */
  readonly images: readonly string[];
}

export function contentSecurityPolicy(origins: PageOrigins): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' blob: ${origins.images.join(' ')}`.trim(),
    `connect-src 'self' ${origins.connect.join(' ')}`.trim(),
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers beside the CSP; CloudFront sets the same through its security headers behaviour. */
export const PAGE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
} as const;

/** HSTS, for the HTTPS deployment only (a local http:// page must not send it). */
export const HSTS_MAX_AGE_SECONDS = 63_072_000;
