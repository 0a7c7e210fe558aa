/** ObjectStore on S3 (and s3rver locally): HEAD, conditional GET, JSON results. */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { ReceiptError } from '../receipts/errors.js';
import type { ByteRange, ObjectHead, ObjectRef, ObjectStore } from '../receipts/ports.js';

function status(error: unknown): number | undefined {
  return error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
}

function versioned(ref: ObjectRef) {
  return { Bucket: ref.bucket, Key: ref.key, ...(ref.versionId ? { VersionId: ref.versionId } : {}) };
}

export class S3ObjectStore implements ObjectStore {
  constructor(private readonly client: S3Client) {}

  async head(ref: ObjectRef): Promise<ObjectHead | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand(versioned(ref)));
      return {
        size: head.ContentLength ?? 0,
        ...(head.ContentType ? { contentType: head.ContentType } : {}),
        ...(head.ETag ? { eTag: head.ETag } : {}),
        // Unversioned buckets report "null" as the version id: it identifies nothing, the ETag does.
        ...(head.VersionId && head.VersionId !== 'null' ? { versionId: head.VersionId } : {}),
      };
    } catch (error) {
      if (status(error) === 404) return undefined;
      throw error;
    }
  }

  async getBytes(ref: ObjectRef & { eTag?: string; range?: ByteRange }): Promise<Uint8Array> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({
          ...versioned(ref),
          ...(ref.eTag ? { IfMatch: ref.eTag } : {}),
          ...(ref.range
            ? { Range: `bytes=${ref.range.start}-${ref.range.start + ref.range.length - 1}` }
            : {}),
        }),
      );
      if (!object.Body)
        throw new ReceiptError('SOURCE_NOT_FOUND', `s3://${ref.bucket}/${ref.key} has no body`, false);
      return await object.Body.transformToByteArray();
    } catch (error) {
      const code = status(error);
      if (code === 404) {
        throw new ReceiptError('SOURCE_NOT_FOUND', `the image ${ref.key} no longer exists`, false, {
          cause: error,
        });
      }
      if (code === 412) {
        throw new ReceiptError('SOURCE_CHANGED', `the image ${ref.key} was replaced while being read`, true, {
          cause: error,
        });
      }
      throw error;
    }
  }

  async putJson(ref: ObjectRef, value: unknown): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: ref.bucket,
        Key: ref.key,
        Body: JSON.stringify(value),
        ContentType: 'application/json',
      }),
    );
  }

  async getJson(ref: ObjectRef): Promise<unknown> {
    try {
      const object = await this.client.send(new GetObjectCommand(versioned(ref)));
      const text = (await object.Body?.transformToString('utf8')) ?? '';
      return JSON.parse(text);
    } catch (error) {
      if (status(error) === 404) return undefined;
      throw error;
    }
  }

  async delete(ref: ObjectRef): Promise<void> {
    await this.client.send(new DeleteObjectCommand(versioned(ref)));
  }
}
