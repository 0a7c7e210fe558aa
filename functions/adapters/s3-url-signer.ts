/**
 * UrlSigner on S3: presigned POST (policy with the exact key, Content-Type and content-length-range) for uploads,
 * presigned GET for images. Signing is local (no request to S3) with the function's own credentials, so a URL can
 * never grant more than the function's role allows.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PresignedUpload, UploadPolicy, UrlSigner } from '../receipts/api-ports.js';
import type { ObjectRef } from '../receipts/ports.js';

export class S3UrlSigner implements UrlSigner {
  constructor(
    private readonly client: S3Client,
    /** The signing time: the same clock the service stamps records and expiry times with. */
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * The client as createPresignedPost sees it, signing at the clock's time. The library has no signing-date
   * option; it reads the time as `Date.now() + config.systemClockOffset`, so the clock's lead over Date.now() is
   * added to the offset (the SDK's own skew correction stays in it). The shared client is left untouched.
   */
  #clientSigningAtClock(): S3Client {
    const lead = this.clock().getTime() - Date.now();
    if (lead === 0) return this.client;
    const config = { ...this.client.config, systemClockOffset: this.client.config.systemClockOffset + lead };
    return Object.create(this.client, { config: { value: config } }) as S3Client;
  }

  async presignUpload(policy: UploadPolicy): Promise<PresignedUpload> {
    const { url, fields } = await createPresignedPost(this.#clientSigningAtClock(), {
      Bucket: policy.bucket,
      // createPresignedPost adds the exact-key condition itself: {"key": "<Key>"}.
      Key: policy.key,
      Conditions: [
        ['content-length-range', 1, policy.maxBytes],
        ['eq', '$Content-Type', policy.contentType],
      ],
      Fields: { 'Content-Type': policy.contentType },
      Expires: policy.expiresInSeconds,
    });
    return { url, fields };
  }

  presignDownload(ref: ObjectRef, expiresInSeconds: number): Promise<string> {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: ref.bucket,
        Key: ref.key,
        ...(ref.versionId ? { VersionId: ref.versionId } : {}),
      }),
      { expiresIn: expiresInSeconds, signingDate: this.clock() },
    );
  }
}
