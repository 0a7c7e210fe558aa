/**
 * Ports the API use cases need beyond the pipeline's (ports.ts): short-lived URLs that let a client upload or
 * download an image straight from S3, so image bytes never pass through the API functions.
 */
import type { ObjectRef } from './ports.js';

export interface UploadPolicy {
  bucket: string;
  /** The only key the upload may write. */
  key: string;
  /** The only Content-Type the upload may declare. */
  contentType: string;
  /** content-length-range upper bound, in bytes. */
  maxBytes: number;
  expiresInSeconds: number;
}

/** An HTML-form style upload: POST multipart/form-data to `url` with `fields`, then the file as `file`. */
export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
}

export interface UrlSigner {
  /** A presigned POST: unlike a presigned PUT, its policy can enforce the size range and content type. */
  presignUpload(policy: UploadPolicy): Promise<PresignedUpload>;
  /** A presigned GET of one object. */
  presignDownload(ref: ObjectRef, expiresInSeconds: number): Promise<string>;
}
