/**
 * Drag and drop (or choose) one or many images: each gets a receipt and a presigned POST, uploads with its own
 * progress bar, and is handed to the list, which follows it to COMPLETED.
 */
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { type ReceiptsApi, uploadToS3 } from './api.js';
import { errorText } from './format.js';

const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp', 'image/tiff', 'image/gif', 'image/bmp'];

interface Upload {
  key: string;
  name: string;
  progress: number;
  error?: string;
}

export function UploadZone({ api, onUploaded }: { api: ReceiptsApi; onUploaded: (id: string) => void }) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [over, setOver] = useState(false);
  const update = (key: string, change: Partial<Upload>) =>
    setUploads((all) => all.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));

  const send = async (file: File, key: string) => {
    try {
      if (!ACCEPTED.includes(file.type)) {
        throw new Error(
          `${file.type || 'this file type'} is not an image the OCR reads (JPEG, PNG, WebP, TIFF, GIF, BMP)`,
        );
      }
      const created = await api.create(file);
      await uploadToS3(created.upload, file, (progress) => update(key, { progress }));
      onUploaded(created.id);
      setUploads((all) => all.filter((upload) => upload.key !== key));
    } catch (error) {
      update(key, { error: errorText(error) });
    }
  };

  const take = (files: FileList | null) => {
    const list = [...(files ?? [])];
    const added = list.map((file, index) => ({
      key: `${Date.now()}-${index}-${file.name}`,
      name: file.name,
      progress: 0,
    }));
    setUploads((all) => [...all, ...added]);
    list.forEach((file, index) => void send(file, added[index]?.key ?? ''));
  };

  return html`<section
    class=${`dropzone${over ? ' over' : ''}`}
    aria-label="Upload receipts"
    onDragOver=${(event: DragEvent) => {
      event.preventDefault();
      setOver(true);
    }}
    onDragLeave=${() => setOver(false)}
    onDrop=${(event: DragEvent) => {
      event.preventDefault();
      setOver(false);
      take(event.dataTransfer?.files ?? null);
    }}
  >
    <label class="button">
      Upload receipts
      <input
        type="file"
        accept=${ACCEPTED.join(',')}
        multiple
        class="visually-hidden"
        onChange=${(event: Event) => {
          const input = event.currentTarget as HTMLInputElement;
          take(input.files);
          input.value = '';
        }}
      />
    </label>
    <span class="hint">or drop images here</span>
    ${
      uploads.length > 0
        ? html`<ul class="uploads">
          ${uploads.map(
            (upload) => html`<li key=${upload.key}>
              <span>${upload.name}</span>
              ${
                upload.error
                  ? html`<span class="error" role="alert">${upload.error}</span>`
                  : html`<progress max="1" value=${upload.progress} aria-label=${`Uploading ${upload.name}`} />`
              }
            </li>`,
          )}
        </ul>`
        : null
    }
  </section>`;
}
