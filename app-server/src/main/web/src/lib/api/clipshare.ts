import { http } from './http';
import type {
  ClipStarted,
  GuestLink,
  GuestSession,
  GuestView,
  NewShare,
  Share,
  ShareAnalytics,
  ShareCreated,
  SharePatch,
  Template,
  TemplateBody,
  TemplateFile,
} from './types';
import type { ClipRequest } from '../clips';

// The REST calls of clips, templates, share links and the guest page. Kept apart from api.ts so the
// review and library pages' calls stay one short list.

const enc = encodeURIComponent;

export const templateApi = {
  list: async (projectId?: string) =>
    (await http.get<{ items: Template[] }>('/api/templates', { query: { projectId } })).items,
  get: (id: string) => http.get<Template>(`/api/templates/${enc(id)}`),
  create: (t: TemplateBody) => http.post<Template>('/api/templates', t, { idempotent: true }),
  update: (id: string, t: TemplateBody) => http.put<Template>(`/api/templates/${enc(id)}`, t),
  remove: (id: string) => http.del<void>(`/api/templates/${enc(id)}`),
  // Neither the upload nor the preview leaves the editor on a 401: the editor shows the failure.
  /** Uploads a PNG watermark or an SRT/VTT subtitle file as the raw body. */
  upload: (file: File) =>
    http.post<TemplateFile>('/api/templates/files', undefined, { raw: file, query: { filename: file.name }, quiet401: true }),
  /** The still of a source frame with an unsaved template applied (the editor's live preview). */
  preview: (t: TemplateBody, mediaId: string, frame: number, width: number, slate = false) =>
    http.post<Blob>('/api/templates/preview', t, {
      query: { mediaId, frame, width, slate: slate ? 1 : undefined },
      blob: true,
      quiet401: true,
    }),
};

export const clipApi = {
  create: (sourceMediaId: string, body: ClipRequest) =>
    http.post<ClipStarted>(`/api/media/${enc(sourceMediaId)}/clips`, body, { idempotent: true }),
  downloadUrl: (mediaId: string) => `/api/media/${enc(mediaId)}/download`,
};

export const shareApi = {
  list: async (targetType?: string, targetId?: string) =>
    (await http.get<{ items: Share[] }>('/api/shares', { query: { targetType, targetId } })).items,
  create: (body: NewShare) => http.post<ShareCreated>('/api/shares', body, { idempotent: true }),
  update: (id: string, patch: SharePatch) => http.patch<Share>(`/api/shares/${enc(id)}`, patch),
  revoke: (id: string) => http.del<void>(`/api/shares/${enc(id)}`),
  analytics: (id: string) => http.get<ShareAnalytics>(`/api/shares/${enc(id)}/analytics`, { query: { format: 'json' } }),
  csvUrl: (id: string) => `/api/shares/${enc(id)}/analytics?format=csv`,
};

// The guest page's calls: a 401 there means the guest session ended, not "sign in", so none of them
// sends the page to the sign-in screen.
export const guestApi = {
  link: (token: string) => http.get<GuestLink>(`/api/guest/links/${enc(token)}`, { quiet401: true }),
  start: (body: { token: string; name: string; email?: string; password?: string }) =>
    http.post<GuestSession>('/api/guest/sessions', body, { quiet401: true }),
  view: () => http.get<GuestView>('/api/guest/view', { quiet401: true }),
  heartbeat: (h: { mediaId: string; fromFrame: number; toFrame: number; seconds: number }) =>
    http.post<void>('/api/guest/heartbeat', h, { quiet401: true }),
};
