import { http } from './http';
import type { components } from './schema';

// The REST calls of suggested scene markers (openapi.json, tag scenes).

export type SceneCut = components['schemas']['SceneCut'];
export type SceneCuts = components['schemas']['SceneCuts'];
export type Note = components['schemas']['Note'];

const enc = encodeURIComponent;

export const sceneCutApi = {
  list: (mediaId: string) => http.get<SceneCuts>(`/api/media/${enc(mediaId)}/scene-cuts`),
  accept: (mediaId: string, cutId: string) =>
    http.post<Note>(`/api/media/${enc(mediaId)}/scene-cuts/${enc(cutId)}/accept`),
  acceptAll: (mediaId: string) =>
    http.post<{ notes: Note[] }>(`/api/media/${enc(mediaId)}/scene-cuts/accept-all`),
  dismiss: (mediaId: string, cutId: string) =>
    http.del<void>(`/api/media/${enc(mediaId)}/scene-cuts/${enc(cutId)}`),
};
