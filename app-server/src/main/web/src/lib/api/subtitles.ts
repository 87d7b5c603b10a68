import { http } from './http';
import type { components } from './schema';

// The REST calls of subtitle tracks (openapi.json, tag subtitles).

export type SubtitleTrack = components['schemas']['SubtitleTrack'];
export type SubtitleCue = components['schemas']['SubtitleCue'];

const enc = encodeURIComponent;

export const subtitleApi = {
  tracks: (mediaId: string) => http.get<SubtitleTrack[]>(`/api/media/${enc(mediaId)}/subtitles`),
  cues: (mediaId: string, trackId: string, q?: string) =>
    http.get<SubtitleCue[]>(`/api/media/${enc(mediaId)}/subtitles/${enc(trackId)}/cues`, { query: { q } }),
  search: (mediaId: string, q: string) =>
    http.get<SubtitleCue[]>(`/api/media/${enc(mediaId)}/subtitles/search`, { query: { q } }),
  upload: (mediaId: string, file: Blob, language?: string, label?: string, isDefault?: boolean) =>
    http.post<SubtitleTrack>(`/api/media/${enc(mediaId)}/subtitles`, undefined, {
      raw: file,
      query: { language: language || undefined, label: label || undefined, default: isDefault ? 'true' : undefined },
    }),
  remove: (mediaId: string, trackId: string) =>
    http.del<void>(`/api/media/${enc(mediaId)}/subtitles/${enc(trackId)}`),
};
