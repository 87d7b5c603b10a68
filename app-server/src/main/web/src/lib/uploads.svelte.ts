import * as tus from 'tus-js-client';
import { api } from './api/api';
import { cookie, IDEMPOTENCY_HEADER, newIdempotencyKey } from './api/http';
import { describe } from './api/errors';

// Resumable uploads over tus. The list (names, sizes, bytes sent, where each file goes) is kept in
// localStorage and tus-js-client keeps each upload's server URL there too, so after a reload the
// list is still shown and picking the same file again continues from the server's offset.

export type UploadState = 'uploading' | 'interrupted' | 'filing' | 'done' | 'failed';

export interface UploadItem {
  key: string;
  name: string;
  size: number;
  sent: number;
  state: UploadState;
  error: string | null;
  mediaId: string | null;
  assetId: string | null;
  projectId: string | null;
  /** The folder of the project the new asset goes into; null for the project's top level. */
  folderId?: string | null;
  /** When set, the file becomes a new version of this asset instead of a new asset. */
  versionOf: string | null;
  startedAt: number;
  /**
   * The idempotency key of filing the arrived media (as an asset or a version), kept across reloads so
   * that filing again after a lost answer cannot file it twice.
   */
  filing?: { mediaId: string; key: string } | null;
  /** The server filed it at its target as the last byte arrived (it named the asset): nothing left to do. */
  filedByServer?: boolean;
}

const STORE = 'framewise.uploads';
const running = new Map<string, tus.Upload>();

function restore(): UploadItem[] {
  try {
    const items = JSON.parse(localStorage.getItem(STORE) ?? '[]') as UploadItem[];
    // Whatever was running when the page went away is now waiting for its file to be picked again.
    return items.map((i) => (i.state === 'uploading' ? { ...i, state: 'interrupted' } : i));
  } catch {
    return [];
  }
}

export const uploads: { items: UploadItem[] } = $state({ items: restore() });

function save(): void {
  localStorage.setItem(STORE, JSON.stringify(uploads.items));
}

function keyOf(file: File, target: string): string {
  return `${file.name}|${file.size}|${file.lastModified}|${target}`;
}

function update(key: string, patch: Partial<UploadItem>): void {
  const item = uploads.items.find((i) => i.key === key);
  if (item) Object.assign(item, patch);
  save();
}

export function titleOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return (dot > 0 ? fileName.slice(0, dot) : fileName).slice(0, 300) || fileName;
}

export type Filed = (item: UploadItem) => void;

/** Starts (or resumes) uploading a file into a project's folder, or as a new version of an asset. */
export function startUpload(
  file: File,
  target: { projectId: string | null; folderId?: string | null; versionOf?: string | null },
  onFiled: Filed,
): void {
  const key = keyOf(file, target.versionOf ?? [target.projectId ?? '', target.folderId ?? ''].filter(Boolean).join('/'));
  if (running.has(key)) return;
  let item = uploads.items.find((i) => i.key === key);
  if (!item) {
    item = {
      key,
      name: file.name,
      size: file.size,
      sent: 0,
      state: 'uploading',
      error: null,
      mediaId: null,
      assetId: null,
      projectId: target.projectId,
      folderId: target.folderId ?? null,
      versionOf: target.versionOf ?? null,
      startedAt: Date.now(),
    };
    uploads.items.unshift(item);
  }
  update(key, { state: 'uploading', error: null });
  // One key per start: tus-js-client's own retries of the creation reuse it, so a lost answer cannot
  // make a second upload on the server.
  const createKey = newIdempotencyKey();
  const upload = new tus.Upload(file, {
    endpoint: '/api/tus',
    // The server files the upload where it goes as its last byte arrives (Upload-Asset-Id answers
    // which asset); without a project the old way stays: file it afterwards, into the default project.
    metadata: {
      filename: file.name,
      filetype: file.type || 'application/octet-stream',
      ...(target.versionOf
        ? { assetId: target.versionOf }
        : target.projectId
          ? { projectId: target.projectId, ...(target.folderId ? { folderId: target.folderId } : {}) }
          : {}),
    },
    retryDelays: [0, 1000, 3000, 5000, 10000],
    removeFingerprintOnSuccess: true,
    chunkSize: 32 * 1024 * 1024,
    onBeforeRequest(req) {
      const token = cookie('fw_csrf');
      if (token) req.setHeader('X-CSRF-Token', token);
      if (req.getMethod() === 'POST') req.setHeader(IDEMPOTENCY_HEADER, createKey);
    },
    onAfterResponse(_req, res) {
      const id = res.getHeader('Upload-Media-Id');
      if (id) update(key, { mediaId: id });
      const asset = res.getHeader('Upload-Asset-Id');
      if (asset && (target.versionOf || target.projectId)) update(key, { assetId: asset, filedByServer: true });
    },
    onProgress(sent) {
      update(key, { sent });
    },
    onError(err) {
      running.delete(key);
      const body = (err as { originalResponse?: tus.HttpResponse }).originalResponse?.getBody();
      let message = err.message;
      try {
        const parsed = body ? JSON.parse(body) : null;
        if (parsed?.error?.message) message = parsed.error.message;
      } catch {
        /* the tus library's own message is the best we have */
      }
      update(key, { state: 'failed', error: `Upload failed: ${message}` });
    },
    async onSuccess() {
      running.delete(key);
      update(key, { state: 'filing', sent: file.size });
      try {
        await file_(key);
        update(key, { state: 'done' });
        const done = uploads.items.find((i) => i.key === key);
        if (done) onFiled(done);
      } catch (e) {
        update(key, { state: 'failed', error: `The file arrived but could not be added to the library: ${describe(e)}` });
      }
    },
  });
  running.set(key, upload);
  upload
    .findPreviousUploads()
    .then((previous) => {
      if (previous.length > 0) upload.resumeFromPreviousUpload(previous[0]);
      upload.start();
    })
    .catch(() => upload.start());
}

/** Files an arrived upload: a new asset in its project, or a new version of its asset. */
async function file_(key: string): Promise<void> {
  const item = uploads.items.find((i) => i.key === key);
  if (!item) return;
  if (item.filedByServer && item.assetId) return;
  const mediaId = item.mediaId ?? (await findMedia(item));
  if (!mediaId) throw new Error('the server did not name the media item');
  const filing = filingKey(item, mediaId);
  update(key, { mediaId, filing });
  if (item.versionOf) {
    await api.addVersion(item.versionOf, mediaId, filing.key);
    update(key, { assetId: item.versionOf });
  } else {
    const asset = await api.createAsset(item.projectId, titleOf(item.name), mediaId, item.folderId ?? null, filing.key);
    update(key, { assetId: asset.id });
  }
}

/** The key filing this media item uses: the same on every try for the same media, a new one for new media. */
export function filingKey(item: Pick<UploadItem, 'filing'>, mediaId: string): { mediaId: string; key: string } {
  return item.filing && item.filing.mediaId === mediaId ? item.filing : { mediaId, key: newIdempotencyKey() };
}

/** For servers that do not send Upload-Media-Id: the newest item with this name and size. */
async function findMedia(item: UploadItem): Promise<string | null> {
  const all = await api.allMedia();
  const match = all
    .filter((m) => m.name === item.name && (m.sizeBytes == null || m.sizeBytes === item.size))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return match?.id ?? null;
}

export function pauseUpload(key: string): void {
  const u = running.get(key);
  if (!u) return;
  running.delete(key);
  u.abort();
  update(key, { state: 'interrupted' });
}

export function forgetUpload(key: string): void {
  const u = running.get(key);
  if (u) {
    running.delete(key);
    u.abort(true).catch(() => {});
  }
  uploads.items = uploads.items.filter((i) => i.key !== key);
  save();
}

export function clearFinished(): void {
  uploads.items = uploads.items.filter((i) => i.state !== 'done');
  save();
}

export function isRunning(key: string): boolean {
  return running.has(key);
}
